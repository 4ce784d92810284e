import Foundation
import Yams

/// What kind of thing a reference names.
enum ReferenceKind: String, CaseIterable {
    case party, layer, offering, topic, entry, document

    var noun: String {
        switch self {
        case .document: return "source document"
        case .entry: return "catalogue entry"
        default: return rawValue
        }
    }
}

/// The sections of one or more files, before merging and cross-checking.
struct PartialModel {
    var metadata: [Metadata] = []
    var parties: [Party] = []
    var layers: [Layer] = []
    /// Files that define layers (the list must stand in one file).
    var layerFiles: [(String, SourceLocation)] = []
    var offerings: [Offering] = []
    var topics: [Topic] = []
    var catalogues: [Catalogue] = []
    var mapping: [MappingEntry] = []
    var overrides: [Override] = []
    var requirements: [Requirements] = []
    /// Every reference written, to check once everything is known.
    var references: [(ReferenceKind, Reference)] = []
    /// Items kept with a stand-in for a required field that was missing or
    /// wrong (already reported): references to them resolve, and rules that
    /// would only repeat the error (who is accountable…) stay quiet.
    var incomplete: Set<String> = []
    /// Parties that gave no colour: the default palette colours them.
    var uncoloured: Set<String> = []
    /// Overrides whose `does` was `not-applicable` are recorded with no parties.
    var isEmpty: Bool {
        metadata.isEmpty && parties.isEmpty && layers.isEmpty && offerings.isEmpty && topics.isEmpty
            && catalogues.isEmpty && mapping.isEmpty && overrides.isEmpty
    }

    mutating func merge(_ other: PartialModel) {
        metadata += other.metadata
        parties += other.parties
        layers += other.layers
        layerFiles += other.layerFiles
        offerings += other.offerings
        topics += other.topics
        catalogues += other.catalogues
        mapping += other.mapping
        overrides += other.overrides
        requirements += other.requirements
        references += other.references
        incomplete.formUnion(other.incomplete)
        uncoloured.formUnion(other.uncoloured)
    }
}

/// Decodes the top-level sections of one file.
struct SectionDecoder {
    var reader: NodeReader
    var partial = PartialModel()

    init(file: String, files: [String] = [], languages: [Language] = Language.defaults) {
        reader = NodeReader(file: file, files: files, languages: languages)
    }

    /// The languages a model's documents declare (`model.languages`), read
    /// before anything is decoded, since every text depends on them; what is
    /// wrong with the list is reported when the metadata is decoded.
    static func declaredLanguages(_ roots: [Node]) -> [Language] {
        for root in roots {
            guard let list = root.mapping?["model"]?.mapping?["languages"]?.sequence else { continue }
            var languages: [Language] = []
            for item in list {
                if case .scalar(let s) = item, ModelFormat.languages.contains(s.string), let language = Language(code: s.string),
                    !languages.contains(language)
                {
                    languages.append(language)
                }
            }
            return languages.isEmpty ? Language.defaults : languages
        }
        return Language.defaults
    }

    static let topLevelKeys = ModelFormat.topLevel.map(\.key)

    /// Decodes the file's sections; false when the file is not a mapping at all.
    @discardableResult
    mutating func decode(_ root: Node) -> Bool {
        guard let top = reader.fields(root, "a model file", allowed: Self.topLevelKeys) else { return false }
        if let version = top["demarc"], let v = reader.string(version, "the format version 'demarc'"), v != "1" {
            reader.error(.formatVersion, version, "this Demarc reads format version 1, not '\(v)'")
        }
        // In a load, the overlay was applied and removed before decoding; on its own (checkFile), it is checked here.
        if let node = top["overlay"] {
            _ = OverlaySpec.decode(node, reader: &reader)
            // An overlay's `model:` is a patch of the base's: its keys are checked, none is required.
            if let model = top["model"] { _ = reader.fields(model, "'model'", allowed: ModelFormat.model.fields.keys) }
        } else if let node = top["model"] {
            decodeMetadata(node)
        }
        for node in reader.list(top["parties"], "'parties'") { decodeParty(node) }
        let layerNodes = reader.list(top["layers"], "'layers'")
        if let key = top.keys["layers"], !layerNodes.isEmpty {
            partial.layerFiles.append((reader.file, reader.location(key)))
        }
        for node in layerNodes { decodeLayer(node) }
        for node in reader.list(top["offerings"], "'offerings'") { decodeOffering(node) }
        for node in reader.list(top["topics"], "'topics'") { decodeTopic(node) }
        if let node = top["catalogue"] { decodeCatalogue(node) }
        for node in reader.list(top["mapping"], "'mapping'") { decodeMappingEntry(node) }
        for node in reader.list(top["overrides"], "'overrides'") { decodeOverride(node) }
        if let node = top["requirements"] { decodeRequirements(node) }
        return true
    }

    private mutating func ref(_ kind: ReferenceKind, _ node: Node?, _ what: String) -> String? {
        guard let r = reader.reference(node, what) else { return nil }
        partial.references.append((kind, r))
        return r.id
    }

    private mutating func refs(_ kind: ReferenceKind, _ node: Node?, _ what: String) -> [String] {
        let rs = reader.references(node, what)
        partial.references += rs.map { (kind, $0) }
        return rs.map(\.id)
    }

    private mutating func decodeMetadata(_ node: Node) {
        guard
            let f = reader.fields(node, "'model'", ModelFormat.model)
        else { return }
        var sources: [SourceDocument] = []
        for s in reader.list(f["sources"], "'sources'") {
            guard let sf = reader.fields(s, "a source document", ModelFormat.source) else { continue }
            guard let id = reader.id(sf["id"], "a source document") else { continue }
            // Kept without its (reported) title, so what cites it is not an error too.
            let title = reader.text(sf["title"], "the source's title") ?? Text(ja: id, en: id)
            sources.append(
                SourceDocument(
                    id: id, title: title, publisher: reader.text(sf["publisher"], "the source's publisher"),
                    url: reader.string(sf["url"], "the source's url"), location: reader.location(s)))
        }
        var languages: [Language] = []
        if let node = f["languages"] {
            for item in reader.list(node, "'languages'") {
                guard let code = reader.choice(item, "a language", among: ModelFormat.languages) else { continue }
                if let language = Language(code: code), languages.contains(language) {
                    reader.error(.duplicateID, item, "'\(code)' is listed twice in 'languages'")
                } else if let language = Language(code: code) {
                    languages.append(language)
                }
            }
            if languages.isEmpty, !NodeReader.isNull(node) { reader.error(.missingField, node, "'languages' names no language") }
        }
        let id = reader.id(f["id"], "the model")
        let name = reader.text(f["name"], "the model's name")
        let version = reader.string(f["version"], "the model's version")
        let asOf = reader.day(f["as-of"], "'as-of'")
        let metadata = Metadata(
            id: id ?? "", name: name ?? Text(ja: ""), version: version ?? "",
            asOf: asOf ?? Day(year: 1, month: 1, day: 1)!,
            cataloguePath: reader.string(f["catalogue"], "the catalogue path"),
            provider: reader.text(f["provider"], "the provider's name"),
            service: reader.text(f["service"], "the service's name"),
            sources: sources, notes: reader.texts(f["notes"], "a note"), location: reader.location(node),
            catalogueLocation: f["catalogue"].map { reader.location($0) }, asOfKnown: asOf != nil,
            languages: languages.isEmpty ? Language.defaults : languages,
            contractHolder: ref(.party, f["contract-holder"], "the party that holds the contract"))
        var withHistory = metadata
        withHistory.effective = reader.day(f["effective"], "'effective'")
        for item in reader.list(f["revisions"], "'revisions'") {
            guard let rf = reader.fields(item, "a revision", ModelFormat.revision) else { continue }
            let version = reader.string(rf["version"], "the revision's version")
            let date = reader.day(rf["date"], "the revision's date")
            let reason = reader.text(rf["reason"], "the revision's reason")
            if let version, let reason { withHistory.revisions.append(Revision(version: version, date: date, reason: reason)) }
        }
        partial.metadata.append(withHistory)
    }

    private mutating func decodeParty(_ node: Node) {
        guard
            let f = reader.fields(node, "a party", ModelFormat.party)
        else { return }
        guard let id = reader.id(f["id"], "a party") else { return }
        let name = reader.text(f["name"], "the party's name")
        let short = reader.text(f["short"], "the party's short name")
        let side = reader.choice(f["side"], "'side'", as: Side.self)
        let role = reader.choice(f["role"], "'role'", as: Role.self)
        let colour = reader.colour(f["colour"], "'colour'")
        if let node = f["colour"], NodeReader.isNull(node) {
            reader.error(
                .missingField, f.keys["colour"] ?? node, "'colour' is empty",
                suggestion: "quote the colour, \"#rrggbb\": unquoted, YAML reads # as the start of a comment; or leave the key out for a default colour")
        }
        if f["colour"] == nil { partial.uncoloured.insert(id) }
        let description = reader.text(f["description"], "the party's description")
        let worksFor = ref(.party, f["works-for"], "the party it works for")
        let nameInText = reader.text(f["name-in-text"], "the party's name in running text")
        // A missing or wrong field was reported where it is; the party stays, so what names it is not an error too.
        if name == nil || side == nil || role == nil { partial.incomplete.insert("party:" + id) }
        partial.parties.append(
            Party(
                id: id, name: name ?? Text(ja: id, en: id), short: short, side: side ?? .customer, role: role ?? .user, colour: colour ?? .black,
                description: description, worksFor: worksFor, nameInText: nameInText, location: reader.location(node)))
    }

    private mutating func decodeLayer(_ node: Node) {
        guard let f = reader.fields(node, "a layer", ModelFormat.layer) else { return }
        guard let id = reader.id(f["id"], "a layer") else { return }
        let name = reader.text(f["name"], "the layer's name")
        let short = reader.text(f["short"], "the layer's short name")
        let description = reader.text(f["description"], "the layer's description")
        if name == nil { partial.incomplete.insert("layer:" + id) }
        partial.layers.append(Layer(id: id, name: name ?? Text(ja: id, en: id), short: short, description: description, location: reader.location(node)))
    }

    private mutating func decodeOffering(_ node: Node) {
        guard
            let f = reader.fields(node, "an offering", ModelFormat.offering)
        else { return }
        guard let id = reader.id(f["id"], "an offering") else { return }
        let name = reader.text(f["name"], "the offering's name")
        let short = reader.text(f["short"], "the offering's short name")
        let description = reader.text(f["description"], "the offering's description")
        let source = sourceRef(f["source"], "the offering's source")
        let tenancy = reader.choice(f["tenancy"], "'tenancy'", as: Tenancy.self)
        let tenancySource = sourceRef(f["tenancy-source"], "'tenancy-source'")
        let notes = reader.texts(f["notes"], "a note")
        var owners: [String: Ownership] = [:]
        var ownerLocations: [String: SourceLocation] = [:]
        if let ownersNode = f["owners"], case .mapping(let mapping) = ownersNode {
            for (key, value) in mapping {
                guard let layer = ref(.layer, key, "a layer of the offering") else { continue }
                ownerLocations[layer] = reader.location(key)
                if let ownership = ownership(value, "the owner of '\(layer)'") { owners[layer] = ownership }
            }
        } else if let ownersNode = f["owners"], !NodeReader.isNull(ownersNode) {
            reader.error(.wrongType, ownersNode, "'owners' must map each layer to its owner, found \(NodeReader.describe(ownersNode))")
        }
        if name == nil { partial.incomplete.insert("offering:" + id) }
        partial.offerings.append(
            Offering(
                id: id, name: name ?? Text(ja: id, en: id), short: short, description: description, source: source,
                tenancy: tenancy, tenancySource: tenancySource, owners: owners,
                ownerLocations: ownerLocations, notes: notes, location: reader.location(node)))
    }

    /// A party, a list of two or more, or {not-applicable: reason}.
    private mutating func ownership(_ node: Node, _ what: String) -> Ownership? {
        switch node {
        case .scalar:
            if NodeReader.isNull(node) {
                reader.error(
                    .offeringLayerUnassigned, node, "\(what) is empty",
                    suggestion: "name a party, a list of parties, or {not-applicable: reason}")
                return nil
            }
            return ref(.party, node, what).map { .party($0) }
        case .sequence:
            let parties = refs(.party, node, what)
            if Set(parties).count < 2 {
                reader.error(
                    .sharedTooFew, node, "a shared owner names two or more parties (found \(Set(parties).count))",
                    suggestion: parties.count == 1 ? "write '\(parties[0])' alone" : nil)
                return parties.first.map { .party($0) }
            }
            return .shared(parties)
        case .mapping:
            guard let f = reader.fields(node, what, ModelFormat.notApplicable) else { return nil }
            guard let reasonNode = f["not-applicable"], !NodeReader.isNull(reasonNode),
                let reason = reader.text(reasonNode, "the reason it is not applicable")
            else {
                reader.error(
                    .notApplicableReason, node, "\(what): not applicable needs a reason",
                    suggestion: "write {not-applicable: {ja: 理由, en: reason}}")
                return nil
            }
            return .notApplicable(reason: reason)
        case .alias:
            return nil
        }
    }

    private mutating func sourceRef(_ node: Node?, _ what: String) -> SourceRef? {
        guard let node, let ref = reader.sourceRef(node, what) else { return nil }
        if let document = ref.document, case .mapping(let m) = node,
            let docNode = m["document"]
        {
            partial.references.append((.document, Reference(id: document, location: reader.location(docNode), end: reader.end(docNode))))
        }
        return ref
    }

    private mutating func decodeTopic(_ node: Node) {
        guard
            let f = reader.fields(node, "a topic", ModelFormat.topic)
        else { return }
        guard let id = reader.id(f["id"], "a topic") else { return }
        let title = reader.text(f["title"], "the topic's title")
        let source = sourceRef(f["source"], "the topic's source")
        var responsible: Responsible?
        if let r = f["responsible"] {
            if case .scalar(let s) = r, s.string == "follows-demarcation" {
                responsible = .followsDemarcation
            } else {
                let parties = refs(.party, r, "the responsible party")
                if parties.isEmpty {
                    reader.error(
                        .missingField, r, "'responsible' names no party",
                        suggestion: "name a party, a list of parties, or follows-demarcation")
                    responsible = .parties([])  // keep the topic, so its uses are not reported as unknown
                } else {
                    responsible = .parties(parties)
                }
            }
        }
        let statement = reader.text(f["statement"], "the topic's statement")
        var statements: [String: Text] = [:]
        if let s = f["statements"], !NodeReader.isNull(s) {
            if case .mapping(let mapping) = s {
                for (key, value) in mapping {
                    guard let offering = ref(.offering, key, "an offering of the statements") else { continue }
                    if let text = reader.text(value, "the statement for '\(offering)'") { statements[offering] = text }
                }
            } else {
                reader.error(.wrongType, s, "'statements' maps offering ids to text, found \(NodeReader.describe(s))")
            }
        }
        let sic = reader.bool(f["sic"], "'sic'") ?? false
        let commitment = reader.text(f["commitment"], "the provider's commitment")
        var evidence: [Evidence] = []
        for item in reader.list(f["evidence"], "'evidence'") {
            if let e = decodeEvidence(item) { evidence.append(e) }
        }
        let notes = reader.texts(f["notes"], "a note")
        if title == nil || source == nil || responsible == nil || statement == nil { partial.incomplete.insert("topic:" + id) }
        partial.topics.append(
            Topic(
                id: id, title: title ?? Text(ja: id, en: id), source: source ?? SourceRef(document: nil, page: nil, note: nil),
                responsible: responsible ?? .parties([]), statement: statement ?? Text(ja: id, en: id),
                statements: statements, sic: sic, commitment: commitment, evidence: evidence, notes: notes, location: reader.location(node)))
    }

    private mutating func decodeEvidence(_ node: Node) -> Evidence? {
        guard
            let f = reader.fields(node, "an evidence item", ModelFormat.evidence)
        else { return nil }
        guard let id = reader.id(f["id"], "an evidence item") else { return nil }
        let kind = reader.choice(f["kind"], "the evidence 'kind'", as: EvidenceKind.self)
        let title = reader.text(f["title"], "the evidence title")
        let from = reader.day(f["valid-from"], "'valid-from'")
        let until = reader.day(f["valid-until"], "'valid-until'")
        if let from, let until, until < from {
            reader.error(.validityReversed, f["valid-until"], "'valid-until' (\(until)) is before 'valid-from' (\(from))")
        }
        let reference = reader.text(f["reference"], "the evidence reference")
        let url = reader.string(f["url"], "the evidence url")
        let note = reader.text(f["note"], "the evidence note")
        guard let kind, let title else { return nil }
        return Evidence(
            id: id, kind: kind, title: title, reference: reference, url: url,
            validFrom: from, validUntil: until, note: note, location: reader.location(node))
    }

    /// A catalogue's own words for one of the built-in vocabularies (`kind-names`,
    /// `role-names`, `demand-names`): each key one of `E`'s values, each value a text.
    private mutating func names<E: RawRepresentable & CaseIterable & Hashable>(
        _ node: Node?, _ key: String, _ what: String, as: E.Type
    ) -> [E: Text] where E.RawValue == String {
        guard let node, !NodeReader.isNull(node) else { return [:] }
        guard case .mapping(let mapping) = node else {
            reader.error(.wrongType, node, "'\(key)' maps \(what) to its name, found \(NodeReader.describe(node))")
            return [:]
        }
        var names: [E: Text] = [:]
        for (k, value) in mapping {
            if let item = reader.choice(k, what, as: E.self), let name = reader.text(value, "the name of '\(item.rawValue)'") {
                names[item] = name
            }
        }
        return names
    }

    private mutating func decodeCatalogue(_ node: Node) {
        guard
            let f = reader.fields(node, "'catalogue'", ModelFormat.catalogue)
        else { return }
        let id = reader.id(f["id"], "the catalogue")
        let standard = reader.text(f["standard"], "the standard's name")
        let edition = reader.text(f["edition"], "the edition")
        let role = reader.choice(f["accountable-role"], "'accountable-role'", as: Role.self)
        let source = sourceRef(f["source"], "the catalogue's source")
        var entries: [Entry] = []
        for item in reader.list(f["entries"], "'entries'") {
            if let e = decodeEntry(item) { entries.append(e) }
        }
        var correspondences: [Correspondence] = []
        for c in reader.list(f["correspondences"], "'correspondences'") {
            guard
                let cf = reader.fields(c, "a correspondence", ModelFormat.correspondence)
            else { continue }
            let entry = ref(.entry, cf["entry"], "the entry of this edition")
            let edition = reader.id(cf["edition"], "the other edition")
            let other = reader.string(cf["other"], "the entry of the other edition")
            let relation = reader.choice(cf["relation"], "'relation'", as: Relation.self)
            let note = reader.text(cf["note"], "the correspondence note")
            guard let entry, let edition, let other, let relation else { continue }
            correspondences.append(
                Correspondence(
                    entry: entry, edition: edition, other: other, relation: relation,
                    note: note, location: reader.location(c)))
        }
        let kindNames = names(f["kind-names"], "kind-names", "a kind of entry", as: EntryKind.self)
        let roleNames = names(f["role-names"], "role-names", "a role", as: Role.self)
        let demandNames = names(f["demand-names"], "demand-names", "a place a demand goes", as: DemandTarget.self)
        guard let id else { return }
        // Kept with stand-ins for what is missing (reported), so the model's entries are not all unknown.
        if standard == nil || edition == nil || role == nil { partial.incomplete.insert("catalogue:" + id) }
        let placeholder = Text(ja: id, en: id)
        partial.catalogues.append(
            Catalogue(
                id: id, standard: standard ?? placeholder, edition: edition ?? placeholder, accountableRole: role ?? .agency, source: source,
                entries: entries, correspondences: correspondences, location: reader.location(node)))
        partial.catalogues[partial.catalogues.count - 1].kindNames = kindNames
        partial.catalogues[partial.catalogues.count - 1].roleNames = roleNames
        partial.catalogues[partial.catalogues.count - 1].demandNames = demandNames
    }

    private mutating func decodeEntry(_ node: Node) -> Entry? {
        guard
            let f = reader.fields(node, "a catalogue entry", ModelFormat.entry)
        else { return nil }
        guard let id = reader.string(f["id"], "an entry id") else { return nil }
        if id.trimmingCharacters(in: .whitespaces).isEmpty {
            reader.error(.idInvalid, f["id"], "an entry id must not be empty")
            return nil
        }
        let kind = reader.choice(f["kind"], "the entry 'kind'", as: EntryKind.self)
        let act = reader.choice(f["act"], "the entry's 'act'", as: Act.self)
        let accountableRole = reader.choice(f["accountable-role"], "the entry's 'accountable-role'", as: Role.self)
        let parent = ref(.entry, f["parent"], "the parent entry")
        let title = reader.text(f["title"], "the entry's title")
        let text = reader.text(f["text"], "the entry's text")
        let commentary = reader.texts(f["commentary"], "a commentary point")
        var demands: [Demand] = []
        for d in reader.list(f["demands"], "'demands'") {
            guard let df = reader.fields(d, "a demand", ModelFormat.demand) else { continue }
            let strength = df["strength"] == nil ? .required : reader.choice(df["strength"], "'strength'", as: Strength.self)
            if let into = reader.choice(df["into"], "'into'", as: DemandTarget.self), let t = reader.text(df["text"], "the demand's text"),
                let strength
            {
                demands.append(Demand(into: into, text: t, strength: strength))
            }
        }
        var parameters: [Parameter] = []
        for p in reader.list(f["parameters"], "'parameters'") {
            guard let pf = reader.fields(p, "a parameter", ModelFormat.parameter) else { continue }
            let pid = reader.id(pf["id"], "a parameter")
            let name = reader.text(pf["name"], "the parameter's name")
            let value = reader.text(pf["value"], "the parameter's value")
            let strength = pf["strength"] == nil ? .required : reader.choice(pf["strength"], "'strength'", as: Strength.self)
            if let pid, let name, let value, let strength {
                parameters.append(Parameter(id: pid, name: name, value: value, strength: strength, location: reader.location(p)))
            }
        }
        var conditions: [Condition] = []
        for c in reader.list(f["conditions"], "'conditions'") {
            if case .mapping(let m) = c, m["when"] != nil || m["then"] != nil {
                guard let cf = reader.fields(c, "a condition", ModelFormat.whenThen) else { continue }
                if let when = reader.text(cf["when"], "the condition ('when')") {
                    conditions.append(Condition(when: when, then: reader.text(cf["then"], "what follows ('then')")))
                }
            } else if let when = reader.text(c, "a condition") {
                conditions.append(Condition(when: when, then: nil))
            }
        }
        let source = sourceRef(f["source"], "the entry's source")
        guard let kind else { return nil }
        // A missing text was reported; the entry stays, so what names it is not an error too.
        return Entry(
            id: id, slug: Identifiers.slug(id), kind: kind, act: act ?? Act.default(for: kind), accountableRole: accountableRole, parent: parent,
            title: title, text: text ?? Text(ja: id, en: id),
            commentary: commentary, demands: demands, parameters: parameters, conditions: conditions,
            source: source, location: reader.location(node))
    }

    private mutating func decodeMappingEntry(_ node: Node) {
        guard
            let f = reader.fields(node, "a mapping item", ModelFormat.mappingItem)
        else { return }
        guard let entry = ref(.entry, f["entry"], "the mapped entry") else { return }
        var scope: Scope?
        if let s = f["scope"], !NodeReader.isNull(s) {
            switch s {
            case .scalar(let v) where v.string == "organisational":
                scope = .organisational
            case .sequence:
                let layers = refs(.layer, s, "a layer of the scope")
                if layers.isEmpty {
                    reader.error(
                        .mappingNoScope, s, "the scope of '\(entry)' names no layer",
                        suggestion: "list layers, or write 'organisational'")
                }
                scope = .layers(layers)
            default:
                reader.error(
                    .wrongType, s, "'scope' is a list of layers or the word 'organisational', found \(NodeReader.describe(s))",
                    suggestion: NodeReader.describe(s).contains("organi") ? "did you mean 'organisational'?" : nil)
            }
        }
        let basis = reader.choice(f["scope-basis"], "'scope-basis'", as: Basis.self) ?? .interpretation
        var answers: [Answer] = []
        for a in reader.list(f["answers"], "'answers'") {
            guard
                let af = reader.fields(a, "an answer", ModelFormat.answer)
            else { continue }
            let topic = ref(.topic, af["topic"], "the answering topic")
            let coverage = reader.choice(af["coverage"], "'coverage'", as: Coverage.self)
            if coverage == Coverage.none || coverage == .noProviderPart {
                reader.error(
                    .valueNotInSet, af["coverage"], "an answer's coverage is full, partial or customer-only",
                    suggestion: "an entry with no answer is a gap: leave the topic out")
            }
            let answerBasis = reader.choice(af["basis"], "'basis'", as: Basis.self) ?? .interpretation
            var arrowPage: Int?
            if let arrow = af["arrow"], let arf = reader.fields(arrow, "'arrow'", ModelFormat.arrow) {
                arrowPage = reader.int(arf["page"], "the arrow's page")
            }
            let note = reader.text(af["note"], "the answer's note")
            var parts: [String: Text] = [:]
            if let part = reader.text(af["part"], "what the topic's party does ('part')") { parts[""] = part }
            if let map = af["parts"], !NodeReader.isNull(map) {
                if case .mapping(let mapping) = map {
                    for (key, value) in mapping {
                        guard let party = ref(.party, key, "a party of 'parts'") else { continue }
                        if let text = reader.text(value, "what '\(party)' does") { parts[party] = text }
                    }
                } else {
                    reader.error(.wrongType, map, "'parts' maps party ids to what each does, found \(NodeReader.describe(map))")
                }
            }
            let missing = reader.text(af["missing"], "what the disclosure leaves unanswered ('missing')")
            if let topic, let coverage, coverage != Coverage.none, coverage != .noProviderPart {
                answers.append(
                    Answer(
                        topic: topic, coverage: coverage, basis: answerBasis, arrowPage: arrowPage,
                        note: note, parts: parts, missing: missing, location: reader.location(a)))
            }
        }
        var considerations: [Consideration] = []
        for c in reader.list(f["considerations"], "'considerations'") {
            guard let cf = reader.fields(c, "a consideration", ModelFormat.consideration) else { continue }
            if let t = reader.choice(cf["applies-to"], "'applies-to'", as: Tenancy.self), let text = reader.text(cf["text"], "the consideration's text") {
                considerations.append(Consideration(appliesTo: t, text: text))
            }
        }
        let question = reader.text(f["question"], "the question")
        let notes = reader.texts(f["notes"], "a note")
        partial.mapping.append(
            MappingEntry(
                entry: entry, scope: scope, scopeBasis: basis, answers: answers,
                considerations: considerations, question: question, notes: notes,
                location: reader.location(node)))
    }

    private mutating func decodeRequirements(_ node: Node) {
        guard let f = reader.fields(node, "'requirements'", ModelFormat.requirements) else { return }
        let id = reader.id(f["id"], "the requirements")
        let name = reader.text(f["name"], "the requirements' name")
        let version = reader.string(f["version"], "the requirements' version")
        let approved = reader.day(f["approved"], "'approved'")
        let catalogue = reader.id(f["catalogue"], "the catalogue the requirements are written against")
        // `adopts` and `parameters` were applied to the catalogue before decoding; their form is checked here.
        _ = refs(.entry, f["adopts"], "an adopted example")
        for p in reader.list(f["parameters"], "'parameters'") {
            if let pf = reader.fields(p, "a parameter value", ModelFormat.parameterValue) {
                _ = reader.text(pf["value"], "the parameter's value")
            }
        }
        var ratings: [Requirements.Rating] = []
        for r in reader.list(f["ratings"], "'ratings'") {
            guard let rf = reader.fields(r, "a rating", ModelFormat.rating) else { continue }
            if let name = reader.text(rf["name"], "the rating's name"), let value = reader.text(rf["value"], "the rating's value") {
                ratings.append(Requirements.Rating(name: name, value: value))
            }
        }
        let inherit = refs(.entry, f["inherit"], "an entry to inherit")
        guard let id, let name else { return }
        partial.requirements.append(
            Requirements(
                id: id, name: name, version: version, approved: approved, catalogue: catalogue, ratings: ratings, inherit: inherit,
                location: reader.location(node)))
    }

    private mutating func decodeOverride(_ node: Node) {
        guard
            let f = reader.fields(node, "an override", ModelFormat.override)
        else { return }
        let entry = ref(.entry, f["entry"], "the overridden entry")
        let offering = ref(.offering, f["offering"], "the offering")
        var does: [String]?
        if let d = f["does"], !NodeReader.isNull(d) {
            if case .scalar(let s) = d, s.string == "not-applicable" {
                does = []
            } else {
                does = refs(.party, d, "the party that does it")
                if does?.isEmpty == true {
                    reader.error(.missingField, d, "'does' names no party", suggestion: "name parties, or write not-applicable")
                    does = nil
                }
            }
        }
        let reason = reader.text(f["reason"], "the override's reason")
        if reason == nil {
            reader.error(
                .overrideNoReason, node, "an override needs a reason",
                suggestion: "add reason: {ja: …, en: …} saying why the derived cell is wrong")
        }
        guard let entry, let offering, let does, let reason else { return }
        partial.overrides.append(Override(entry: entry, offering: offering, does: does, reason: reason, location: reader.location(node)))
    }
}
