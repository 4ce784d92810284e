/// A whole shared-responsibility model: metadata, parties, the layer stack,
/// offerings, the provider's disclosure topics, the standard's catalogue, the
/// provider's mapping of it, and overrides. See docs/model.md.
public struct Model: Sendable {
    public var metadata: Metadata
    public var parties: [Party]
    /// Bottom to top.
    public var layers: [Layer]
    public var offerings: [Offering]
    public var topics: [Topic]
    public var catalogue: Catalogue
    public var mapping: [MappingEntry] {
        didSet { mappingIndex = Self.index(mapping) }
    }
    public var overrides: [Override]
    private var mappingIndex: [String: Int] = [:]

    private static func index(_ mapping: [MappingEntry]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, item) in mapping.enumerated() where index[item.entry] == nil { index[item.entry] = i }
        return index
    }

    public init(
        metadata: Metadata, parties: [Party], layers: [Layer], offerings: [Offering], topics: [Topic],
        catalogue: Catalogue, mapping: [MappingEntry], overrides: [Override]
    ) {
        self.metadata = metadata
        self.parties = parties
        self.layers = layers
        self.offerings = offerings
        self.topics = topics
        self.catalogue = catalogue
        self.mapping = mapping
        self.overrides = overrides
        mappingIndex = Self.index(mapping)
    }

    public func party(_ id: String) -> Party? { parties.first { $0.id == id } }
    /// The parties on the provider's side of the demarcation.
    public func isProviderSide(_ id: String) -> Bool { party(id)?.side == .provider }
    public func layer(_ id: String) -> Layer? { layers.first { $0.id == id } }
    public func offering(_ id: String) -> Offering? { offerings.first { $0.id == id } }
    public func topic(_ id: String) -> Topic? { topics.first { $0.id == id } }
    public func mapping(for entry: String) -> MappingEntry? { mappingIndex[entry].map { mapping[$0] } }
    public func source(_ id: String) -> SourceDocument? { metadata.sources.first { $0.id == id } }
}

/// A reference into a source document: which document, which page.
public struct SourceRef: Hashable, Sendable {
    /// Id of a document in `model.sources`; nil means the model's first source.
    public var document: String?
    public var page: Int?
    public var note: Text?

    public init(document: String? = nil, page: Int? = nil, note: Text? = nil) {
        self.document = document
        self.page = page
        self.note = note
    }
}

/// A document the model cites.
public struct SourceDocument: Hashable, Sendable {
    public var id: String
    public var title: Text
    public var publisher: Text?
    public var url: String?
    public var location: SourceLocation
}

public struct Metadata: Sendable {
    public var id: String
    public var name: Text
    public var version: String
    public var asOf: Day
    /// Path of the catalogue file or folder, relative to the file holding `model`.
    public var cataloguePath: String?
    public var provider: Text?
    public var service: Text?
    public var sources: [SourceDocument]
    public var notes: [Text]
    public var location: SourceLocation
    /// Where `catalogue:` was written, for diagnostics.
    public var catalogueLocation: SourceLocation?
    /// Whether `as-of` was given and valid (checks that need it skip otherwise).
    public var asOfKnown: Bool = true
    /// The languages the model is written in, the first required in every
    /// text; outputs are made in these (default: Japanese, English).
    public var languages: [Language] = Language.defaults
    /// The party that holds the contract with the provider; nil: the accountable party.
    public var contractHolder: String? = nil
    /// The agency's requirements the model carries, if any.
    public var requirements: Requirements? = nil
    /// For an overlay: the base it builds on, as loaded.
    public var base: ModelPin? = nil
    /// When this version takes effect for customers.
    public var effective: Day? = nil
    /// Each version's reason for its changes, newest first.
    public var revisions: [Revision] = []
}

/// The agency's requirements (docs/model.md, "Requirements"): what outputs
/// show of them beyond what they changed in the catalogue.
public struct Requirements: Sendable {
    public struct Rating: Sendable, Hashable {
        public var name: Text
        public var value: Text
    }

    public var id: String
    public var name: Text
    public var version: String?
    public var approved: Day?
    /// The catalogue they are written against.
    public var catalogue: String?
    public var ratings: [Rating]
    /// Entries a next contractor must inherit (継承必須).
    public var inherit: [String]
    public var location: SourceLocation
}

public enum Side: String, Sendable, CaseIterable {
    case provider, customer
}

/// A party's role in a procurement specification.
public enum Role: String, Sendable, CaseIterable {
    /// 発注者 — the agency.
    case agency
    /// 受注者 — the contractor (system integrator).
    case contractor
    /// 利用者 — a generic user.
    case user
    /// 事業者 — the cloud provider.
    case provider
    /// 第三者 — a third party.
    case thirdParty = "third-party"

}

public struct Party: Sendable, Hashable {
    public var id: String
    public var name: Text
    public var short: Text?
    public var side: Side
    public var role: Role
    public var colour: Colour
    public var description: Text?
    /// The party it works for, if any (a provider's subcontractor: CCM's
    /// "third-party outsourced").
    public var worksFor: String?
    /// How running text refers to the party ("the provider"); the short name
    /// where the model gives none.
    public var nameInText: Text?
    public var location: SourceLocation

    /// The short name where there is one.
    public var label: Text { short ?? name }
    /// The name for running text.
    public var inText: Text { nameInText ?? label }
}

public struct Layer: Sendable, Hashable {
    public var id: String
    public var name: Text
    /// A short name for tight spaces (matrix column headers).
    public var short: Text?
    public var description: Text?
    public var location: SourceLocation

    /// The short name where there is one.
    public var label: Text { short ?? name }
}

/// Who owns a layer in an offering.
public enum Ownership: Hashable, Sendable {
    case party(String)
    /// Two or more parties together.
    case shared([String])
    case notApplicable(reason: Text)

    /// The owning parties (none when not applicable).
    public var parties: [String] {
        switch self {
        case .party(let p): return [p]
        case .shared(let ps): return ps
        case .notApplicable: return []
        }
    }
}

public enum Tenancy: String, Sendable, CaseIterable {
    case multiTenant = "multi-tenant"
    case dedicated

}

public struct Offering: Sendable {
    public var id: String
    public var name: Text
    public var short: Text?
    public var description: Text?
    public var source: SourceRef?
    public var tenancy: Tenancy?
    public var tenancySource: SourceRef?
    /// Owner per layer id. Every layer has one in a valid model.
    public var owners: [String: Ownership]
    public var ownerLocations: [String: SourceLocation]
    public var notes: [Text]
    public var location: SourceLocation

    public var label: Text { short ?? name }
}

/// The party a disclosure topic makes responsible.
public enum Responsible: Hashable, Sendable {
    case parties([String])
    /// Depends on who owns the layers (the demarcation topic).
    case followsDemarcation
}

public enum EvidenceKind: String, Sendable, CaseIterable {
    case auditReport = "audit-report"
    case certification
    case ismapRegistration = "ismap-registration"
    case contractArticle = "contract-article"
    case whitePaper = "white-paper"

}

public struct Evidence: Sendable, Hashable {
    public var id: String
    public var kind: EvidenceKind
    public var title: Text
    /// Where in the document ("一般規程 第1章 第7条" / "General Rules, ch. 1, art. 7").
    public var reference: Text?
    public var url: String?
    public var validFrom: Day?
    public var validUntil: Day?
    public var note: Text?
    public var location: SourceLocation
}

public struct Topic: Sendable {
    public var id: String
    public var title: Text
    public var source: SourceRef
    public var responsible: Responsible
    public var statement: Text
    /// Statements that differ per offering, by offering id.
    public var statements: [String: Text]
    public var sic: Bool
    /// What the provider commits to in this statement, in a few words
    /// ("gives three months' notice before discontinuing the service"), for
    /// the obligations' list of the provider's commitments.
    public var commitment: Text?
    public var evidence: [Evidence]
    public var notes: [Text]
    public var location: SourceLocation

    /// The statement for an offering: its own where the topic has one.
    public func statement(for offering: String) -> Text { statements[offering] ?? statement }
}

/// One version's entry in a model's history of changes (改版履歴).
public struct Revision: Sendable, Equatable {
    public var version: String
    public var date: Day?
    public var reason: Text

    public init(version: String, date: Day?, reason: Text) {
        self.version = version
        self.date = date
        self.reason = reason
    }
}
