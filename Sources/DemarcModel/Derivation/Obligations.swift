/// What falls to one customer-side party in one offering: its duties, and for
/// the accountable party also what it must write into the specification or
/// the contract and what it should ask the provider.
public struct Obligations: Sendable {
    public var offering: String
    public var party: String
    /// Whether this party is the accountable one (the agency).
    public var isAccountable: Bool
    /// Cells this party does (alone or shared) or decides, in catalogue
    /// order; basic measures that roll up items are left out (their items are listed).
    public var duties: [Cell]
    /// For the accountable party: what the basic measures demand be written where.
    public var demands: [DemandItem]
    /// For the accountable party: questions where coverage is short of full.
    public var questions: [Question]
}

/// One "write this into the specification/contract" of a basic measure, with
/// the example items it lists, their parameters and who does each here.
public struct DemandItem: Sendable {
    public var entry: String
    public var into: DemandTarget
    public var text: Text
    public var strength: Strength
    public var conditions: [Condition]
    public var items: [DemandedItem]
}

public struct DemandedItem: Sendable {
    public var entry: String
    public var title: Text
    public var parameters: [Parameter]
    public var outcome: Outcome
}

/// A question for the provider about an entry whose disclosure is short:
/// the mapping's own question (`text`), or, where it has none, one the
/// views word from the coverage.
public struct Question: Sendable {
    public var entry: String
    public var coverage: Coverage
    public var text: Text?
}

extension Derivation {
    /// Obligations of every customer-side party in `offering`, in party order.
    public func obligations(offering: String) -> [Obligations] {
        guard model.offering(offering) != nil else { return [] }
        let cells = cells(offering: offering)
        let leafCells = cells.filter { !model.catalogue.rollsUp($0.entry) }
        let byEntry = Dictionary(cells.map { ($0.entry, $0) }, uniquingKeysWith: { a, _ in a })
        var demands: [DemandItem] = []
        for entry in model.catalogue.entries {
            for demand in entry.demands {
                // A basic measure lists its example items; a requirement's own demand stands alone.
                let items = (entry.kind == .basicMeasure ? model.catalogue.children(of: entry.id) : []).map { item in
                    DemandedItem(
                        entry: item.id, title: item.label, parameters: item.parameters,
                        outcome: byEntry[item.id]?.outcome ?? .notApplicable)
                }
                demands.append(
                    DemandItem(entry: entry.id, into: demand.into, text: demand.text, strength: demand.strength, conditions: entry.conditions, items: items))
            }
        }
        let questions = leafCells.compactMap(question(for:))
        return model.parties.filter { $0.side == .customer }.map { party in
            let isAccountable = party.id == accountable
            return Obligations(
                offering: offering, party: party.id, isAccountable: isAccountable,
                duties: leafCells.filter { $0.outcome.parties.contains(party.id) || $0.decides == party.id },
                demands: isAccountable ? demands : [], questions: isAccountable ? questions : [])
        }
    }
}

extension Derivation {
    /// Whether the agency should ask the provider about a cell: its coverage
    /// is short where the provider has a part. The mapping's own question, if any, is `text`.
    public func question(for cell: Cell) -> Question? {
        guard cell.coverage.isShort else { return nil }
        return Question(entry: cell.entry, coverage: cell.coverage, text: model.mapping(for: cell.entry)?.question)
    }
}
