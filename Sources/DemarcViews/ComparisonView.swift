import DemarcModel

/// The offerings side by side over the same layers: each column's owners
/// and demarcation point, the number of controls each party does, the gaps,
/// and the controls whose doer changes with the offering.
public struct ComparisonView: Sendable {
    public struct Column: Sendable, Hashable {
        public var id: String
        public var name: String
        public var label: String
        /// Layer index (bottom-up) → the label of the demarcation band above it.
        public var bands: [Int: String]
    }

    public struct LayerRow: Sendable, Hashable {
        public var name: String
        /// One per column.
        public var owners: [OwnerView]
        /// Per column: whether the owner differs from the first column's.
        public var differs: [Bool]
    }

    public struct CountRow: Sendable, Hashable {
        /// The party the row counts, or nil for the shared/gap rows.
        public var party: PartyView?
        public var label: String
        public var isGap: Bool
        /// One per column.
        public var counts: [String]
    }

    public struct Change: Sendable, Hashable {
        public var entry: String
        /// "4.1.4(1)-2 d) Vulnerability countermeasures: ".
        public var lead: String
        /// Outcomes with the columns that have them, in column order.
        public var groups: [(outcome: OutcomeView, columns: String)]

        public static func == (a: Change, b: Change) -> Bool {
            a.entry == b.entry && a.lead == b.lead && a.groups.map(\.outcome) == b.groups.map(\.outcome)
                && a.groups.map(\.columns) == b.groups.map(\.columns)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(entry)
            hasher.combine(lead)
        }
    }

    public var title: String
    public var description: String
    public var columns: [Column]
    /// Top layer first.
    public var layers: [LayerRow]
    /// " ◀ differs": after an owner that differs from the first column's.
    public var differsMark: String
    public var countsTitle: String
    public var counts: [CountRow]
    public var changesTitle: String
    public var changes: [Change]
    public var changeSeparator: String
    /// Said when no control changes hands.
    public var noChanges: String
    /// "… and 3 more", when changes were left out.
    public var moreChanges: String?
    public var legend: LegendView
    public var caption: String
}

extension Views {
    /// The comparison of `offerings` (all, in model order, when empty),
    /// listing at most `maxChanges` changes.
    public func comparison(_ selected: [Offering] = [], maxChanges: Int = .max) -> ComparisonView {
        let offerings = selected.isEmpty ? model.offerings : selected
        let names = offerings.map { s($0.label) }
        let columns = offerings.map { offering in
            ComparisonView.Column(
                id: offering.id, name: s(offering.name), label: s(offering.label),
                bands: Dictionary(demarcations(offering).map { ($0, bandLabel(offering, above: $0)) }, uniquingKeysWith: { a, _ in a }))
        }
        var layers: [ComparisonView.LayerRow] = []
        for layer in model.layers.reversed() {
            let ownerships = offerings.map { $0.owners[layer.id] ?? .notApplicable(reason: .verbatim("")) }
            layers.append(
                ComparisonView.LayerRow(
                    name: s(layer.name), owners: ownerships.map(owner),
                    differs: ownerships.enumerated().map { $0.offset > 0 && $0.element != ownerships[0] }))
        }
        let cellsByOffering = offerings.map { offering in
            derivation.cells(offering: offering.id).filter { !model.catalogue.rollsUp($0.entry) }
        }
        func count(_ n: Int) -> String { words("comparison.count", ["count": String(n)]) }
        // The agency's decisions; the measures each party does; the evidence each supplier gives.
        var counts: [ComparisonView.CountRow] = [
            ComparisonView.CountRow(
                party: party(derivation.accountable), label: words("comparison.decisions", ["party": words.partyLabel(derivation.accountable)]), isGap: false,
                counts: cellsByOffering.map { cells in count(cells.filter { $0.decides == derivation.accountable }.count) })
        ]
        for party in parties {
            let measures = cellsByOffering.map { cells in cells.filter { $0.basis != .decision && $0.outcome.parties.contains(party.id) } }
            guard measures.contains(where: { !$0.isEmpty }) else { continue }
            counts.append(
                ComparisonView.CountRow(
                    party: party, label: words("comparison.measures", ["party": party.label]), isGap: false,
                    counts: measures.map { count($0.count) }))
        }
        for party in parties {
            let supplied = cellsByOffering.map { cells in cells.filter { $0.evidence.contains { $0.party == party.id } } }
            guard supplied.contains(where: { !$0.isEmpty }) else { continue }
            counts.append(
                ComparisonView.CountRow(
                    party: party, label: words("comparison.evidence", ["party": party.label]), isGap: false,
                    counts: supplied.map { count($0.count) }))
        }
        let others: [(String, Bool, (Cell) -> Bool)] = [
            (words("comparison.shared"), false, { $0.basis != .decision && $0.outcome.parties.count > 1 }),
            (words("comparison.gaps"), true, { $0.coverage == .none }),
            (words("comparison.partial"), false, { $0.coverage == .partial || $0.coverage == .customerOnly }),
        ]
        for (label, isGap, test) in others {
            counts.append(
                ComparisonView.CountRow(
                    party: nil, label: label, isGap: isGap,
                    counts: cellsByOffering.map { count($0.filter(test).count) }))
        }
        var changes: [ComparisonView.Change] = []
        var more = 0
        if offerings.count > 1 {
            for entry in model.catalogue.entries where !model.catalogue.rollsUp(entry.id) {
                let outcomes = offerings.map { derivation.cell(entry: entry.id, offering: $0.id)!.outcome }
                guard Set(outcomes).count > 1 else { continue }
                if changes.count >= maxChanges { more += 1; continue }
                // Offerings grouped by outcome, in column order: compact however many columns there are.
                var groups: [(Outcome, [String])] = []
                for (offering, outcome) in zip(offerings, outcomes) {
                    if let i = groups.firstIndex(where: { $0.0 == outcome }) {
                        groups[i].1.append(s(offering.label))
                    } else {
                        groups.append((outcome, [s(offering.label)]))
                    }
                }
                changes.append(
                    ComparisonView.Change(
                        entry: entry.id, lead: words("comparison.change.lead", ["id": entry.id, "title": s(entry.label)]),
                        groups: groups.map {
                            (
                                outcome($0.0),
                                words("comparison.change.columns", ["columns": $0.1.joined(separator: words("comparison.change.columns.separator"))])
                            )
                        }))
            }
        }
        let description = words(
            "comparison.description",
            [
                "offerings": names.joined(separator: words("comparison.names.separator")),
                "columns": offerings.map { o in
                    words(
                        "comparison.description.column",
                        [
                            "offering": s(o.label),
                            "layers": model.layers.map {
                                words(
                                    "comparison.description.layer",
                                    ["layer": s($0.label), "owner": words.ownerWords(o.owners[$0.id] ?? .notApplicable(reason: .verbatim("")))])
                            }
                            .joined(separator: words("comparison.description.layer.separator")),
                        ])
                }.joined(separator: words("comparison.description.column.separator")),
                "caption": words.caption,
            ])
        return ComparisonView(
            title: words("comparison.title", ["offerings": names.joined(separator: words("comparison.names.separator"))]),
            description: description, columns: columns, layers: layers, differsMark: words("comparison.differs", ["first": names.first ?? ""]),
            countsTitle: words("comparison.counts.title"), counts: counts, changesTitle: words("comparison.changes.title"),
            changes: changes, changeSeparator: words("comparison.change.separator"), noChanges: words("comparison.no-changes"),
            moreChanges: more > 0 ? words("comparison.more", ["count": String(more)]) : nil,
            legend: legend(
                parties: Set(offerings.flatMap(partiesShown)),
                extra: offerings.count > 1 ? [words("comparison.differs.legend", ["first": names.first ?? ""])] : []),
            caption: words.caption)
    }
}
