/// What falls to one customer-side party in one offering: its duties, and for
/// the accountable party also what it must write into the specification or
/// the contract and what it should ask the provider.
public struct Obligations: Sendable {
    public var offering: String
    public var party: String
    /// Whether this party is the accountable one (the agency).
    public var isAccountable: Bool
    /// Cells this party does (alone or shared), in catalogue order; basic
    /// measures that roll up items are left out (their items are listed).
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
    public var conditions: [Text]
    public var items: [DemandedItem]
}

public struct DemandedItem: Sendable {
    public var entry: String
    public var title: Text
    public var parameters: [Parameter]
    public var outcome: Outcome
}

/// A question for the provider about an entry whose disclosure is short.
public struct Question: Sendable {
    public var entry: String
    public var coverage: Coverage
    public var text: Text
}

extension Derivation {
    /// Obligations of every customer-side party in `offering`, in party order.
    public func obligations(offering: String) -> [Obligations] {
        guard model.offering(offering) != nil else { return [] }
        let cells = cells(offering: offering)
        let leafCells = cells.filter { cell in
            guard let entry = model.catalogue.entry(cell.entry) else { return false }
            return !(entry.kind == .basicMeasure && !model.catalogue.children(of: entry.id).isEmpty)
        }
        let byEntry = Dictionary(cells.map { ($0.entry, $0) }, uniquingKeysWith: { a, _ in a })
        var demands: [DemandItem] = []
        for entry in model.catalogue.entries {
            for demand in entry.demands {
                let items = model.catalogue.children(of: entry.id).map { item in
                    DemandedItem(entry: item.id, title: item.label, parameters: item.parameters,
                                 outcome: byEntry[item.id]?.outcome ?? .notApplicable)
                }
                demands.append(DemandItem(entry: entry.id, into: demand.into, text: demand.text, conditions: entry.conditions, items: items))
            }
        }
        let questions = leafCells.compactMap { cell in
            question(for: cell).map { Question(entry: cell.entry, coverage: cell.coverage, text: $0) }
        }
        return model.parties.filter { $0.side == .customer }.map { party in
            let isAccountable = party.id == accountable
            return Obligations(offering: offering, party: party.id, isAccountable: isAccountable,
                               duties: leafCells.filter { $0.outcome.parties.contains(party.id) },
                               demands: isAccountable ? demands : [], questions: isAccountable ? questions : [])
        }
    }
}

extension Derivation {
    /// What the agency should ask the provider about a cell whose coverage is
    /// short of full: the mapping's own question, else one generated from the
    /// coverage. Nil when the disclosures cover it.
    public func question(for cell: Cell) -> Text? {
        guard cell.coverage != .full else { return nil }
        return model.mapping(for: cell.entry)?.question ?? Phrases(model: model).question(cell)
    }
}

extension Phrases {
    /// A question for the provider generated from a cell's coverage.
    func question(_ cell: Cell) -> Text {
        let title = model.catalogue.entry(cell.entry).map(entryName) ?? Text(ja: cell.entry, en: cell.entry)
        let topics = cell.answers.compactMap { model.topic($0.topic)?.title }
        let listJa = topics.map { "「\($0.ja)」" }.joined(separator: "、")
        let listEn = topics.map { "\"\($0.string(.en))\"" }.joined(separator: ", ")
        switch cell.coverage {
        case .none:
            return Text(ja: "\(title.ja)について事業者の開示がない。事業者が何を提供・保証するかを示すよう求める。",
                        en: "The provider discloses nothing on \(title.string(.en)): ask what it provides or guarantees.")
        case .partial:
            return Text(ja: "\(title.ja)について開示は一部のみ（\(listJa)）。不足する点を事業者に確認する。",
                        en: "The disclosure on \(title.string(.en)) is partial (\(listEn)): ask the provider for the rest.")
        case .customerOnly:
            return Text(ja: "\(title.ja)について事業者は利用者の責任とするのみ（\(listJa)）。事業者が提供できる機能・情報を確認する。",
                        en: "On \(title.string(.en)) the provider only says it is the customer's job (\(listEn)): ask what functions or information it can provide.")
        case .full:
            return Text(ja: "", en: "")
        }
    }
}
