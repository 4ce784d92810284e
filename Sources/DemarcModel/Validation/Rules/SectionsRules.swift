/// The validation rules of sections.
extension Validator {
    mutating func checkSections() -> Metadata? {
        let metadata = partial.metadata
        guard let first = metadata.first else {
            // A missing section is missing from the start of the model's first file.
            let at = fallback
            error(
                .missingField, at, "the model has no 'model:' section (id, name, version, as-of)",
                suggestion: "add one to a file of the model")
            return nil
        }
        for extra in metadata.dropFirst() {
            error(.duplicateSection, extra.location, "a second 'model:' section (the first is at \(first.location))")
        }
        let layerFiles = partial.layerFiles
        if let firstLayers = layerFiles.first {
            for other in layerFiles.dropFirst() where other.0 != firstLayers.0 {
                error(.duplicateSection, other.1, "'layers' is split over files (also at \(firstLayers.1)); its order is bottom to top, so keep it in one file")
            }
        }
        return first
    }

    mutating func checkCatalogueSection() -> Catalogue? {
        guard let first = partial.catalogues.first else {
            // A named catalogue folder that is missing was reported by the loader already.
            if let metadata = partial.metadata.first, metadata.cataloguePath != nil { return nil }
            let at = partial.metadata.first?.location ?? firstLocation() ?? fallback
            error(
                .catalogueMissing, at, "the model has no catalogue",
                suggestion: "add 'catalogue:' or point 'model.catalogue' at a catalogue's folder")
            return nil
        }
        for extra in partial.catalogues.dropFirst() {
            error(
                .duplicateSection, extra.location,
                "a second catalogue '\(extra.id)' (the first, '\(first.id)', is at \(first.location)); a model uses one catalogue")
        }
        return first
    }

    func firstLocation() -> SourceLocation? {
        let all: [SourceLocation] =
            partial.parties.map(\.location) + partial.layers.map(\.location)
            + partial.offerings.map(\.location) + partial.topics.map(\.location) + partial.mapping.map(\.location)
            + partial.overrides.map(\.location)
        return all.min()
    }

    /// One set of requirements at most, written against the model's catalogue.
    mutating func checkRequirements(catalogue: Catalogue) -> Requirements? {
        guard let first = partial.requirements.first else { return nil }
        for extra in partial.requirements.dropFirst() {
            error(.duplicateSection, extra.location, "a second 'requirements:' section (the first is at \(first.location))")
        }
        if let id = first.catalogue, id != catalogue.id {
            error(
                .unknownReference, first.location, "the requirements are written against the catalogue '\(id)', the model's is '\(catalogue.id)'",
                suggestion: "requirements and model must name one edition of the standard")
        }
        return first
    }
}
