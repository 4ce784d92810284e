/// Works out, for every catalogue entry and offering, every role: who
/// decides, who does which part, who prepares, who supplies evidence, who
/// stays accountable — with the coverage by the provider's disclosures and
/// the structured reason. Precedence (docs/model.md, "The derivation"):
/// override; the accountable party's own decision or contract term; a basic
/// measure's items rolled up; an organisational measure by the parties whose
/// statements say they do it; a layered measure by the layers' owners.
/// Cells are computed once, when the derivation is made.
public struct Derivation: Sendable {
    public let model: Model
    /// The accountable party's id.
    public let accountable: String
    private let partyOrder: [String: Int]
    /// entry id → offering id → cell.
    private let cells: [String: [String: Cell]]

    /// Nil when no party can be accountable (a loaded model always has one).
    public init?(model: Model) {
        guard let accountable = Self.accountableParty(role: model.catalogue.accountableRole, parties: model.parties) else { return nil }
        self.model = model
        self.accountable = accountable.id
        let order = Dictionary(model.parties.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        partyOrder = order
        var rules = Rules(model: model, accountable: accountable.id, partyOrder: order)
        var cells: [String: [String: Cell]] = [:]
        for offering in model.offerings {
            for entry in model.catalogue.entries {
                cells[entry.id, default: [:]][offering.id] = rules.cell(entry, offering)
            }
        }
        self.cells = cells
    }

    /// The party whose role is `role`; for `agency`, failing that, the one
    /// customer-side `user` (who stands for the agency in a two-party model).
    public static func accountableParty(role: Role, parties: [Party]) -> Party? {
        if let party = parties.first(where: { $0.role == role }) { return party }
        if role == .agency {
            let users = parties.filter { $0.role == .user && $0.side == .customer }
            if users.count == 1 { return users[0] }
        }
        return nil
    }

    /// Every cell: entries in catalogue order × offerings in model order.
    public func matrix() -> [[Cell]] {
        model.catalogue.entries.map { entry in model.offerings.map { cells[entry.id]![$0.id]! } }
    }

    /// The cells of one offering, in catalogue order.
    public func cells(offering: String) -> [Cell] {
        model.catalogue.entries.compactMap { cells[$0.id]?[offering] }
    }

    /// The cell of one entry in one offering; nil for unknown ids.
    public func cell(entry: String, offering: String) -> Cell? { cells[entry]?[offering] }
}

/// The rules, applied once per cell (item cells are memoised for roll-ups).
private struct Rules {
    let model: Model
    let accountable: String
    let partyOrder: [String: Int]
    var memo: [String: Cell] = [:]

    init(model: Model, accountable: String, partyOrder: [String: Int]) {
        self.model = model
        self.accountable = accountable
        self.partyOrder = partyOrder
    }

    mutating func cell(_ entry: Entry, _ offering: Offering) -> Cell {
        let key = entry.id + "\u{0}" + offering.id
        if let cell = memo[key] { return cell }
        let cell = derive(entry, offering)
        memo[key] = cell
        return cell
    }

    /// Customer-side parties that prepare the decisions of a customer-side
    /// accountable party: the contractors (none for the provider's own).
    func preparers(for accountable: String) -> [String] {
        guard model.party(accountable)?.side == .customer else { return [] }
        return model.parties.filter { $0.side == .customer && $0.role == .contractor && $0.id != accountable }.map(\.id)
    }

    /// The entry's accountable party: its own role's, else the catalogue's.
    func accountable(for entry: Entry) -> String {
        entry.accountableRole.flatMap { Derivation.accountableParty(role: $0, parties: model.parties)?.id } ?? accountable
    }

    /// The provider's contracting party: the first provider-side party with role provider.
    var providerParty: String? {
        (model.parties.first { $0.role == .provider } ?? model.parties.first { $0.side == .provider })?.id
    }

    private mutating func derive(_ entry: Entry, _ offering: Offering) -> Cell {
        let mapping = model.mapping(for: entry.id)
        let scope = mapping?.scope ?? .organisational
        let layers = layerOwnership(scope, offering)
        let answers = (mapping?.answers ?? []).filter { applies($0, scope: scope, layers: layers, offering: offering) }
        let risks = (mapping?.considerations ?? []).map { consideration in
            ConsideredRisk(consideration: consideration, applies: offering.tenancy.map { $0 == consideration.appliesTo } ?? true)
        }
        let accountable = self.accountable(for: entry)
        let decides: String? = entry.act == .measure ? nil : accountable
        let prepares = decides == nil ? [] : preparers(for: accountable)
        var coverage = self.coverage(answers, scope: scope, layers: layers, offering: offering)
        var basis: CellBasis
        var duties: [Duty]

        if let override = model.overrides.first(where: { $0.entry == entry.id && $0.offering == offering.id }) {
            // 1. An override.
            basis = .override(reason: override.reason)
            duties = ordered(override.does).map { party in
                Duty(party: party, layers: layers.filter { $0.ownership.parties.contains(party) }.map(\.layer), topics: [])
            }
        } else if entry.act == .decision && !model.catalogue.rollsUp(entry.id) || entry.act == .contractTerm {
            // 2. The accountable party's own decision, or a term it puts into the contract.
            basis = .decision
            duties = [Duty(party: accountable, layers: [], topics: [])]
        } else if model.catalogue.rollsUp(entry.id) {
            // 3. A basic measure: its items, rolled up.
            let items = model.catalogue.children(of: entry.id).map { cell($0, offering) }
            var byParty: [String: Duty] = [:]
            for duty in items.flatMap(\.duties) {
                var merged = byParty[duty.party] ?? Duty(party: duty.party, layers: [], topics: [])
                merged.layers = model.layers.map(\.id).filter { Set(merged.layers + duty.layers).contains($0) }
                for topic in duty.topics where !merged.topics.contains(topic) { merged.topics.append(topic) }
                byParty[duty.party] = merged
            }
            duties = ordered(Array(byParty.keys)).compactMap { byParty[$0] }
            basis = .rollup(items: items.map(\.entry))
            coverage = rollup(items.map(\.coverage))
        } else if case .layers = scope {
            // 4. Scoped to layers: their owners here; topics give statements and evidence, not the party.
            duties = ordered(layers.flatMap(\.ownership.parties)).map { party in
                Duty(
                    party: party, layers: layers.filter { $0.ownership.parties.contains(party) }.map(\.layer),
                    topics: answers.filter { answerParties($0, layers: layers).contains(party) || $0.parts[party] != nil }.map(\.topic))
            }
            basis = .layers(disclosed: !answers.isEmpty)
        } else {
            // 5. Organisational: the parties whose statements say they do it.
            var topicsByParty: [String: [String]] = [:]
            var topicIDs: [String] = []
            for answer in answers {
                guard let topic = model.topic(answer.topic), case .parties(let ps) = topic.responsible, !ps.isEmpty else { continue }
                topicIDs.append(topic.id)
                for p in Set(ps).union(answer.parts.keys.filter { $0 != "*" }) { topicsByParty[p, default: []].append(topic.id) }
            }
            if topicsByParty.isEmpty {
                duties = [Duty(party: accountable, layers: [], topics: [])]
                basis = .accountableByDefault
            } else {
                duties = ordered(Array(topicsByParty.keys)).map { Duty(party: $0, layers: [], topics: topicsByParty[$0]!) }
                basis = .statements(topics: topicIDs)
            }
        }
        let evidence: [EvidenceSupply] =
            providerParty.map { provider in
                answers.compactMap { answer -> EvidenceSupply? in
                    guard let topic = model.topic(answer.topic) else { return nil }
                    return EvidenceSupply(party: provider, topic: topic.id, evidence: topic.evidence.map(\.id))
                }
            } ?? []
        return Cell(
            entry: entry.id, offering: offering.id, act: entry.act, accountable: accountable, decides: decides,
            prepares: prepares, duties: duties, outcome: Outcome(parties: duties.map(\.party)), basis: basis,
            layers: layers, coverage: coverage, answers: answers, evidence: evidence,
            counterparty: entry.act == .contractTerm ? providerParty : nil, risks: risks)
    }

    /// Scope layers in stack order (bottom to top) with their owners.
    private func layerOwnership(_ scope: Scope, _ offering: Offering) -> [LayerOwnership] {
        guard case .layers(let ids) = scope else { return [] }
        let wanted = Set(ids)
        return model.layers.filter { wanted.contains($0.id) }.compactMap { layer in
            offering.owners[layer.id].map { LayerOwnership(layer: layer.id, ownership: $0) }
        }
    }

    /// Whether the provider's side owns any layer of the offering (an
    /// on-premises column has none: nothing there is the provider's to disclose).
    private func providerTakesPart(_ offering: Offering) -> Bool {
        offering.owners.values.contains { $0.parties.contains { model.isProviderSide($0) } }
    }

    /// The parties a topic's statement makes responsible here.
    private func answerParties(_ answer: Answer, layers: [LayerOwnership]) -> [String] {
        guard let topic = model.topic(answer.topic) else { return [] }
        switch topic.responsible {
        case .parties(let ps): return ps
        case .followsDemarcation: return layers.flatMap(\.ownership.parties)
        }
    }

    /// A disclosure answers a cell only in an offering where the provider
    /// takes part, and only where its party owns a layer of the entry's scope
    /// (organisational entries: any layer) or the topic speaks of that offering.
    private func applies(_ answer: Answer, scope: Scope, layers: [LayerOwnership], offering: Offering) -> Bool {
        guard providerTakesPart(offering), let topic = model.topic(answer.topic) else { return false }
        if topic.statements[offering.id] != nil { return true }
        switch topic.responsible {
        case .followsDemarcation: return true
        case .parties(let ps):
            let owners: [String]
            switch scope {
            case .organisational: owners = offering.owners.values.flatMap(\.parties)
            case .layers: owners = layers.flatMap(\.ownership.parties)
            }
            // A party working for the topic's party (a subcontractor) runs its layers for it.
            let speaksFor = Set(ps).union(model.parties.filter { $0.worksFor.map(ps.contains) ?? false }.map(\.id))
            return !speaksFor.isDisjoint(with: owners)
        }
    }

    /// The best coverage among the answers that apply; a gap where the
    /// provider has a part and nothing answers; nothing to ask where it has none.
    private func coverage(_ answers: [Answer], scope: Scope, layers: [LayerOwnership], offering: Offering) -> Coverage {
        if let best = answers.map(\.coverage).max() { return best }
        guard providerTakesPart(offering) else { return .noProviderPart }
        switch scope {
        case .organisational: return .none
        case .layers:
            return layers.contains { $0.ownership.parties.contains { model.isProviderSide($0) } } ? .none : .noProviderPart
        }
    }

    /// Items all the same → that value; otherwise partial. Items where the
    /// provider has no part do not count.
    private func rollup(_ values: [Coverage]) -> Coverage {
        let counted = values.filter { $0 != .noProviderPart }
        guard let first = counted.first else { return values.isEmpty ? .none : .noProviderPart }
        return counted.allSatisfy { $0 == first } ? first : .partial
    }

    /// Unique parties in the model's order.
    private func ordered(_ parties: [String]) -> [String] {
        Array(Set(parties)).sorted { (partyOrder[$0] ?? .max, $0) < (partyOrder[$1] ?? .max, $1) }
    }
}
