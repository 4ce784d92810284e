/// Cross-file checks of a merged model: duplicates, references, completeness,
/// the catalogue's tree, the mapping, and the warnings (expired evidence,
/// weak colours). Each rule's id is in docs/model.md.
struct Validator {
    var partial: PartialModel
    var diagnostics: [Diagnostic] = []

    /// Where a problem of the model as a whole is reported when nothing in
    /// the model has a place: the first file read.
    private let fallback: SourceLocation

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
        guard let metadata, let catalogue else { return nil }
        return Model(
            metadata: metadata, parties: partial.parties, layers: partial.layers, offerings: partial.offerings,
            topics: partial.topics, catalogue: catalogue, mapping: resolvedParts(partial.mapping), overrides: partial.overrides)
    }

    /// `part:` names the topic's own parties: give it to each of them.
    private func resolvedParts(_ mapping: [MappingEntry]) -> [MappingEntry] {
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

    // MARK: sections

    private mutating func checkSections() -> Metadata? {
        let metadata = partial.metadata
        guard let first = metadata.first else {
            let at = firstLocation() ?? fallback
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

    private mutating func checkCatalogueSection() -> Catalogue? {
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

    private func firstLocation() -> SourceLocation? {
        let all: [SourceLocation] =
            partial.parties.map(\.location) + partial.layers.map(\.location)
            + partial.offerings.map(\.location) + partial.topics.map(\.location) + partial.mapping.map(\.location)
            + partial.overrides.map(\.location)
        return all.min()
    }

    // MARK: duplicates

    private mutating func checkDuplicates() {
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
    private mutating func duplicates(_ items: [(String, SourceLocation)], _ noun: String) {
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

    // MARK: references

    private mutating func checkReferences() {
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

    // MARK: parties

    private mutating func checkParties(catalogue: Catalogue?) {
        let parties = partial.parties
        if parties.count < 2 {
            let at = parties.first?.location ?? partial.metadata.first?.location ?? firstLocation() ?? fallback
            error(
                .tooFewParties, at, "a model needs two or more parties (found \(parties.count))",
                suggestion: "at least a provider-side and a customer-side party")
        }
        for party in parties {
            let ratio = party.colour.contrast(with: .white)
            if ratio < 4.5 {
                let better = party.colour.adjusted(toReach: 4.5)
                warning(
                    .partyContrast, party.location,
                    "the colour \(party.colour) of party '\(party.id)' has contrast \(formatRatio(ratio)):1 against white; text needs 4.5:1",
                    suggestion: "try \(better) (\(formatRatio(better.contrast(with: .white))):1)")
            }
        }
        if let catalogue, parties.count >= 2, Derivation.accountableParty(role: catalogue.accountableRole, parties: parties) == nil {
            error(
                .accountableMissing, catalogue.location,
                "the catalogue makes role '\(catalogue.accountableRole.rawValue)' accountable, but no party can be accountable",
                suggestion: "give a party role '\(catalogue.accountableRole.rawValue)'")
        }
    }

    private func formatRatio(_ r: Double) -> String {
        let hundredths = Int((r * 100).rounded(.down))
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    // MARK: offerings

    private mutating func checkOfferings() {
        for offering in partial.offerings {
            for layer in partial.layers where offering.owners[layer.id] == nil && offering.ownerLocations[layer.id] == nil {
                error(
                    .offeringLayerUnassigned, offering.location,
                    "offering '\(offering.id)' gives layer '\(layer.id)' no owner",
                    suggestion: "add '\(layer.id): PARTY' (or {not-applicable: reason}) under 'owners'")
            }
        }
    }

    // MARK: catalogue

    private mutating func checkCatalogueTree(_ catalogue: Catalogue) {
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

    // MARK: mapping

    private mutating func checkMapping(_ catalogue: Catalogue) {
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

    // MARK: overrides

    private mutating func checkOverrides() {
        for override in partial.overrides where override.does.count != Set(override.does).count {
            error(.overridePartyTwice, override.location, "the override names a party twice")
        }
    }

    // MARK: evidence

    private mutating func checkEvidence(asOf: Day) {
        for topic in partial.topics {
            for evidence in topic.evidence {
                if let until = evidence.validUntil, until < asOf {
                    warning(
                        .evidenceExpired, evidence.location,
                        "evidence '\(evidence.id)' of topic '\(topic.id)' was valid until \(until), before the model's as-of date \(asOf)",
                        suggestion: "renew it or record the current report")
                }
                if let from = evidence.validFrom, asOf < from {
                    warning(
                        .evidenceNotYetValid, evidence.location,
                        "evidence '\(evidence.id)' of topic '\(topic.id)' is valid only from \(from), after the model's as-of date \(asOf)")
                }
            }
        }
    }
}
