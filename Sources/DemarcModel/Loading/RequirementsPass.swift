import Yams

/// What the agency's requirements change in the model before it is decoded:
/// the example items it does not adopt are left out (with the mapping items
/// and overrides that named them), and its parameter values replace the
/// catalogue's. The rest of the requirements (ratings, what a next
/// contractor inherits) is decoded into `Metadata.requirements`.
enum RequirementsPass {
    static func apply(to documents: inout [ModelDocument], reader: inout NodeReader) {
        guard let requirements = documents.lazy.compactMap({ $0["requirements"]?.mapping }).first else { return }
        var entries: [String: String] = [:]  // id → kind
        for document in documents {
            for entry in document["catalogue"]?.mapping?["entries"]?.sequence ?? [] {
                if let id = OverlaySpec.string(entry.mapping?["id"]) { entries[id] = OverlaySpec.string(entry.mapping?["kind"]) ?? "" }
            }
        }
        if let adopts = requirements["adopts"]?.sequence {
            var adopted: Set<String> = []
            for item in adopts {
                guard let id = OverlaySpec.string(item) else { continue }
                if entries[id] == EntryKind.example.rawValue {
                    adopted.insert(id)
                } else if entries[id] != nil {  // an unknown id is reported with the other references
                    let examples = entries.filter { $0.value == EntryKind.example.rawValue }.keys.sorted()
                    let hint = Identifiers.closest(to: id, in: examples)
                    reader.error(
                        .unknownReference, item,
                        "'\(id)' is not an example item (例); only examples are adopted or left out",
                        suggestion: hint.map { "did you mean '\($0)'?" }, fix: hint.map { Fix(replacement: $0) })
                }
            }
            let left = Set(entries.filter { $0.value == EntryKind.example.rawValue && !adopted.contains($0.key) }.keys)
            OverlaySpec.editEntries(&documents) { OverlaySpec.string($0.mapping?["id"]).map { !left.contains($0) } ?? true }
            OverlaySpec.edit(&documents, "mapping") { OverlaySpec.string($0.mapping?["entry"]).map { !left.contains($0) } ?? true }
            OverlaySpec.edit(&documents, "overrides") { OverlaySpec.string($0.mapping?["entry"]).map { !left.contains($0) } ?? true }
        }
        for value in requirements["parameters"]?.sequence ?? [] {
            guard let f = value.mapping, let entry = OverlaySpec.string(f["entry"]), let id = OverlaySpec.string(f["id"]), let text = f["value"] else {
                continue
            }
            var found = false
            OverlaySpec.editEntries(&documents) { item in
                guard OverlaySpec.string(item.mapping?["id"]) == entry, var e = item.mapping, let parameters = e["parameters"]?.sequence else {
                    return true
                }
                e["parameters"] = OverlaySpec.edited(parameters) { parameter in
                    guard OverlaySpec.string(parameter.mapping?["id"]) == id, var p = parameter.mapping else { return true }
                    found = true
                    p["value"] = text
                    parameter = .mapping(p)
                    return true
                }
                item = .mapping(e)
                return true
            }
            if !found {
                reader.error(
                    .unknownReference, f["id"], "the catalogue's entry '\(entry)' has no parameter '\(id)'",
                    suggestion: "name an entry and one of its parameters as the catalogue gives them")
            }
        }
    }
}
