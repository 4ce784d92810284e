/// A standard's catalogue for one edition, separate from any provider.
public struct Catalogue: Sendable {
    public var id: String
    public var standard: Text
    public var edition: Text
    /// The role accountable for every entry (for the Unified Standards: the agency).
    public var accountableRole: Role
    public var source: SourceRef?
    /// In the catalogue's order.
    public var entries: [Entry] {
        didSet { index = Index(entries) }
    }
    public var correspondences: [Correspondence]
    public var location: SourceLocation
    /// What the standard calls its three levels of entry (ISO/IEC 27017's
    /// "control", CCM's "control specification"…), in its languages; the
    /// built-in words where it gives none.
    public var kindNames: [EntryKind: Text] = [:]
    /// What the standard calls the roles ("cloud service customer" where the
    /// Unified Standards say 府省庁), in its languages.
    public var roleNames: [Role: Text] = [:]
    /// What the standard calls the places a demand goes (an SLA, a policy…).
    public var demandNames: [DemandTarget: Text] = [:]
    /// Lookups by id and by parent, kept in step with `entries` (catalogues reach 10,000 entries).
    private var index: Index

    public init(
        id: String, standard: Text, edition: Text, accountableRole: Role, source: SourceRef?, entries: [Entry],
        correspondences: [Correspondence], location: SourceLocation
    ) {
        self.id = id
        self.standard = standard
        self.edition = edition
        self.accountableRole = accountableRole
        self.source = source
        self.entries = entries
        self.correspondences = correspondences
        self.location = location
        index = Index(entries)
    }

    private struct Index: Sendable {
        var byID: [String: Int] = [:]
        var children: [String: [Int]] = [:]

        init(_ entries: [Entry]) {
            for (i, entry) in entries.enumerated() {
                if byID[entry.id] == nil { byID[entry.id] = i }
                if let parent = entry.parent { children[parent, default: []].append(i) }
            }
        }
    }

    public func entry(_ id: String) -> Entry? { index.byID[id].map { entries[$0] } }

    /// Entries whose parent is `id`, in catalogue order.
    public func children(of id: String) -> [Entry] { (index.children[id] ?? []).map { entries[$0] } }

    /// Whether the entry is a basic measure that rolls up its example items:
    /// it has items, so who does it is the union of who does them, and lists
    /// of duties show the items, not the measure.
    public func rollsUp(_ id: String) -> Bool {
        guard let entry = entry(id), entry.kind == .basicMeasure else { return false }
        return !(index.children[id]?.isEmpty ?? true)
    }
}

public enum EntryKind: String, Sendable, CaseIterable {
    /// 遵守事項
    case requirement
    /// 基本対策事項
    case basicMeasure = "basic-measure"
    /// 例 — an example item under a basic measure
    case example

}

public enum DemandTarget: String, Sendable, CaseIterable {
    case specification
    case contract
    case selectionCriteria = "selection-criteria"

}

/// What an entry asks of the accountable party.
public enum Act: String, Sendable, CaseIterable {
    /// Its own judgement (judge, assess, evaluate, select, specify): the
    /// accountable party decides, whatever the offering; the provider
    /// supplies information; a contractor may prepare it.
    case decision
    /// To confirm what is done: the accountable party confirms; the measure
    /// underneath is done by whoever the layers or statements give.
    case confirmation
    /// A term agreed in the contract with the provider's contracting party.
    case contractTerm = "contract-term"
    /// A measure someone implements: who follows from the layers (or, for
    /// organisational entries, from what each party's statement says it does).
    case measure

    /// The act an entry asks for when the catalogue does not say: the
    /// standard's requirements and a basic measure's own text are the
    /// accountable party's decisions, example items are measures.
    public static func `default`(for kind: EntryKind) -> Act {
        kind == .example ? .measure : .decision
    }
}

/// What an entry demands be written where (the specification, the
/// contract, the selection criteria).
public struct Demand: Sendable, Hashable {
    public var into: DemandTarget
    public var text: Text
    /// `desirable` where the standard only suggests it (「…することも考えられる」).
    public var strength: Strength
}

/// A condition an entry names (【…の場合】) and what follows from it.
public struct Condition: Sendable, Hashable {
    /// "Where the contractor changes during the operation phase".
    public var when: Text
    /// What must then be done ("confirm beforehand that the new contractor keeps …").
    public var then: Text?
}

public enum Strength: String, Sendable, CaseIterable {
    case required, desirable
}

/// A value an entry names, e.g. log retention of a year or more.
public struct Parameter: Sendable, Hashable {
    public var id: String
    public var name: Text
    public var value: Text
    public var strength: Strength
    public var location: SourceLocation
}

public struct Entry: Sendable {
    public var id: String
    /// File-name slug, from `Identifiers.slug(id)`.
    public var slug: String
    public var kind: EntryKind
    /// What it asks of the accountable party (`act`, else the default for its kind).
    public var act: Act
    /// The role accountable for this entry where it is not the catalogue's
    /// (ISO/IEC 27017 and CCM address the provider as well as the customer).
    public var accountableRole: Role? = nil
    public var parent: String?
    public var title: Text?
    public var text: Text
    public var commentary: [Text]
    public var demands: [Demand]
    public var parameters: [Parameter]
    public var conditions: [Condition]
    public var source: SourceRef?
    public var location: SourceLocation

    /// The title, or the text where the standard gives no title.
    public var label: Text { title ?? text }
}

public enum Relation: String, Sendable, CaseIterable {
    case equivalent, broader, narrower, related
}

/// Entry X of this edition ↔ entry Y of another edition.
public struct Correspondence: Sendable, Hashable {
    public var entry: String
    public var edition: String
    public var other: String
    public var relation: Relation
    public var note: Text?
    public var location: SourceLocation
}
