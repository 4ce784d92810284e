/// The validation rules of duplicates.
extension Validator {
    mutating func checkDuplicates() {
        duplicates(partial.parties.map { ($0.id, $0.location) }, "party")
        duplicates(partial.layers.map { ($0.id, $0.location) }, "layer")
        duplicates(partial.offerings.map { ($0.id, $0.location) }, "offering")
        duplicates(partial.topics.map { ($0.id, $0.location) }, "topic")
        duplicates(partial.topics.flatMap { $0.evidence.map { ($0.id, $0.location) } }, "evidence item")
        duplicates(partial.metadata.flatMap { $0.sources.map { ($0.id, $0.location) } }, "source document")
        if let catalogue = partial.catalogues.first {
            duplicates(catalogue.entries.map { ($0.id, $0.location) }, "catalogue entry")
            for entry in catalogue.entries {
                duplicates(entry.parameters.map { ($0.id, $0.location) }, "parameter of '\(entry.id)'")
            }
            // Slugs: entries that are not already the same id but share a file name.
            var bySlug: [String: Entry] = [:]
            for entry in catalogue.entries {
                if let other = bySlug[entry.slug] {
                    if Identifiers.comparisonKey(other.id) != Identifiers.comparisonKey(entry.id) {
                        error(
                            .slugCollision, entry.location,
                            "entries '\(other.id)' (\(other.location)) and '\(entry.id)' both get the file name slug '\(entry.slug)'",
                            suggestion: "make the ids differ in letters or digits, not only punctuation")
                    }
                } else {
                    bySlug[entry.slug] = entry
                }
            }
        }
        duplicates(partial.mapping.map { ($0.entry, $0.location) }, "mapping item for entry")
        duplicates(partial.overrides.map { ("\($0.entry) × \($0.offering)", $0.location) }, "override of")
    }

    /// Reports ids defined twice, comparing NFKC case-folded forms.
    mutating func duplicates(_ items: [(String, SourceLocation)], _ noun: String) {
        var seen: [String: (String, SourceLocation)] = [:]
        for (id, location) in items {
            let key = Identifiers.comparisonKey(id)
            if let (firstID, firstLocation) = seen[key] {
                let how = firstID == id ? "" : " ('\(firstID)' differs only in case or Unicode normalisation)"
                error(.duplicateID, location, "\(noun) '\(id)' is defined twice\(how); the first is at \(firstLocation)")
            } else {
                seen[key] = (id, location)
            }
        }
    }
}
