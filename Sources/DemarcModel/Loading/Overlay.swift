import Yams

/// The `overlay:` section of a project's model: the base it builds on (a
/// folder, a file, or a model built into the binary), the pin that fixes
/// which version of the base it was written against, and what it changes —
/// parties refined into several, fields of base items replaced by id, base
/// items removed. Its other sections add to the base. docs/model.md,
/// "Overlays".
struct OverlaySpec {
    enum Base: Equatable {
        case path(String)
        case builtIn(String)
    }

    struct Pin {
        var id: String?
        var version: String?
        var sha256: String?
    }

    /// One party of the base made into several.
    struct Refinement {
        var party: Reference
        /// The parties it becomes, as written (for diagnostics).
        var intoReferences: [Reference]
        var into: [String] { intoReferences.map(\.id) }
        /// Layer → owner (a node as written: a party or a list), for every offering.
        var owners: [String: Node] = [:]
        /// Offering → layer → owner, where one offering differs.
        var offerings: [String: [String: Node]] = [:]
        /// Topic → responsible, for topics that made the party responsible.
        var topics: [String: Node] = [:]
        /// Who takes the rest: answer parts, overrides, other topics.
        var otherwise: Node?
        var node: Node
    }

    var base: Base
    var baseNode: Node
    var pin: Pin?
    var pinNode: Node?
    var refinements: [Refinement] = []
    /// Section → items (each with its id and the fields that replace the base's).
    var replacements: [(section: String, id: Reference, item: Node)] = []
    var removals: [(section: String, id: Reference)] = []
    /// The agency's requirements file, relative to the overlay's file.
    var requirementsPath: String?

    /// The sections whose items an overlay may replace or remove, with the key that names an item.
    static let keyedSections: [(section: String, key: String)] = [
        ("parties", "id"), ("layers", "id"), ("offerings", "id"), ("topics", "id"), ("mapping", "entry"),
    ]

    /// The key that names an item of `section`.
    static func key(of section: String) -> String {
        keyedSections.first { $0.section == section }?.key ?? "id"
    }

    static func decode(_ node: Node, reader: inout NodeReader) -> OverlaySpec? {
        guard let f = reader.fields(node, "'overlay'", ModelFormat.overlay) else { return nil }
        var base: Base?
        if let b = f["base"] {
            if case .mapping = b {
                if let bf = reader.fields(b, "the base", ModelFormat.builtInBase), let id = reader.id(bf["built-in"], "the built-in model") {
                    base = .builtIn(id)
                }
            } else if let path = reader.string(b, "the base's path") {
                base = .path(path)
            }
        }
        var pin: Pin?
        if let p = f["pin"], let pf = reader.fields(p, "the pin", ModelFormat.pin) {
            pin = Pin(id: reader.id(pf["id"], "the pinned id"), version: reader.string(pf["version"], "the pinned version"), sha256: nil)
            if let hash = reader.string(pf["sha256"], "the pinned sha256") {
                if hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                    pin?.sha256 = hash
                } else {
                    reader.error(
                        .wrongType, pf["sha256"], "the pin's sha256 is 64 lower-case hex digits",
                        suggestion: "copy it from what demarc check prints for the base")
                }
            }
        }
        guard let base, let baseNode = f["base"] else { return nil }
        var spec = OverlaySpec(base: base, baseNode: baseNode, pin: pin, pinNode: f["pin"])
        spec.requirementsPath = reader.string(f["requirements"], "the requirements' path")
        for r in reader.list(f["refine"], "'refine'") {
            guard let rf = reader.fields(r, "a refinement", ModelFormat.refinement) else { continue }
            guard let party = reader.reference(rf["party"], "the refined party") else { continue }
            let intoReferences = reader.references(rf["into"], "the parties it becomes")
            let into = intoReferences.map(\.id)
            if into.isEmpty { reader.error(.missingField, rf["into"] ?? r, "a refinement names the parties the base's party becomes ('into')") }
            var refinement = Refinement(party: party, intoReferences: intoReferences, otherwise: rf["otherwise"], node: r)
            refinement.owners = keyed(rf["owners"], "'owners'", reader: &reader)
            for (offering, layers) in keyed(rf["offerings"], "'offerings'", reader: &reader) {
                refinement.offerings[offering] = keyed(layers, "the layers of '\(offering)'", reader: &reader)
            }
            refinement.topics = keyed(rf["topics"], "'topics'", reader: &reader)
            // Every taker is one of the parties the refined one becomes.
            let takers =
                Array(refinement.owners.values) + refinement.offerings.values.flatMap(\.values) + Array(refinement.topics.values)
                + [refinement.otherwise].compactMap { $0 }
            for taker in takers {
                for named in reader.references(taker, "the party that takes it") where !into.contains(named.id) {
                    reader.diagnostics.append(
                        Diagnostic(
                            .error, .unknownReference, at: named.location, to: named.end,
                            "'\(named.id)' is not one of the parties '\(party.id)' becomes (\(into.joined(separator: ", ")))",
                            suggestion: "add it to 'into', or name one of them"))
                }
            }
            spec.refinements.append(refinement)
        }
        if let r = f["replace"], let rf = reader.fields(r, "'replace'", ModelFormat.replacements) {
            for (section, key) in keyedSections {
                for item in reader.list(rf[section], "'\(section)'") {
                    guard case .mapping(let mapping) = item else {
                        reader.error(.wrongType, item, "an item to replace is a mapping with its '\(key)'")
                        continue
                    }
                    guard let id = reader.reference(mapping[key], "the id of the item to replace") else {
                        reader.error(.missingField, item, "an item to replace names its '\(key)'")
                        continue
                    }
                    spec.replacements.append((section, id, item))
                }
            }
        }
        if let r = f["remove"], let rf = reader.fields(r, "'remove'", ModelFormat.removals) {
            for (section, _) in keyedSections {
                for id in reader.references(rf[section], "an item to remove") { spec.removals.append((section, id)) }
            }
        }
        return spec
    }

    /// A mapping of ids to nodes, as written.
    private static func keyed(_ node: Node?, _ what: String, reader: inout NodeReader) -> [String: Node] {
        guard let node, !NodeReader.isNull(node) else { return [:] }
        guard case .mapping(let mapping) = node else {
            reader.error(.wrongType, node, "\(what) maps ids to values, found \(NodeReader.describe(node))")
            return [:]
        }
        var out: [String: Node] = [:]
        for (key, value) in mapping {
            if let id = reader.id(key, "a key of \(what)") { out[id] = value }
        }
        return out
    }

    // MARK: Applying

    /// Applies removals, replacements and refinements to the base's
    /// documents; errors (a target the base does not have) go to `reader`.
    /// `declared`: the parties the overlay and its requirements declare, which
    /// a refinement may make of a base party.
    func apply(to documents: inout [ModelDocument], declared: Set<String>, reader: inout NodeReader) {
        for (section, id) in removals {
            let key = Self.key(of: section)
            var found = false
            Self.edit(&documents, section) { item in
                guard Self.string(item.mapping?[key]) == id.id else { return true }
                found = true
                return false
            }
            if !found { missing(section, id, in: documents, reader: &reader) }
            if section == "offerings" { dropReferences(toOffering: id.id, in: &documents) }
            if section == "topics" { dropAnswers(byTopic: id.id, in: &documents) }
        }
        for (section, id, patch) in replacements {
            let key = Self.key(of: section)
            var found = false
            Self.edit(&documents, section) { item in
                guard Self.string(item.mapping?[key]) == id.id, var mapping = item.mapping, let fields = patch.mapping else { return true }
                found = true
                for (k, value) in fields { mapping[k] = value }
                item = .mapping(mapping)
                return true
            }
            if !found { missing(section, id, in: documents, reader: &reader) }
        }
        for refinement in refinements { refine(refinement, in: &documents, declared: declared, reader: &reader) }
    }

    private func missing(_ section: String, _ id: Reference, in documents: [ModelDocument], reader: inout NodeReader) {
        let key = Self.key(of: section)
        var known: [String] = []
        for document in documents {
            for item in document[section]?.sequence ?? [] { if let k = Self.string(item.mapping?[key]) { known.append(k) } }
        }
        let hint = Identifiers.closest(to: id.id, in: known)
        reader.diagnostics.append(
            Diagnostic(
                .error, .unknownReference, at: id.location, to: id.end,
                "the base has no item '\(id.id)' in '\(section)'",
                suggestion: hint.map { "did you mean '\($0)'?" } ?? "the base's \(section): \(known.sorted().joined(separator: ", "))",
                fix: hint.map { Fix(replacement: $0) }))
    }

    /// Overrides and per-offering statements of a removed offering go with it.
    private func dropReferences(toOffering offering: String, in documents: inout [ModelDocument]) {
        Self.edit(&documents, "overrides") { Self.string($0.mapping?["offering"]) != offering }
        Self.edit(&documents, "topics") { topic in
            guard var mapping = topic.mapping, var statements = mapping["statements"]?.mapping else { return true }
            statements[offering] = nil
            mapping["statements"] = .mapping(statements)
            topic = .mapping(mapping)
            return true
        }
    }

    /// Answers given by a removed topic go with it.
    private func dropAnswers(byTopic topic: String, in documents: inout [ModelDocument]) {
        Self.edit(&documents, "mapping") { item in
            guard var mapping = item.mapping, let answers = mapping["answers"]?.sequence else { return true }
            mapping["answers"] = Self.edited(answers) { Self.string($0.mapping?["topic"]) != topic }
            item = .mapping(mapping)
            return true
        }
    }

    /// Replaces the refined party wherever the base names it.
    private func refine(_ refinement: Refinement, in documents: inout [ModelDocument], declared: Set<String>, reader: inout NodeReader) {
        let party = refinement.party.id
        // A party declared nowhere: one error at its name, and the base's party
        // kept, rather than every place the base named it unknown.
        let undeclared = refinement.intoReferences.filter { !declared.contains($0.id) }
        for reference in undeclared {
            reader.diagnostics.append(
                Diagnostic(
                    .error, .unknownReference, at: reference.location, to: reference.end,
                    "'\(party)' becomes '\(reference.id)', which no 'parties' section of the overlay or its requirements declares",
                    suggestion: "declare it under the overlay's 'parties', or name the requirements that do ('requirements: FILE')"))
        }
        if !undeclared.isEmpty { return }
        var partyFound = false
        Self.edit(&documents, "parties") { item in
            guard Self.string(item.mapping?["id"]) == party else { return true }
            partyFound = true
            return false
        }
        if !partyFound {
            missing("parties", refinement.party, in: documents, reader: &reader)
            return
        }
        var unplaced: [String] = []
        func otherwise(_ what: String) -> Node? {
            if let node = refinement.otherwise { return node }
            unplaced.append(what)
            return nil
        }
        Self.edit(&documents, "offerings") { offering in
            guard var mapping = offering.mapping, var owners = mapping["owners"]?.mapping else { return true }
            let id = Self.string(mapping["id"]) ?? ""
            for (layerKey, owner) in owners {
                guard let layer = Self.string(layerKey), Self.names(owner, party) else { continue }
                let taker = refinement.offerings[id]?[layer] ?? refinement.owners[layer] ?? otherwise("the \(layer) layer of \(id)")
                if let taker { owners[layerKey] = Self.substitute(party, by: taker, in: owner) }
            }
            mapping["owners"] = .mapping(owners)
            offering = .mapping(mapping)
            return true
        }
        Self.edit(&documents, "topics") { topic in
            guard var mapping = topic.mapping, let responsible = mapping["responsible"], Self.names(responsible, party) else { return true }
            let id = Self.string(mapping["id"]) ?? ""
            if let taker = refinement.topics[id] ?? otherwise("topic \(id)") {
                mapping["responsible"] = Self.substitute(party, by: taker, in: responsible)
            }
            topic = .mapping(mapping)
            return true
        }
        Self.edit(&documents, "mapping") { item in
            guard var mapping = item.mapping, let answers = mapping["answers"]?.sequence else { return true }
            var changed: [Node] = []
            for answer in answers {
                guard var a = answer.mapping, var parts = a["parts"]?.mapping, let part = parts[party] else {
                    changed.append(answer)
                    continue
                }
                if let taker = otherwise("the parts of the answers to \(Self.string(mapping["entry"]) ?? "")") {
                    parts[party] = nil
                    for id in Self.parties(taker) { parts[id] = part }
                    a["parts"] = .mapping(parts)
                }
                changed.append(.mapping(a))
            }
            mapping["answers"] = .sequence(Node.Sequence(changed))
            item = .mapping(mapping)
            return true
        }
        Self.edit(&documents, "overrides") { item in
            guard var mapping = item.mapping, let does = mapping["does"], Self.names(does, party) else { return true }
            if let taker = otherwise("an override of \(Self.string(mapping["entry"]) ?? "")") {
                mapping["does"] = Self.substitute(party, by: taker, in: does)
            }
            item = .mapping(mapping)
            return true
        }
        for what in Set(unplaced).sorted() {
            reader.error(
                .missingField, refinement.node, "the base gives '\(party)' \(what), and the refinement does not say who takes it",
                suggestion: "name the taker under 'owners', 'offerings' or 'topics', or add 'otherwise: PARTY'")
        }
    }

    // MARK: Node helpers

    /// Runs `body` on every item of `section` in every document; an item for which it returns false is removed.
    static func edit(_ documents: inout [ModelDocument], _ section: String, _ body: (inout Node) -> Bool) {
        for index in documents.indices {
            guard let list = documents[index][section], case .sequence(let sequence) = list else { continue }
            documents[index][section] = edited(sequence, body)
        }
    }

    /// The same for the catalogue's entries.
    static func editEntries(_ documents: inout [ModelDocument], _ body: (inout Node) -> Bool) {
        for index in documents.indices {
            guard var catalogue = documents[index]["catalogue"]?.mapping, let list = catalogue["entries"]?.sequence else { continue }
            catalogue["entries"] = edited(list, body)
            documents[index]["catalogue"] = .mapping(catalogue)
        }
    }

    /// The list with `body` run on each item, those for which it returns false left out.
    static func edited(_ sequence: Node.Sequence, _ body: (inout Node) -> Bool) -> Node {
        var kept: [Node] = []
        for var item in sequence where body(&item) { kept.append(item) }
        return .sequence(Node.Sequence(kept, sequence.tag, sequence.style, sequence.mark))
    }

    static func string(_ node: Node?) -> String? {
        guard case .scalar(let s)? = node else { return nil }
        return s.string
    }

    /// The party ids a party node (one id or a list) names.
    static func parties(_ node: Node) -> [String] {
        if case .sequence(let s) = node { return s.compactMap(string) }
        return string(node).map { [$0] } ?? []
    }

    static func names(_ node: Node, _ party: String) -> Bool { parties(node).contains(party) }

    /// `node` (one party or a list) with `party` replaced by the taker's parties.
    static func substitute(_ party: String, by taker: Node, in node: Node) -> Node {
        guard case .sequence(let sequence) = node else { return taker }
        var out: [Node] = []
        for item in sequence {
            if string(item) == party {
                if case .sequence(let takers) = taker { out += takers } else { out.append(taker) }
            } else {
                out.append(item)
            }
        }
        var seen: Set<String> = []
        out = out.filter { string($0).map { seen.insert($0).inserted } ?? true }
        return out.count == 1 ? out[0] : .sequence(Node.Sequence(out, sequence.tag, sequence.style, sequence.mark))
    }
}
