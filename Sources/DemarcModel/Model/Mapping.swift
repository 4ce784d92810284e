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
    /// The provider has no part here (it owns no layer the entry concerns):
    /// there is nothing for it to disclose and nothing to ask. Derived only.
    case noProviderPart = "no-provider-part"

    private var rank: Int {
        switch self {
        case .noProviderPart: return -1
        case .none: return 0
        case .customerOnly: return 1
        case .partial: return 2
        case .full: return 3
        }
    }

    /// Short of full where the provider has a part: what the agency should ask about.
    public var isShort: Bool { self == .none || self == .partial || self == .customerOnly }

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
    /// What a party does for this entry by this topic's statement, in a few
    /// words ("gives three months' notice of discontinuation"), by party id:
    /// the parts of a shared cell. `part:` in the format names the topic's
    /// own party; `parts:` any party the statement speaks of.
    public var parts: [String: Text]
    /// What the disclosure leaves unanswered, as a noun phrase ("the
    /// governing law of the agreement"): it becomes the question to the provider.
    public var missing: Text?
    public var location: SourceLocation

    /// What `party` does by this topic's statement, if the mapping says.
    public func part(for party: String) -> Text? { parts[party] ?? parts["*"] }
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
