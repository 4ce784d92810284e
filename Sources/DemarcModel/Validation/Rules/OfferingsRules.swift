/// The validation rules of offerings.
extension Validator {
    mutating func checkOfferings() {
        for offering in partial.offerings {
            for layer in partial.layers where offering.owners[layer.id] == nil && offering.ownerLocations[layer.id] == nil {
                error(
                    .offeringLayerUnassigned, offering.location,
                    "offering '\(offering.id)' gives layer '\(layer.id)' no owner",
                    suggestion: "add '\(layer.id): PARTY' (or {not-applicable: reason}) under 'owners'")
            }
        }
    }
}
