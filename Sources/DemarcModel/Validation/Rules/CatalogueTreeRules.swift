/// The validation rules of catalogue.
extension Validator {
    mutating func checkCatalogueTree(_ catalogue: Catalogue) {
        var byID: [String: Entry] = [:]
        for entry in catalogue.entries where byID[entry.id] == nil { byID[entry.id] = entry }
        for entry in catalogue.entries {
            guard let parentID = entry.parent, let parent = byID[parentID] else {
                if entry.parent == nil, entry.kind != .requirement {
                    error(
                        .parentKind, entry.location, "\(entry.kind.rawValue) '\(entry.id)' needs a parent",
                        suggestion: entry.kind == .example ? "an example hangs under a basic-measure" : "a basic-measure hangs under a requirement")
                }
                continue
            }
            let expected: EntryKind? = entry.kind == .example ? .basicMeasure : entry.kind == .basicMeasure ? .requirement : nil
            if let expected, parent.kind != expected {
                error(
                    .parentKind, entry.location,
                    "\(entry.kind.rawValue) '\(entry.id)' hangs under \(parent.kind.rawValue) '\(parent.id)'; it belongs under a \(expected.rawValue)")
            } else if entry.kind == .requirement {
                error(.parentKind, entry.location, "requirement '\(entry.id)' has a parent; requirements are the top level")
            }
        }
        // Cycles: follow parents; report each cycle once, at its first entry in catalogue order.
        var reported: Set<String> = []
        for entry in catalogue.entries {
            var path: [String] = [entry.id]
            var current = entry
            while let parentID = current.parent, let parent = byID[parentID] {
                if let index = path.firstIndex(of: parent.id) {
                    let cycle = Array(path[index...])
                    if reported.isDisjoint(with: cycle) {
                        reported.formUnion(cycle)
                        let first = catalogue.entries.first { cycle.contains($0.id) }!
                        error(.parentCycle, first.location, "entries form a cycle of parents: \((cycle + [parent.id]).joined(separator: " → "))")
                    }
                    break
                }
                path.append(parent.id)
                current = parent
            }
        }
    }
}
