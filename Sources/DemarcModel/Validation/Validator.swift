/// Cross-file checks of a merged model: duplicates, references, completeness,
/// the catalogue's tree, the mapping, and the warnings (expired evidence,
/// weak colours). The rules stand one group per file in `Validation/Rules/`
/// (sections, duplicates, references, parties, offerings, the catalogue's
/// tree, the mapping, overrides, evidence); each rule's id is a `Rule` case.
struct Validator {
    var partial: PartialModel
    var diagnostics: [Diagnostic] = []

    /// Where a problem of the model as a whole is reported when nothing in
    /// the model has a place: the first file read.
    let fallback: SourceLocation

    init(partial: PartialModel, files: [String]) {
        self.partial = partial
        fallback = SourceLocation(file: files.first ?? ".", line: 1, column: 1)
    }

    mutating func error(
        _ rule: Rule, _ at: SourceLocation, to end: SourceLocation? = nil, _ message: String,
        suggestion: String? = nil, fix: Fix? = nil
    ) {
        diagnostics.append(Diagnostic(.error, rule, at: at, to: end, message, suggestion: suggestion, fix: fix))
    }

    mutating func warning(_ rule: Rule, _ at: SourceLocation, _ message: String, suggestion: String? = nil) {
        diagnostics.append(Diagnostic(.warning, rule, at: at, message, suggestion: suggestion))
    }

    /// Runs every rule and assembles the model (nil when a section it needs is missing).
    mutating func validate() -> Model? {
        let metadata = checkSections()
        let catalogue = checkCatalogueSection()
        checkDuplicates()
        checkReferences()
        checkParties(catalogue: catalogue)
        checkOfferings()
        if let catalogue { checkCatalogueTree(catalogue); checkMapping(catalogue) }
        checkOverrides()
        if let metadata, metadata.asOfKnown { checkEvidence(asOf: metadata.asOf) }
        guard var metadata, let catalogue else { return nil }
        metadata.requirements = checkRequirements(catalogue: catalogue)
        return Model(
            metadata: metadata, parties: Colour.colouring(partial.parties, uncoloured: partial.uncoloured), layers: partial.layers,
            offerings: partial.offerings,
            topics: partial.topics, catalogue: catalogue, mapping: resolvedParts(partial.mapping), overrides: partial.overrides)
    }

    /// `part:` names the topic's own parties: give it to each of them.
    func resolvedParts(_ mapping: [MappingEntry]) -> [MappingEntry] {
        let topics = Dictionary(partial.topics.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return mapping.map { item in
            var item = item
            item.answers = item.answers.map { answer in
                var answer = answer
                guard let own = answer.parts.removeValue(forKey: "") else { return answer }
                if case .parties(let ps)? = topics[answer.topic]?.responsible {
                    for p in ps where answer.parts[p] == nil { answer.parts[p] = own }
                } else {
                    answer.parts["*"] = own  // follows the demarcation: whoever does the layers
                }
                return answer
            }
            return item
        }
    }
}
