/// Works out, for every catalogue entry and offering, who does the entry and
/// who stays accountable, with the coverage by the provider's disclosures and
/// the reason in words. Precedence (docs/model.md): override, roll-up of a
/// basic measure's items, organisational scope (topics' fixed parties), layer
/// scope (the layers' owners).
public struct Derivation: Sendable {
    public let model: Model
    /// The accountable party's id.
    public let accountable: String
    private let partyOrder: [String: Int]

    /// Nil when no party can be accountable (a loaded model always has one).
    public init?(model: Model) {
        guard let accountable = Self.accountableParty(role: model.catalogue.accountableRole, parties: model.parties) else { return nil }
        self.model = model
        self.accountable = accountable.id
        partyOrder = Dictionary(model.parties.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
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
        model.catalogue.entries.map { entry in model.offerings.map { cell(entry: entry.id, offering: $0.id)! } }
    }

    /// The cells of one offering, in catalogue order.
    public func cells(offering: String) -> [Cell] {
        model.catalogue.entries.compactMap { cell(entry: $0.id, offering: offering) }
    }

    /// The cell of one entry in one offering; nil for unknown ids.
    public func cell(entry entryID: String, offering offeringID: String) -> Cell? {
        guard let entry = model.catalogue.entry(entryID), let offering = model.offering(offeringID) else { return nil }
        let mapping = model.mapping(for: entry.id)
        let answers = mapping?.answers ?? []
        let items = model.catalogue.children(of: entry.id)
        let risks = (mapping?.considerations ?? []).map { consideration in
            ConsideredRisk(consideration: consideration, applies: offering.tenancy.map { $0 == consideration.appliesTo } ?? true)
        }

        // 1. An override.
        if let override = model.overrides.first(where: { $0.entry == entry.id && $0.offering == offering.id }) {
            let outcome = Outcome(parties: ordered(override.does))
            return Cell(entry: entry.id, offering: offering.id, outcome: outcome, accountable: accountable, basis: .override(reason: override.reason),
                        layers: layerOwnership(mapping?.scope, offering), coverage: coverage(answers), answers: answers,
                        risks: risks)
        }

        // 2. A basic measure with items rolls them up.
        if model.catalogue.rollsUp(entry.id) {
            let itemCells = items.compactMap { cell(entry: $0.id, offering: offering.id) }
            let parties = ordered(itemCells.flatMap(\.outcome.parties))
            let outcome = Outcome(parties: parties)
            let rolled = rollupCoverage(itemCells.map(\.coverage))
            return Cell(entry: entry.id, offering: offering.id, outcome: outcome, accountable: accountable,
                        basis: .rollup(items: items.map(\.id)), layers: [], coverage: rolled, answers: answers, risks: risks)
        }

        switch mapping?.scope ?? .organisational {
        case .organisational:
            // 3. Organisational: the fixed parties of the answering topics.
            var topicIDs: [String] = []
            var parties: [String] = []
            for answer in answers {
                guard let topic = model.topic(answer.topic), case .parties(let ps) = topic.responsible else { continue }
                topicIDs.append(topic.id)
                parties += ps
            }
            if parties.isEmpty {
                let outcome = Outcome.single(accountable)
                return Cell(entry: entry.id, offering: offering.id, outcome: outcome, accountable: accountable,
                            basis: .accountableByDefault, layers: [], coverage: coverage(answers), answers: answers, risks: risks)
            }
            let outcome = Outcome(parties: ordered(parties))
            return Cell(entry: entry.id, offering: offering.id, outcome: outcome, accountable: accountable,
                        basis: .organisational(topics: topicIDs), layers: [], coverage: coverage(answers), answers: answers, risks: risks)
        case .layers(let layerIDs):
            // 4. Scoped to layers: their owners here.
            let layers = layerOwnership(.layers(layerIDs), offering)
            let outcome = Outcome(parties: ordered(layers.flatMap(\.ownership.parties)))
            return Cell(entry: entry.id, offering: offering.id, outcome: outcome, accountable: accountable, basis: .layers,
                        layers: layers, coverage: coverage(answers), answers: answers, risks: risks)
        }
    }

    /// Scope layers in stack order (bottom to top) with their owners.
    private func layerOwnership(_ scope: Scope?, _ offering: Offering) -> [LayerOwnership] {
        guard case .layers(let ids) = scope else { return [] }
        let wanted = Set(ids)
        return model.layers.filter { wanted.contains($0.id) }.compactMap { layer in
            offering.owners[layer.id].map { LayerOwnership(layer: layer.id, ownership: $0) }
        }
    }

    /// Unique parties in the model's order.
    private func ordered(_ parties: [String]) -> [String] {
        Array(Set(parties)).sorted { (partyOrder[$0] ?? .max, $0) < (partyOrder[$1] ?? .max, $1) }
    }

    /// The best coverage among the answers; none when there is no answer.
    private func coverage(_ answers: [Answer]) -> Coverage {
        answers.map(\.coverage).max() ?? .none
    }

    /// All items the same → that value; otherwise partial (some covered, some not).
    private func rollupCoverage(_ values: [Coverage]) -> Coverage {
        guard let first = values.first else { return .none }
        return values.allSatisfy { $0 == first } ? first : .partial
    }
}
