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

/// Which precedence rule decided a cell (docs/model.md, "The derivation").
public enum CellBasis: Hashable, Sendable {
    /// A hand-entered override, with the modeller's reason.
    case override(reason: Text)
    /// A basic measure: the union of its example items.
    case rollup(items: [String])
    /// Organisational scope: the fixed parties of the answering topics.
    case organisational(topics: [String])
    /// Organisational scope with no topic naming a party: the accountable party.
    case accountableByDefault
    /// Scoped to layers: their owners in the offering.
    case layers
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

/// The derived answer for one catalogue entry in one offering. Its basis,
/// layers, answers and risks are the structured reason; the views word it.
public struct Cell: Sendable {
    public var entry: String
    public var offering: String
    /// Who does the measure.
    public var outcome: Outcome
    /// Who stays accountable (the catalogue's accountable role).
    public var accountable: String
    public var basis: CellBasis
    /// The layers in scope and their owners (empty for organisational scope).
    public var layers: [LayerOwnership]
    /// How far the provider's disclosures answer the entry.
    public var coverage: Coverage
    /// The answering topics, as mapped.
    public var answers: [Answer]
    public var risks: [ConsideredRisk]

    /// Partial, customer-only or no disclosure.
    public var isGap: Bool { coverage != .full }
}
