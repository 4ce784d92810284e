/// Who does an entry in an offering.
public enum Outcome: Hashable, Sendable {
    /// One party does it.
    case single(String)
    /// Two or more parties share it (in the model's party order).
    case shared([String])
    /// It does not arise in this offering.
    case notApplicable

    /// The parties (none when not applicable).
    public var parties: [String] {
        switch self {
        case .single(let p): return [p]
        case .shared(let ps): return ps
        case .notApplicable: return []
        }
    }

    init(parties: [String]) {
        switch parties.count {
        case 0: self = .notApplicable
        case 1: self = .single(parties[0])
        default: self = .shared(parties)
        }
    }
}

/// How the doer of a cell was decided (docs/model.md, "The derivation").
public enum CellBasis: Hashable, Sendable {
    /// A hand-entered override, with the modeller's reason.
    case override(reason: Text)
    /// The accountable party's own decision or contract term: it does it in every offering.
    case decision
    /// A basic measure: its items are done by the union of their doers.
    case rollup(items: [String])
    /// Organisational scope: the parties whose statements say they do it.
    case statements(topics: [String])
    /// Organisational scope, nothing disclosed: it falls to the accountable party.
    case accountableByDefault
    /// Scoped to layers: their owners in the offering. `disclosed` is false
    /// when no disclosure answers the entry here: the doer follows the
    /// layers, and nothing the provider said confirms it.
    case layers(disclosed: Bool)
}

/// A layer behind a cell and who owns it in the offering.
public struct LayerOwnership: Hashable, Sendable {
    public var layer: String
    public var ownership: Ownership
}

/// A consideration of the commentary and whether it applies in the offering.
public struct ConsideredRisk: Hashable, Sendable {
    public var consideration: Consideration
    public var applies: Bool
}

/// One party's part of a cell: the layers of the entry it owns here, and
/// the answering topics whose statements say what it does.
public struct Duty: Hashable, Sendable {
    public var party: String
    /// Layer ids in stack order (empty for organisational entries).
    public var layers: [String]
    /// Topic ids, in the mapping's order.
    public var topics: [String]
}

/// Evidence a party supplies for a cell: a disclosure topic and its evidence items.
public struct EvidenceSupply: Hashable, Sendable {
    /// The party that discloses (the provider).
    public var party: String
    public var topic: String
    /// Evidence item ids of the topic.
    public var evidence: [String]
}

/// The derived answer for one catalogue entry in one offering: every role,
/// and the structured reason (basis, layers, answers, risks) the views word.
public struct Cell: Sendable {
    public var entry: String
    public var offering: String
    /// What the entry asks of the accountable party.
    public var act: Act
    /// Who stays accountable (最終責任): the catalogue's accountable role.
    public var accountable: String
    /// Who decides (判断): the accountable party, for a decision, a
    /// confirmation or a contract term; nil for a plain measure.
    public var decides: String?
    /// Customer-side parties that prepare the decision (作成支援), never its doer.
    public var prepares: [String]
    /// Who does it (実施), and which part: for a decision or contract term the
    /// accountable party; for a measure (or what a confirmation confirms) its doers.
    public var duties: [Duty]
    /// The parties of `duties`.
    public var outcome: Outcome
    public var basis: CellBasis
    /// The layers in scope and their owners (empty for organisational scope).
    public var layers: [LayerOwnership]
    /// How far the provider's disclosures answer the entry here.
    public var coverage: Coverage
    /// The answering topics that apply in this offering, as mapped.
    public var answers: [Answer]
    /// Who supplies evidence (情報提供): never makes a cell shared.
    public var evidence: [EvidenceSupply]
    /// For a contract term: the party on the other side of the contract.
    public var counterparty: String?
    public var risks: [ConsideredRisk]

    /// Partial, customer-only or no disclosure where the provider has a part.
    public var isGap: Bool { coverage.isShort }
}
