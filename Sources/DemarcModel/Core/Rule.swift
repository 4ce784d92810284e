/// Every rule a diagnostic can name: its stable id (what `check` prints in
/// brackets and editors match on), a one-line summary, and an explanation —
/// why the rule exists and how to fix what it finds (`demarc explain-rule ID`,
/// `demarc check --explain`). docs/model.md's table of rules lists exactly
/// these (a test keeps the two equal).
public enum Rule: String, CaseIterable, Sendable, Codable, Comparable {
    // Reading the files
    case fileUnreadable = "file-unreadable"
    case fileNotRegular = "file-not-regular"
    case fileTooLarge = "file-too-large"
    case modelTooLarge = "model-too-large"
    case fileBinary = "file-binary"
    case fileNotUTF8 = "file-not-utf8"
    case folderTooLarge = "folder-too-large"
    case folderUnreadable = "folder-unreadable"
    case folderLoop = "folder-loop"
    // YAML
    case yamlSyntax = "yaml-syntax"
    case yamlFullwidth = "yaml-fullwidth"
    case yamlTab = "yaml-tab"
    case yamlDuplicateKey = "yaml-duplicate-key"
    case yamlAlias = "yaml-alias"
    case yamlTooDeep = "yaml-too-deep"
    // The format
    case formatVersion = "format-version"
    case unknownKey = "unknown-key"
    case wrongType = "wrong-type"
    case missingField = "missing-field"
    case valueNotInSet = "value-not-in-set"
    case invalidBoolean = "invalid-boolean"
    case invalidNumber = "invalid-number"
    case invalidDate = "invalid-date"
    case invalidColour = "invalid-colour"
    case textMissingJa = "text-missing-ja"
    case textMissingEn = "text-missing-en"
    case idInvalid = "id-invalid"
    // The model as a whole
    case modelEmpty = "model-empty"
    case modelIncomplete = "model-incomplete"
    case duplicateID = "duplicate-id"
    case duplicateSection = "duplicate-section"
    case unknownReference = "unknown-reference"
    case slugCollision = "slug-collision"
    case catalogueMissing = "catalogue-missing"
    case tooFewParties = "too-few-parties"
    case accountableMissing = "accountable-missing"
    case partyContrast = "party-contrast"
    case offeringLayerUnassigned = "offering-layer-unassigned"
    case notApplicableReason = "not-applicable-reason"
    case sharedTooFew = "shared-too-few"
    case parentCycle = "parent-cycle"
    case parentKind = "parent-kind"
    case mappingNoScope = "mapping-no-scope"
    case overrideNoReason = "override-no-reason"
    case overridePartyTwice = "override-party-twice"
    case validityReversed = "validity-reversed"
    case evidenceExpired = "evidence-expired"
    case evidenceNotYetValid = "evidence-not-yet-valid"
    case evidenceExpiresBy = "evidence-expires-by"
    // Overlays
    case baseMissing = "base-missing"
    case baseChanged = "base-changed"
    case baseUnpinned = "base-unpinned"

    public static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }

    /// What the rule finds, in one line.
    public var summary: String {
        switch self {
        case .fileUnreadable: "a model file or folder is not there or cannot be read"
        case .fileNotRegular: "a FIFO, device, socket or folder where a model file was expected"
        case .fileTooLarge: "a model file over 16 MiB"
        case .modelTooLarge: "a model over 64 MiB in all its files"
        case .fileBinary: "a file holding a NUL byte: binary, not YAML text"
        case .fileNotUTF8: "a file that is not valid UTF-8"
        case .folderTooLarge: "more than 10,000 entries or 16 levels below the model folder"
        case .folderUnreadable: "a folder of the model that cannot be listed"
        case .folderLoop: "a link back to a folder that holds it"
        case .yamlSyntax: "the file is not valid YAML"
        case .yamlFullwidth: "a full-width space or colon where YAML needs ASCII"
        case .yamlTab: "a tab in the indentation"
        case .yamlDuplicateKey: "a mapping with the same key twice"
        case .yamlAlias: "a YAML anchor or alias"
        case .yamlTooDeep: "lists and mappings nested deeper than 64 levels"
        case .formatVersion: "a format version this Demarc does not read"
        case .unknownKey: "a key the format does not know"
        case .wrongType: "a mapping, list or string where another was expected"
        case .missingField: "a required field is missing"
        case .valueNotInSet: "a value outside the field's set of words"
        case .invalidBoolean: "a yes/no field that is neither true nor false"
        case .invalidNumber: "a number field that is not a whole number in range"
        case .invalidDate: "a date that is not YYYY-MM-DD"
        case .invalidColour: "a colour that is not #rrggbb"
        case .textMissingJa: "a text without the model's first language (Japanese by default)"
        case .textMissingEn: "a text without a later language of the model (English by default)"
        case .idInvalid: "an id breaking the id rule"
        case .modelEmpty: "no model file, or nothing in them"
        case .modelIncomplete: "the model could not be completed and no other rule said why"
        case .duplicateID: "an id defined twice"
        case .duplicateSection: "'model' or 'catalogue' given twice, or 'layers' split over files"
        case .unknownReference: "a reference to something the model does not define"
        case .slugCollision: "two entries whose file names would be the same"
        case .catalogueMissing: "no catalogue, or 'model.catalogue' names none"
        case .tooFewParties: "fewer than two parties"
        case .accountableMissing: "no party can be accountable"
        case .partyContrast: "a party colour below 4.5:1 contrast"
        case .offeringLayerUnassigned: "a layer without an owner in an offering"
        case .notApplicableReason: "a layer not applicable without a reason"
        case .sharedTooFew: "a shared owner naming fewer than two parties"
        case .parentCycle: "catalogue entries whose parents form a cycle"
        case .parentKind: "a catalogue entry under a parent of the wrong kind"
        case .mappingNoScope: "a catalogue entry without a scope in the mapping"
        case .overrideNoReason: "an override without a reason"
        case .overridePartyTwice: "an override naming a party twice"
        case .validityReversed: "evidence whose validity ends before it starts"
        case .evidenceExpired: "evidence past its validity at the model's as-of date"
        case .evidenceExpiresBy: "evidence that has expired or will expire by the date given with check --date"
        case .evidenceNotYetValid: "evidence whose validity starts after the model's as-of date"
        case .baseMissing: "an overlay whose base is not there, is not built in, or builds on the overlay"
        case .baseChanged: "an overlay's base differs from the id, version or content its pin names"
        case .baseUnpinned: "an overlay that does not pin its base"
        }
    }

    /// Why the rule exists and what to do.
    public var explanation: String {
        switch self {
        case .fileUnreadable:
            "Demarc could not open the file (or the path names nothing, or a link points nowhere). Check the path and the file's permissions."
        case .fileNotRegular:
            "Only ordinary files are read: a FIFO would block for ever and a device such as /dev/zero never ends, so they are never opened. Remove the entry, or give it a name that does not end in .yaml or .yml."
        case .fileTooLarge:
            "A model file has at most 16 MiB; the size is checked before a byte is read. A catalogue of 10,000 entries is a few MiB, so a larger file is almost always the wrong file. Split a real model into several files in a folder."
        case .modelTooLarge:
            "All files of a model together have at most 64 MiB. Check that the folder holds only the model's own files."
        case .fileBinary:
            "The file holds a NUL byte, so it is not a text file. Name the YAML file, not a binary one."
        case .fileNotUTF8:
            "Model files are UTF-8 (a BOM is accepted). Save the file as UTF-8; an editor's 'Shift_JIS' or 'CP932' must be converted."
        case .folderTooLarge:
            "A model folder is searched through at most 10,000 files and folders, 16 levels deep, so that naming '/' or a home folder stops at once. Name the model's own folder."
        case .folderUnreadable:
            "A folder below the model folder could not be listed, so files in it may be missing. Check its permissions."
        case .folderLoop:
            "A symbolic link inside the model points back to a folder that holds it. It was not read again, so nothing is read twice; remove the link if it is not meant."
        case .yamlSyntax:
            "libyaml could not read the file. The place is where it gave up, which may be after the mistake; when a key is outdented out of its mapping the message says so and names the column to indent it to."
        case .yamlFullwidth:
            "A Japanese input method types a full-width space (U+3000) or colon (：) where YAML needs ASCII: in the indentation, after '-' or after a key. Inside values they are ordinary text. Retype it in ASCII: a full-width space is usually two spaces."
        case .yamlTab:
            "YAML indents with spaces only; a tab in the indentation makes the structure unreadable. Replace the tab with spaces."
        case .yamlDuplicateKey:
            "The same key twice in one mapping: YAML keeps only one, so one of the values would be lost silently. Reading of that file stops there. Remove or rename one of them."
        case .yamlAlias:
            "Anchors (&a) and aliases (*a) are refused at their own place before anything is built, so an alias bomb costs nothing and every value can be read where it stands. Write the value out."
        case .yamlTooDeep:
            "Lists and mappings nested deeper than 64 levels are refused before libyaml's own limit; no model needs that many."
        case .formatVersion:
            "'demarc:' at the top of a file gives the format version; this Demarc reads version 1. Use a Demarc that reads the file's version, or remove the key."
        case .unknownKey:
            "The format does not know this key, so its value would be ignored. A close known key is suggested; the key lists are in docs/model.md and in 'demarc schema'."
        case .wrongType:
            "The field holds a mapping, list or string where the format expects another kind. docs/model.md shows every field with an example."
        case .missingField:
            "A field the format requires is not there. The message names it and where the thing that needs it starts."
        case .valueNotInSet:
            "The field takes one of a fixed set of words, listed in the message; a close one is suggested."
        case .invalidBoolean:
            "A yes/no field takes true or false."
        case .invalidNumber:
            "The field takes a whole number, at least the minimum the message gives (a page number starts at 1)."
        case .invalidDate:
            "Dates are written YYYY-MM-DD (2017-03-31), the form YAML and every export read the same way."
        case .invalidColour:
            "Party colours are written #rrggbb (#1f4e79). Pick one with at least 4.5:1 contrast against white."
        case .textMissingJa:
            "Every human-readable text is in the model's first language (model.languages; Japanese unless it says otherwise): a text needs it. Write {ja: …, en: …} or a plain string in the first language."
        case .textMissingEn:
            "The output in that language would show the first language's text instead. Add the translation (by default 'en'), or leave the language out of model.languages."
        case .idInvalid:
            "Ids become file names and links, so they are lower-case ASCII letters, digits and single hyphens (catalogue entry ids follow the source's numbering). docs/model.md, 'Ids and slugs'."
        case .modelEmpty:
            "The path holds no .yaml or .yml file, or the files hold nothing. Start from 'demarc init DIR'."
        case .modelIncomplete:
            "The model could not be completed although no other rule reported a problem. This is a bug in Demarc: please report it with the model."
        case .duplicateID:
            "Two definitions of one id (also ids differing only in case or Unicode normalisation); both places are given. Rename or remove one."
        case .duplicateSection:
            "A model has one 'model:' section and one catalogue; 'layers' stands in one file because its order (bottom to top) is meaning."
        case .unknownReference:
            "A party, layer, offering, topic, entry, source document or parent is named that the model does not define. A close id is suggested."
        case .slugCollision:
            "Two catalogue entries would get the same file name (slug). Give one of them an explicit 'slug'."
        case .catalogueMissing:
            "A model needs a catalogue: a 'catalogue:' section in a file of the model, or 'model.catalogue' naming the folder or file that holds one, relative to the file that names it."
        case .tooFewParties:
            "A shared-responsibility model needs at least a provider-side and a customer-side party."
        case .accountableMissing:
            "The catalogue names the role that stays accountable (the agency); some party must have that role."
        case .partyContrast:
            "Party colours are used for text on white; below 4.5:1 (WCAG AA) the text is hard to read. Pick a darker colour."
        case .offeringLayerUnassigned:
            "Every layer of the stack needs an owner in every offering (a party, shared, or not-applicable with a reason), or the demarcation point cannot be drawn."
        case .notApplicableReason:
            "A layer that does not exist in an offering (no hypervisor on bare metal) needs a reason, shown in the diagrams."
        case .sharedTooFew:
            "A shared owner names two or more parties."
        case .parentCycle:
            "Catalogue entries form a tree: following 'parent' from an entry must never come back to it."
        case .parentKind:
            "A basic measure stands under a requirement and an example item under a basic measure, as in the standard."
        case .mappingNoScope:
            "Every entry the derivation needs has a scope in the mapping: 'organisational' or the layers it concerns."
        case .overrideNoReason:
            "An override replaces the derivation's answer, so it must say why; the reason is shown wherever the cell is."
        case .overridePartyTwice:
            "An override names each party once."
        case .validityReversed:
            "An evidence item's 'valid-until' lies before its 'valid-from'. Check the two dates."
        case .evidenceExpired:
            "The evidence's validity ended before the model's as-of date, so it may no longer be relied on. Renew it or move the as-of date."
        case .evidenceNotYetValid:
            "The evidence's validity starts after the model's as-of date."
        case .evidenceExpiresBy:
            "`demarc check --date D` looks ahead: evidence whose validity ends on or before D (SOC reports are annual) needs its next report or certificate recorded before then, or the customers told."
        case .baseMissing:
            "An overlay names its base by a path relative to its own file, or by {built-in: ID} for a model built into demarc. The path must lead to a model file or folder, and the chain of bases must not loop (at most 8 deep)."
        case .baseChanged:
            "An overlay's pin names the id, version and content hash of the base it was written against. When the base changes — a new provider version — the overlay is refused until someone has reviewed what the change moves onto the agency and the contractor and moved the pin; the message gives the new values."
        case .baseUnpinned:
            "Without a pin, a changed base passes unnoticed and the overlay's refinements may no longer say what they meant. The warning gives the values to pin."
        }
    }
}
