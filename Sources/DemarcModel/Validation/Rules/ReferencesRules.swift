/// The validation rules of references.
extension Validator {
    mutating func checkReferences() {
        var known: [ReferenceKind: [String]] = [:]
        known[.party] = partial.parties.map(\.id)
        known[.layer] = partial.layers.map(\.id)
        known[.offering] = partial.offerings.map(\.id)
        known[.topic] = partial.topics.map(\.id)
        known[.entry] = partial.catalogues.first?.entries.map(\.id) ?? []
        known[.document] = partial.metadata.flatMap { $0.sources.map(\.id) }
        let sets = known.mapValues(Set.init)
        for (kind, reference) in partial.references {
            if kind == .entry, partial.catalogues.isEmpty { continue }
            guard !(sets[kind]?.contains(reference.id) ?? false) else { continue }
            let candidates = known[kind] ?? []
            let hint =
                Identifiers.closest(to: reference.id, in: candidates)
                ?? candidates.first { Identifiers.comparisonKey($0) == Identifiers.comparisonKey(reference.id) }
            let list = candidates.count <= 8 && !candidates.isEmpty ? "known: \(candidates.joined(separator: ", "))" : nil
            error(
                .unknownReference, reference.location, to: reference.end, "unknown \(kind.noun) '\(reference.id)'",
                suggestion: hint.map { "did you mean '\($0)'?" } ?? list, fix: hint.map { Fix(replacement: $0) })
        }
    }
}
