/// The model format, defined once. The loader's key lists (`SectionDecoder`),
/// the JSON Schema that `demarc schema` prints (`ModelSchema`) and the field
/// reference in docs/model.md (`FieldReference`) all come from this table.
public enum ModelFormat {
    /// The definitions, in the order the schema and the reference give them.
    public static let definitions: [FormatDefinition] = [
        model, revision, source, sourceRef, party, layer, owner, offering, responsible, evidence, topic,
        catalogue, entry, demand, parameter, condition, correspondence,
        mappingItem, scope, answer, arrow, consideration, override, does,
        overlay, base, pin, refinement, replacements, removals, requirements, parameterValue, rating,
    ]

    /// The keys a model file may hold at its top level.
    public static let topLevel: [FormatField] = [
        FormatField("demarc", .formatVersion(1), "Format version", "The format version: 1."),
        FormatField(
            "model", .definition("Model"), inOverlay: .patch("Model", key: nil), "Model metadata",
            "In an overlay, the fields given replace the base's (notes are added to the base's)."),
        FormatField("parties", .list(.definition("Party")), "Parties", "Who does the work; lists are merged across files."),
        FormatField("layers", .list(.definition("Layer")), "Layers", "The stack, bottom to top; in one file."),
        FormatField("offerings", .list(.definition("Offering")), "Offerings"),
        FormatField("topics", .list(.definition("Topic")), "Disclosure topics"),
        FormatField("mapping", .list(.definition("MappingEntry")), "Mapping", "Per catalogue entry: its scope and the topics that answer it."),
        FormatField("overrides", .list(.definition("Override")), "Overrides"),
        FormatField("catalogue", .definition("Catalogue"), "Catalogue"),
        FormatField(
            "requirements", .definition("Requirements"), "Requirements",
            "The agency's requirements, written against the standard's catalogue alone: the examples it adopts, its parameter values, its ratings, what a next contractor must inherit."
        ),
        FormatField(
            "overlay", .definition("Overlay"), "Overlay",
            "Makes the model an overlay on a base: what it changes of the base. Its other sections add to the base; its `model` fields replace the base's."
        ),
    ]

    /// The definition named `name`; a name missing from the table is a bug of the table (a test walks every reference).
    public static func definition(_ name: String) -> FormatDefinition? {
        definitions.first { $0.name == name }
    }

    static let notes = FormatField("notes", .list(.text), "Notes")

    /// The languages a model may be written in (codes): those Demarc has wording for.
    public static let languages = ["ja", "en"]
    /// Their names, for the schema and the reference.
    static let languageNames = ["Japanese", "English"]

    /// `{not-applicable: reason}`, an owner of a layer that does not exist in the offering.
    static let notApplicable = [
        FormatField(
            "not-applicable", .text, required: true, missingRule: .notApplicableReason, "Not applicable",
            "Why the layer does not exist in this offering (required).")
    ]

    /// `{when, then}`, a condition with what must then be done.
    static let whenThen = [
        FormatField("when", .text, required: true, "When", "The condition."),
        FormatField("then", .text, "Then", "What must then be done."),
    ]

    static let model = FormatDefinition.object(
        "Model", "Model metadata",
        "What the model is: id, name, version and the date it describes (`as-of`). Given exactly once in a model.",
        [
            FormatField("id", .id, required: true, "Id", "The model's id."),
            FormatField("name", .text, required: true, "Name"),
            FormatField("version", .version, required: true, "Version", "The model's own version, e.g. 1.0.0."),
            FormatField("as-of", .date, required: true, "As of", "The date the model describes (YYYY-MM-DD); output shows it, never the clock."),
            FormatField(
                "languages", .list(.choice(languages), minItems: 1, unique: true), "Languages",
                "The languages the model is written in (default [ja, en]): the first is required in every text, the others are warned about where missing; outputs are made in these."
            ),
            FormatField("catalogue", .path, "Catalogue", "A folder or file holding the catalogue, relative to this file."),
            FormatField("provider", .text, "Provider", "The provider of the cloud service."),
            FormatField(
                "contract-holder", .id, "Contract holder",
                "The customer-side party that holds the contract with the provider (default: the accountable party). Where it is not the accountable party, what the provider owes under the contract is its duty to pass on."
            ),
            FormatField("service", .text, "Service", "The cloud service the model describes."),
            FormatField("sources", .list(.definition("Source")), "Sources", "Documents that topics and offerings cite by id."),
            FormatField("notes", .list(.text), "Notes", "Free notes: corrections of the source, licence remarks."),
            FormatField(
                "effective", .date, "Effective",
                "The date this version takes effect for customers (YYYY-MM-DD), which may lie months after it is published: `demarc diff`'s change notice gives it."
            ),
            FormatField(
                "revisions", .list(.definition("Revision")), "Revisions",
                "What changed in each version and why, newest first (改版履歴): `demarc diff`'s change notice quotes the new version's."),
        ])

    static let revision = FormatDefinition.object(
        "Revision", "Revision", "One version's entry in the model's history of changes.",
        [
            FormatField("version", .version, required: true, "Version", "The version it describes."),
            FormatField("date", .date, "Date", "When it was made."),
            FormatField("reason", .text, required: true, "Reason", "What changed and why, in the model's languages."),
        ])

    static let source = FormatDefinition.object(
        "Source", "Source document", "A document that topics and offerings cite by id.",
        [
            FormatField("id", .id, required: true, "Id", "The id that source references (`document:`) use."),
            FormatField("title", .text, required: true, "Title"),
            FormatField("publisher", .text, "Publisher"),
            FormatField("url", .url, "URL", "Where the document is published (optional)."),
        ])

    static let sourceRef = FormatDefinition.object(
        "SourceRef", "Source reference", "Where in a source document something is said: the document (an id from `model.sources`), the page, a note.",
        [
            FormatField("document", .id, "Document", "The id of a document in `model.sources`."),
            FormatField("page", .page, "Page", "The page number (1 or more)."),
            FormatField("note", .text, "Note"),
        ], minProperties: 1)

    static let party = FormatDefinition.object(
        "Party", "Party", "Who does the work. A model needs two or more parties.",
        [
            FormatField("id", .id, required: true, "Id"),
            FormatField("name", .text, required: true, "Name"),
            FormatField("short", .text, "Short name", "For tight spaces (optional)."),
            FormatField("side", .choice(Side.allCases.map(\.rawValue)), required: true, "Side", "Which side of the demarcation: provider or customer."),
            FormatField("role", .role, required: true, "Role", "agency 発注者 | contractor 受注者 | user 利用者 | provider 事業者 | third-party 第三者."),
            FormatField(
                "colour", .colour, "Colour",
                "Text/line colour on white, `#rrggbb`; should reach 4.5:1 against white. Without one, the party gets the next colour of the default palette (each 4.5:1 or more)."
            ),
            FormatField(
                "name-in-text", .text, "Name in running text",
                "How running text refers to the party (e.g. en: the provider); the short name by default."),
            FormatField("works-for", .id, "Works for", "The party it works for (a provider's subcontractor: CCM's third-party outsourced)."),
            FormatField("description", .text, "Description"),
        ])

    static let layer = FormatDefinition.object(
        "Layer", "Layer", "One layer of the stack. `layers` lists them bottom to top, in one file.",
        [
            FormatField("id", .id, required: true, "Id"),
            FormatField("name", .text, required: true, "Name"),
            FormatField("short", .text, "Short name", "A short name for tight spaces (matrix column headers)."),
            FormatField("description", .text, "Description"),
        ])

    static let owner = FormatDefinition.value(
        "Owner", "Owner",
        "Who owns a layer in an offering: one party id, a list of two or more party ids (shared), or `{not-applicable: reason}`.",
        .oneOf([
            FormatAlternative("One party", .id),
            FormatAlternative("Shared", .list(.id, minItems: 2, unique: true), "Two or more parties sharing the layer."),
            FormatAlternative(
                "Not applicable",
                .inline(notApplicable)),
        ]))

    static let offering = FormatDefinition.object(
        "Offering", "Offering", "One offering of the service; it assigns every layer an owner.",
        [
            FormatField("id", .id, required: true, "Id"),
            FormatField("name", .text, required: true, "Name"),
            FormatField("short", .text, "Short name", "For tight spaces (optional)."),
            FormatField("description", .text, "Description", "What the offering is."),
            FormatField("source", .definition("SourceRef"), "Source"),
            FormatField("tenancy", .choice(Tenancy.allCases.map(\.rawValue)), "Tenancy", "multi-tenant | dedicated (optional; used in reasons)."),
            FormatField("tenancy-source", .definition("SourceRef"), "Tenancy source", "Where the source says the tenancy."),
            FormatField(
                "owners", .map(keys: .id, values: .definition("Owner")), required: true, "Owners",
                "Layer id → owner: a party id, a list of two or more party ids, or `{not-applicable: reason}`."),
            notes,
        ])

    static let responsible = FormatDefinition.value(
        "Responsible", "Responsible",
        "The party the topic makes responsible: a party id, a list of party ids, or `follows-demarcation` when it depends on who owns the layers.",
        .anyOf([
            FormatAlternative("Follows the demarcation", .constant("follows-demarcation")),
            FormatAlternative("One party", .id),
            FormatAlternative("Parties", .list(.id, minItems: 1, unique: true)),
        ]))

    static let evidence = FormatDefinition.object(
        "Evidence", "Evidence",
        "An item of evidence for a topic: an audit report, certification, registration, contract article or white paper.",
        [
            FormatField("id", .id, required: true, "Id"),
            FormatField(
                "kind", .choice(EvidenceKind.allCases.map(\.rawValue)), required: true, "Kind",
                "audit-report | certification | ismap-registration | contract-article | white-paper."),
            FormatField("title", .text, required: true, "Title"),
            FormatField("reference", .text, "Reference", "Where in the document, e.g. 一般規程 第1章 第7条 (optional)."),
            FormatField("url", .url, "URL"),
            FormatField("valid-from", .date, "Valid from"),
            FormatField("valid-until", .date, "Valid until", "Expired at the model's as-of date → warning."),
            FormatField("note", .text, "Note"),
        ])

    static let topic = FormatDefinition.object(
        "Topic", "Disclosure topic", "What the provider says about itself, with evidence. Stable ids, so diffs can name them.",
        [
            FormatField("id", .id, required: true, "Id"),
            FormatField("title", .text, required: true, "Title"),
            FormatField("source", .definition("SourceRef"), required: true, "Source"),
            FormatField("responsible", .definition("Responsible"), required: true, "Responsible"),
            FormatField("statement", .text, required: true, "Statement", "The disclosure in the modeller's own words."),
            FormatField(
                "statements", .map(keys: .id, values: .text), "Statements per offering",
                "Offering id → statement, where the statement differs per offering (optional)."),
            FormatField("sic", .flag, "Sic", "true: the source's text is defective here and quoted as is."),
            FormatField(
                "commitment", .text, "Commitment",
                "What the provider commits to in this statement, in a few words (listed among the provider's commitments)."),
            FormatField("evidence", .list(.definition("Evidence")), "Evidence"),
            notes,
        ])

    static let catalogue = FormatDefinition.object(
        "Catalogue", "Catalogue", "The standard's own content, separate from any provider; usually its own folder.",
        [
            FormatField("id", .id, required: true, "Id"),
            FormatField("standard", .text, required: true, "Standard"),
            FormatField("edition", .text, required: true, "Edition"),
            FormatField("accountable-role", .role, required: true, "Accountable role", "The role of the party accountable for every entry."),
            FormatField("source", .definition("SourceRef"), "Source"),
            FormatField("entries", .list(.definition("Entry")), required: true, "Entries"),
            FormatField("correspondences", .list(.definition("Correspondence")), "Correspondences", "Entries of other editions (X ↔ Y)."),
            FormatField(
                "kind-names", .map(keys: .choice(EntryKind.allCases.map(\.rawValue)), values: .text), "Kind names",
                "What the standard calls each kind of entry, in its languages (e.g. basic-measure: {en: control}); the built-in words otherwise."
            ),
            FormatField(
                "role-names", .map(keys: .choice(Role.allCases.map(\.rawValue)), values: .text), "Role names",
                "What the standard calls each role, in its languages (e.g. agency: {en: the cloud service customer}); used wherever a role, not a party, is named."
            ),
            FormatField(
                "demand-names", .map(keys: .choice(DemandTarget.allCases.map(\.rawValue)), values: .text), "Demand names",
                "What the standard calls each place a demand goes, in its languages (e.g. contract: {en: the service agreement}); the built-in words otherwise."
            ),
        ])

    static let entry = FormatDefinition.object(
        "Entry", "Catalogue entry", "One entry of the standard: a requirement 遵守事項, a basic measure 基本対策事項 or an example 例.",
        [
            FormatField("id", .entryId, required: true, "Id"),
            FormatField(
                "kind", .choice(EntryKind.allCases.map(\.rawValue)), required: true, "Kind",
                "requirement 遵守事項 | basic-measure 基本対策事項 | example 例."),
            FormatField(
                "act", .choice(Act.allCases.map(\.rawValue)), "Act",
                "What it asks of the accountable party: decision (its own judgement) | confirmation (confirm what is done) | contract-term (state it in the contract) | measure. Default: requirements and basic measures decision, examples measure."
            ),
            FormatField(
                "accountable-role", .role, "Accountable role",
                "The role accountable for this entry, where it is not the catalogue's (a control addressed to the provider, as in ISO/IEC 27017 or CCM)."
            ),
            FormatField("parent", .entryId, "Parent", "A basic-measure hangs under a requirement, an example under a basic-measure."),
            FormatField("title", .text, "Title"),
            FormatField("text", .text, required: true, "Text", "The standard's text."),
            FormatField("commentary", .list(.text), "Commentary", "The guideline's commentary, point by point; [] for 「解説なし」."),
            FormatField("source", .definition("SourceRef"), "Source"),
            FormatField("demands", .list(.definition("Demand")), "Demands", "What must be written where."),
            FormatField("conditions", .list(.definition("Condition")), "Conditions", "【…の場合】: a text, or {when, then} with what must then be done."),
            FormatField("parameters", .list(.definition("Parameter")), "Parameters"),
        ])

    static let demand = FormatDefinition.object(
        "Demand", "Demand", "What must be written where.",
        [
            FormatField(
                "into", .choice(DemandTarget.allCases.map(\.rawValue)), required: true, "Into",
                "specification 仕様書 | contract 契約 | selection-criteria 選定条件."),
            FormatField("text", .text, required: true, "Text"),
            FormatField(
                "strength", .choice(Strength.allCases.map(\.rawValue)), "Strength", "required (default) | desirable, where the standard only suggests it."),
        ])

    static let parameter = FormatDefinition.object(
        "Parameter", "Parameter", "A value an entry asks for, e.g. a log retention period.",
        [
            FormatField("id", .id, required: true, "Id"),
            FormatField("name", .text, required: true, "Name"),
            FormatField("value", .text, required: true, "Value"),
            FormatField("strength", .choice(Strength.allCases.map(\.rawValue)), "Strength", "required (default) | desirable."),
        ])

    static let condition = FormatDefinition.value(
        "Condition", "Condition", "A condition of the entry (【…の場合】): a text, or `{when, then}` with what must then be done.",
        .anyOf([
            FormatAlternative("Text", .text),
            FormatAlternative(
                "When and then",
                .inline(whenThen)),
        ]))

    static let correspondence = FormatDefinition.object(
        "Correspondence", "Correspondence", "An entry of this catalogue and its counterpart in another edition; never invented.",
        [
            FormatField("entry", .entryId, required: true, "Entry", "The entry of this catalogue."),
            FormatField("edition", .id, required: true, "Edition", "The other catalogue's id."),
            FormatField("other", .entryId, required: true, "Other entry", "The entry of the other catalogue."),
            FormatField("relation", .choice(Relation.allCases.map(\.rawValue)), required: true, "Relation", "equivalent | broader | narrower | related."),
            FormatField("note", .text, "Note"),
        ])

    static let mappingItem = FormatDefinition.object(
        "MappingEntry", "Mapping item", "The provider's side for one catalogue entry: its scope and the topics that answer it.",
        [
            FormatField("entry", .entryId, required: true, "Entry", "A catalogue entry id."),
            FormatField("scope", .definition("Scope"), "Scope", "The layers the entry concerns (a list of layer ids), or the word `organisational`."),
            FormatField("scope-basis", .choice(Basis.allCases.map(\.rawValue)), "Scope basis", "source | interpretation (default: interpretation)."),
            FormatField("answers", .list(.definition("Answer")), "Answers"),
            FormatField("considerations", .list(.definition("Consideration")), "Considerations", "Risks the commentary names, tied to tenancy."),
            FormatField("question", .text, "Question", "What the agency should ask where coverage is short (optional)."),
            notes,
        ])

    static let scope = FormatDefinition.value(
        "Scope", "Scope", "The layers an entry concerns (a list of layer ids), or the word `organisational`.",
        .anyOf([
            FormatAlternative("Organisational", .constant("organisational")),
            FormatAlternative("Layers", .list(.id, minItems: 1, unique: true)),
        ]))

    static let answer = FormatDefinition.object(
        "Answer", "Answer", "A topic that answers the entry, and how well.",
        [
            FormatField("topic", .id, required: true, "Topic", "A topic id."),
            FormatField(
                "coverage", .choice([Coverage.full, .partial, .customerOnly].map(\.rawValue)), required: true, "Coverage",
                "full: the disclosure answers the entry | partial: part of it | customer-only: it only says the matter is the customer's."),
            FormatField(
                "basis", .choice(Basis.allCases.map(\.rawValue)), "Basis", "source: the source's own arrow | interpretation: the modeller's."),
            FormatField("arrow", .definition("Arrow"), "Arrow", "Where the source puts the arrow (optional)."),
            FormatField("part", .text, "Part", "What the topic's own party does for this entry, in a few words."),
            FormatField("parts", .map(keys: .id, values: .text), "Parts", "What each party the statement speaks of does, by party id."),
            FormatField(
                "missing", .text, "Missing", "What the disclosure leaves unanswered, as a noun phrase: it becomes the question to the provider."),
            FormatField("note", .text, "Note"),
        ])

    static let arrow = FormatDefinition.object(
        "Arrow", "Arrow", "Where the source's own arrow (→情報提供「p…」) stands.",
        [FormatField("page", .page, required: true, "Page", "The page the arrow stands on.")])

    static let consideration = FormatDefinition.object(
        "Consideration", "Consideration", "A risk the commentary names, tied to tenancy.",
        [
            FormatField("applies-to", .choice(Tenancy.allCases.map(\.rawValue)), required: true, "Applies to", "multi-tenant | dedicated."),
            FormatField("text", .text, required: true, "Text"),
        ])

    static let override = FormatDefinition.object(
        "Override", "Override", "A hand-entered answer for one cell (entry × offering), always with a reason.",
        [
            FormatField("entry", .entryId, required: true, "Entry"),
            FormatField("offering", .id, required: true, "Offering", "An offering id."),
            FormatField(
                "does", .definition("Does"), required: true, "Does", "Who does the entry there: a party id, a list of party ids, or `not-applicable`."),
            FormatField(
                "reason", .text, required: true, missingRule: .overrideNoReason, "Reason", "Why the rule gives the wrong result here (required)."),
        ])

    static let does = FormatDefinition.value(
        "Does", "Does", "Who does an overridden entry: a party id, a list of party ids, or `not-applicable`.",
        .anyOf([
            FormatAlternative("Not applicable", .constant("not-applicable")),
            FormatAlternative("One party", .id),
            FormatAlternative("Parties", .list(.id, minItems: 1, unique: true)),
        ]))
}

extension ModelFormat {
    static let overlay = FormatDefinition.object(
        "Overlay", "Overlay", "The base this model builds on, the pin of the base's version, and what it changes of the base.",
        [
            FormatField("base", .definition("Base"), required: true, "Base", "The base model: a folder or file relative to this file, or {built-in: ID}."),
            FormatField(
                "pin", .definition("Pin"), "Pin", "The base's id, version and content hash this overlay was written against; a different base is refused."),
            FormatField("refine", .list(.definition("Refinement")), "Refine", "Parties of the base made into several."),
            FormatField("replace", .definition("Replacements"), "Replace", "Fields of base items replaced, by id (lists replaced whole)."),
            FormatField("remove", .definition("Removals"), "Remove", "Base items removed, by id."),
            FormatField(
                "requirements", .path, "Requirements",
                "The agency's requirements file, relative to this file (a file of the overlay's own folder is read without naming it)."),
        ])

    static let requirements = FormatDefinition.object(
        "Requirements", "Requirements",
        "The agency's requirements: fixed by its approval before the provider is known, so written against the catalogue alone.",
        [
            FormatField("id", .id, required: true, "Id"),
            FormatField("name", .text, required: true, "Name"),
            FormatField("version", .version, "Version"),
            FormatField("approved", .date, "Approved", "The date of the agency's approval (決裁)."),
            FormatField("catalogue", .id, "Catalogue", "The id of the catalogue the requirements are written against; the model's must be it."),
            FormatField(
                "adopts", .list(.entryId, unique: true), "Adopts",
                "The example items (例) the agency adopts; examples not listed are left out of the model. Without `adopts`, every example is."),
            FormatField("parameters", .list(.definition("ParameterValue")), "Parameters", "The agency's values for the catalogue's parameters."),
            FormatField("ratings", .list(.definition("Rating")), "Ratings", "The agency's classifications (格付), e.g. 可用性区分."),
            FormatField("inherit", .list(.entryId, unique: true), "Inherit", "Entries a next contractor must inherit (継承必須)."),
        ])

    static let parameterValue = FormatDefinition.object(
        "ParameterValue", "Parameter value", "The agency's value for one parameter of a catalogue entry.",
        [
            FormatField("entry", .entryId, required: true, "Entry"),
            FormatField("id", .id, required: true, "Parameter", "The parameter's id in the entry."),
            FormatField("value", .text, required: true, "Value"),
        ])

    static let rating = FormatDefinition.object(
        "Rating", "Rating", "One classification of the agency (格付).",
        [FormatField("name", .text, required: true, "Name"), FormatField("value", .text, required: true, "Value")])

    static let base = FormatDefinition.value(
        "Base", "Base", "A folder or file relative to the overlay, or a model built into demarc.",
        .oneOf([
            FormatAlternative("Path", .path),
            FormatAlternative("Built in", .inline(builtInBase), "A model built into demarc, by id (demarc init --list names them)."),
        ]))

    static let builtInBase = [FormatField("built-in", .id, required: true, "Built-in model", "The id of a model built into demarc, e.g. iij-gio-p2.")]

    static let pin = FormatDefinition.object(
        "Pin", "Pin", "Which base the overlay was written against; `demarc check` prints the values for the base it finds.",
        [
            FormatField("id", .id, "Id", "The base model's id."),
            FormatField("version", .version, "Version", "The base model's version."),
            FormatField("sha256", .sha256, "SHA-256", "The base's content hash (its files' bytes, and its own base's hash)."),
        ], minProperties: 1)

    static let refinement = FormatDefinition.object(
        "Refinement", "Refinement", "One party of the base made into several: who of them takes what the base gave it.",
        [
            FormatField("party", .id, required: true, "Party", "The base's party."),
            FormatField("into", .list(.id, minItems: 1, unique: true), required: true, "Into", "The parties it becomes (defined in this overlay)."),
            FormatField(
                "owners", .map(keys: .id, values: .definition("Responsible")), "Owners",
                "Layer id → who takes the layers the base gave the party, in every offering."),
            FormatField(
                "offerings", .map(keys: .id, values: .map(keys: .id, values: .definition("Responsible"))), "Per offering",
                "Offering id → layer id → who takes it, where an offering differs from `owners`."),
            FormatField("topics", .map(keys: .id, values: .definition("Responsible")), "Topics", "Topic id → who is responsible instead of the party."),
            FormatField(
                "otherwise", .definition("Responsible"), "Otherwise",
                "Who takes the rest the base gave the party: answer parts, overrides, topics and layers not listed."),
        ])

    static let replacements = FormatDefinition.object(
        "Replacements", "Replacements", "Base items whose fields are replaced: each names its id and gives the fields that replace the base's.",
        [
            FormatField("parties", .list(.patch("Party", key: "id")), "Parties"),
            FormatField("layers", .list(.patch("Layer", key: "id")), "Layers"),
            FormatField("offerings", .list(.patch("Offering", key: "id")), "Offerings"),
            FormatField("topics", .list(.patch("Topic", key: "id")), "Topics"),
            FormatField("mapping", .list(.patch("MappingEntry", key: "entry")), "Mapping items"),
        ])

    static let removals = FormatDefinition.object(
        "Removals", "Removals", "Base items removed, by id; overrides, statements and answers that named them go too.",
        [
            FormatField("parties", .list(.id), "Parties"),
            FormatField("layers", .list(.id), "Layers"),
            FormatField("offerings", .list(.id), "Offerings"),
            FormatField("topics", .list(.id), "Topics"),
            FormatField("mapping", .list(.entryId), "Mapping items"),
        ])
}

/// One named definition of the format: an object with fields, or a value of
/// several shapes (an owner is a party, a list, or `{not-applicable: …}`).
public struct FormatDefinition: Sendable {
    public enum Body: Sendable {
        case object([FormatField], minProperties: Int?)
        case value(FormatType)
    }

    /// The name the JSON Schema's `$defs` and the reference use, e.g. `Party`.
    public let name: String
    public let title: String
    public let description: String
    public let body: Body

    static func object(_ name: String, _ title: String, _ description: String, _ fields: [FormatField], minProperties: Int? = nil) -> Self {
        FormatDefinition(name: name, title: title, description: description, body: .object(fields, minProperties: minProperties))
    }

    static func value(_ name: String, _ title: String, _ description: String, _ type: FormatType) -> Self {
        FormatDefinition(name: name, title: title, description: description, body: .value(type))
    }

    /// The fields of an object definition (none for a value).
    public var fields: [FormatField] {
        if case .object(let fields, _) = body { return fields }
        return []
    }

}

extension [FormatField] {
    /// Every key the object may hold.
    public var keys: [String] { map(\.key) }

    /// The keys whose absence the reader reports as `missing-field`; a field
    /// with a rule of its own (`missingRule`) is checked by that rule instead.
    public var requiredKeys: [String] { filter { $0.required && $0.missingRule == nil }.map(\.key) }
}

/// One key of an object.
public struct FormatField: Sendable {
    public let key: String
    public let type: FormatType
    public let required: Bool
    /// The rule that reports the field missing, when it is not `missing-field`.
    public let missingRule: Rule?
    /// What the value is in a file with an `overlay:` section, where that differs.
    public let inOverlay: FormatType?
    public let title: String
    public let description: String?

    init(
        _ key: String, _ type: FormatType, required: Bool = false, missingRule: Rule? = nil, inOverlay: FormatType? = nil, _ title: String,
        _ description: String? = nil
    ) {
        self.key = key
        self.type = type
        self.inOverlay = inOverlay
        self.required = required
        self.missingRule = missingRule
        self.title = title
        self.description = description
    }
}

/// One alternative shape of a value.
public struct FormatAlternative: Sendable {
    public let title: String
    public let type: FormatType
    public let description: String?

    init(_ title: String, _ type: FormatType, _ description: String? = nil) {
        self.title = title
        self.type = type
        self.description = description
    }
}

/// What a value is.
public indirect enum FormatType: Sendable {
    /// Text in the model's languages: a string (Japanese) or `{ja, en}`.
    case text
    /// An id (docs/model.md, "Ids and slugs").
    case id
    /// A catalogue entry id: free text as the standard numbers it.
    case entryId
    case date
    case colour
    case role
    case url
    /// A path relative to the file.
    case path
    /// A version: a string or a number.
    case version
    case flag
    /// A page number, 1 or more.
    case page
    /// One of these words.
    case choice([String])
    /// Exactly this word.
    case constant(String)
    /// The format version, a number.
    case formatVersion(Int)
    case list(FormatType, minItems: Int = 0, unique: Bool = false)
    /// A mapping from keys of one type to values of another.
    case map(keys: FormatType, values: FormatType)
    /// A definition by name.
    case definition(String)
    /// The fields of a definition, none required but the key that names the item.
    case patch(String, key: String?)
    /// A SHA-256 hash, 64 lower-case hex digits.
    case sha256
    /// An object written in place.
    case inline([FormatField])
    /// Exactly one of the alternatives.
    case oneOf([FormatAlternative])
    /// At least one of the alternatives.
    case anyOf([FormatAlternative])
}

extension FormatType {
    /// The value types that the schema defines once and every field refers to.
    public static let shared: [FormatType] = [.text, .id, .entryId, .date, .colour, .role]

    /// The name of a shared type's definition (`Text`, `Id`…), nil for the others.
    public var sharedName: String? {
        switch self {
        case .text: return "Text"
        case .id: return "Id"
        case .entryId: return "EntryId"
        case .date: return "Date"
        case .colour: return "Colour"
        case .role: return "Role"
        default: return nil
        }
    }

    /// A shared type's title and what it is, for the schema and the reference.
    public var sharedTitle: String {
        switch self {
        case .text: return "Text"
        case .id: return "Id"
        case .entryId: return "Catalogue entry id"
        case .date: return "Date"
        case .colour: return "Colour"
        case .role: return "Role"
        default: return ""
        }
    }

    public var sharedDescription: String {
        switch self {
        case .text:
            return
                "Human-readable text in the model's languages (`model.languages`, Japanese and English by default): a plain string (the first language only; `demarc check` warns about the others) or a mapping by language code, the first language required."
        case .id:
            let reserved = Identifiers.windowsReserved.sorted().joined(separator: ", ")
            return
                "An id of a party, layer, offering, topic, evidence item, parameter, source document, model or catalogue: ASCII `[a-z0-9][a-z0-9-]*`, at most \(Identifiers.maxLength) characters, never a name Windows reserves (\(reserved)). Used in file names as it is."
        case .entryId:
            return
                "The id of a catalogue entry: free text as the standard numbers it (e.g. `4.1.4(1)-2 a)`, Japanese too). Quote ids that YAML would read as numbers."
        case .date: return "A calendar date `YYYY-MM-DD` (e.g. 2017-03-31); quoting is optional."
        case .colour: return "An sRGB colour `#rrggbb`. Quote it: unquoted, YAML reads `#…` as a comment. Should reach 4.5:1 against white."
        case .role: return "agency 発注者 | contractor 受注者 | user 利用者 | provider 事業者 | third-party 第三者."
        default: return ""
        }
    }
}
