/// The validation rules of mapping.
extension Validator {
    mutating func checkMapping(_ catalogue: Catalogue) {
        var mapped: [String: MappingEntry] = [:]
        for item in partial.mapping where mapped[item.entry] == nil { mapped[item.entry] = item }
        for entry in catalogue.entries {
            let rollsUp = catalogue.rollsUp(entry.id)
            guard let item = mapped[entry.id] else {
                if !rollsUp {
                    error(
                        .mappingNoScope, entry.location, "entry '\(entry.id)' has no scope in the mapping",
                        suggestion: "add a mapping item: {entry: '\(entry.id)', scope: [layers] or organisational}")
                }
                continue
            }
            if item.scope == nil, !rollsUp {
                error(
                    .mappingNoScope, item.location, "entry '\(entry.id)' has no scope",
                    suggestion: "add scope: [layers] or scope: organisational")
            }
        }
    }
}
