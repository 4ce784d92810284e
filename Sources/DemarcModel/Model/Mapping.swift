/// What an entry concerns in a provider's stack.
public enum Scope: Hashable, Sendable {
    /// The organisation or the contract as a whole.
    case organisational
    /// These layers (ids).
    case layers([String])
}

/// Whether a statement is the source's own or the modeller's reading.
public enum Basis: String, Sendable, CaseIterable {
    case source, interpretation
}

/// How far the provider's disclosures answer an entry.
public enum Coverage: String, Sendable, CaseIterable, Comparable {
    /// No disclosure at all: a gap.
    case none
    /// The provider only says it is the customer's job.
    case customerOnly = "customer-only"
    case partial
    case full

    private var rank: Int {
        switch self {
        case .none: return 0
        case .customerOnly: return 1
        case .partial: return 2
        case .full: return 3
        }
    }

    public static func < (a: Coverage, b: Coverage) -> Bool { a.rank < b.rank }

}

/// A disclosure topic answering an entry.
public struct Answer: Sendable, Hashable {
    public var topic: String
    public var coverage: Coverage
    public var basis: Basis
    /// Where the source puts its arrow.
    public var arrowPage: Int?
    public var note: Text?
    public var location: SourceLocation
}

/// A risk the commentary names, relevant only under one tenancy.
public struct Consideration: Sendable, Hashable {
    public var appliesTo: Tenancy
    public var text: Text
}

/// The provider's reading of one catalogue entry.
public struct MappingEntry: Sendable {
    public var entry: String
    /// Nil for a basic measure that rolls up its items.
    public var scope: Scope?
    public var scopeBasis: Basis
    public var answers: [Answer]
    public var considerations: [Consideration]
    public var question: Text?
    public var notes: [Text]
    public var location: SourceLocation
}

/// A hand-entered answer for one cell.
public struct Override: Sendable {
    public var entry: String
    public var offering: String
    /// Parties, or empty for not applicable.
    public var does: [String]
    public var reason: Text
    public var location: SourceLocation
}
