import DemarcModel
import Synchronization

/// The view layer: flat, fully resolved values for every output, made from
/// a derivation in one language. Outputs (diagrams, explanations, pages,
/// exports) only lay these values out; meaning and wording are decided here,
/// once, and every word comes from the string table.
public struct Views: Sendable {
    public let derivation: Derivation
    public let words: Wording
    public let vocabulary: Vocabulary
    public let parties: [PartyView]
    private let partyIndex: [String: Int]
    /// What is worded more than once (a cell's reason: in its diagram, its
    /// pages and the reports), kept for this derivation and language.
    private let memo = Memo()

    public var model: Model { derivation.model }
    public var language: Language { words.language }

    public init(derivation: Derivation, strings: StringTable) {
        self.derivation = derivation
        let words = Wording(model: derivation.model, language: strings.language, strings: strings)
        self.words = words
        vocabulary = Vocabulary(words)
        parties = derivation.model.parties.map { party in
            PartyView(
                id: party.id, label: words.s(party.label), name: words.s(party.name), side: party.side,
                colour: party.colour, legend: words("legend.party", ["name": words.s(party.name), "side": words.side(party.side)]))
        }
        partyIndex = Dictionary(parties.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Views in a language, with the built-in string table for it.
    public init(derivation: Derivation, language: Language) throws {
        self.init(derivation: derivation, strings: try StringTables.builtIn(language))
    }

    /// The reason of one of this derivation's cells (worded once, then kept).
    public func reason(_ cell: Cell) -> ReasonWords {
        memo.reason(cell) { words.reason(cell, derivation: derivation) }
    }

    public func party(_ id: String) -> PartyView {
        partyIndex[id].map { parties[$0] } ?? PartyView(id: id, label: id, name: id, side: .customer, colour: .black, legend: id)
    }

    // MARK: shared pieces

    public func owner(_ ownership: Ownership) -> OwnerView {
        switch ownership {
        case .party(let p):
            return OwnerView(kind: .party, parties: [party(p)], words: words.ownerWords(ownership), reason: "")
        case .shared(let ps):
            return OwnerView(kind: .shared, parties: ps.map(party), words: words.ownerWords(ownership), reason: "")
        case .notApplicable(let reason):
            return OwnerView(kind: .notApplicable, parties: [], words: words.ownerWords(ownership), reason: words.s(reason))
        }
    }

    public func outcome(_ outcome: Outcome) -> OutcomeView {
        switch outcome {
        case .single(let p): return OutcomeView(kind: .single, parties: [party(p)], sentence: words.outcomeInSentence(outcome), tag: nil)
        case .shared(let ps): return OutcomeView(kind: .shared, parties: ps.map(party), sentence: words.outcomeInSentence(outcome), tag: nil)
        case .notApplicable: return OutcomeView(kind: .notApplicable, parties: [], sentence: words.outcomeInSentence(outcome), tag: nil)
        }
    }

    /// Who does a cell, tagged where it is the accountable party's own
    /// decision or contract term rather than a measure.
    public func outcome(_ cell: Cell) -> OutcomeView {
        var view = outcome(cell.outcome)
        if cell.basis == .decision {
            view.tag = words(cell.act == .contractTerm ? "outcome.contract-term.tag" : "outcome.decision.tag")
        }
        return view
    }

    public func coverage(_ coverage: Coverage) -> CoverageView {
        CoverageView(
            value: coverage, symbol: words.coverageSymbol(coverage), word: words.coverageWord(coverage),
            meaning: words.coverageMeaning(coverage))
    }

    /// The layers a cell concerns, one mark per model layer, or one note
    /// spanning them for a roll-up or an organisational entry.
    public func layerMarks(_ cell: Cell) -> LayerMarks {
        if case .rollup(let items) = cell.basis { return .note(words("marks.rollup", ["count": String(items.count)])) }
        if cell.basis == .decision { return .note(words("marks.decision", ["party": words.partyLabel(cell.accountable)])) }
        if cell.layers.isEmpty { return .note(words("marks.organisational")) }
        let owned = Dictionary(cell.layers.map { ($0.layer, $0.ownership) }, uniquingKeysWith: { a, _ in a })
        return .marks(
            model.layers.map { layer in
                guard let ownership = owned[layer.id] else { return nil }
                let owner = self.owner(ownership)
                let short: String, symbol: String
                switch ownership {
                case .notApplicable: short = vocabulary.notApplicableShort; symbol = vocabulary.markNotApplicable
                case .shared: short = owner.words; symbol = vocabulary.markShared
                case .party: short = owner.words; symbol = vocabulary.markParty
                }
                return LayerMark(
                    layer: layer.id, owner: owner, short: short, symbol: symbol,
                    tooltip: words("marks.tooltip", ["layer": words.s(layer.name), "owner": owner.words]))
            })
    }

    /// Where the demarcation lines go in an offering: after these layer
    /// indices (bottom-up), i.e. above the last layer of one side's run,
    /// before the next applicable layer of another side. Not-applicable
    /// layers sit above the line.
    public func demarcations(_ offering: Offering) -> [Int] {
        func side(_ o: Ownership) -> String? {
            let sides = Set(o.parties.compactMap { model.party($0)?.side.rawValue })
            return sides.isEmpty ? nil : sides.sorted().joined(separator: "+")
        }
        var result: [Int] = []
        var last: (index: Int, side: String)?
        for (index, layer) in model.layers.enumerated() {
            guard let ownership = offering.owners[layer.id], let current = side(ownership) else { continue }
            if let last, last.side != current { result.append(last.index) }
            last = (index, current)
        }
        return result
    }

    /// The side of an owner, in words: "provider side", "customer side", or
    /// both sides' names where the layer is shared across the line.
    func sideWords(_ ownership: Ownership) -> String? {
        let sides = Set(ownership.parties.compactMap { model.party($0)?.side })
        if sides.count > 1 {
            return words("demarcation.side.shared", ["parties": ownership.parties.map(words.partyLabel).joined(separator: vocabulary.joiner)])
        }
        return sides.first.map(words.side)
    }

    /// The label of the band above layer `index` (bottom-up): it names the
    /// side above and the side below, so it reads without colour.
    public func bandLabel(_ offering: Offering, above index: Int) -> String {
        let below = model.layers[...index].reversed().compactMap { offering.owners[$0.id].flatMap(sideWords) }.first ?? ""
        let above = model.layers[(index + 1)...].compactMap { offering.owners[$0.id].flatMap(sideWords) }.first ?? ""
        return words("demarcation.band", ["above": above, "below": below])
    }

    /// Whether the provider's side owns any layer of the offering.
    func providerTakesPart(_ offering: Offering) -> Bool {
        offering.owners.values.contains { $0.parties.contains { model.isProviderSide($0) } }
    }

    /// One offering's stack, top layer first, with the demarcation bands,
    /// who is accountable and who supplies evidence.
    public func stack(_ offering: Offering) -> StackView {
        let lines = Set(demarcations(offering))
        var layers: [StackLayer] = []
        for (index, layer) in model.layers.enumerated().reversed() {
            let ownership = offering.owners[layer.id] ?? .notApplicable(reason: .verbatim(""))
            layers.append(
                StackLayer(
                    id: layer.id, name: words.s(layer.name), label: words.s(layer.label),
                    owner: owner(ownership), band: lines.contains(index) ? bandLabel(offering, above: index) : nil))
        }
        let cells = derivation.cells(offering: offering.id)
        let suppliers = Set(cells.flatMap { $0.evidence.map(\.party) })
        let supplied = cells.filter { !$0.evidence.isEmpty && !model.catalogue.rollsUp($0.entry) }.count
        let roles =
            [words("stack.accountable", ["party": words.partyLabel(derivation.accountable)])]
            + parties.filter { suppliers.contains($0.id) }.map { words("stack.evidence", ["party": $0.label, "count": String(supplied)]) }
        return StackView(
            offeringID: offering.id, name: words.s(offering.name), layers: layers, roles: roles,
            note: providerTakesPart(offering) ? nil : words("stack.no-provider"))
    }

    /// The legend: each party that appears (in model order), each coverage
    /// mark, the layer marks, and any extra lines the diagram needs.
    public func legend(parties shown: Set<String>, extra: [String] = []) -> LegendView {
        LegendView(
            title: words("legend.title"), parties: parties.filter { shown.contains($0.id) },
            coverage: [Coverage.full, .partial, .customerOnly, .none].map(coverage),
            marks: vocabulary.legendMarks, marksMeaning: words("legend.marks"), extra: extra)
    }

    /// The parties an offering's stack and cells show.
    func partiesShown(_ offering: Offering) -> Set<String> {
        var ids = Set(offering.owners.values.flatMap(\.parties))
        for cell in derivation.cells(offering: offering.id) {
            ids.formUnion(cell.outcome.parties)
            ids.insert(cell.accountable)
            ids.formUnion(cell.evidence.map(\.party))
        }
        return ids
    }

    /// Model text in this language.
    public func s(_ text: Text?) -> String { words.s(text) }
}

/// The fixed words and marks of one language that layouts place.
public struct Vocabulary: Sendable {
    /// Between party names that share: "＋".
    public let joiner: String
    /// After shared owners of a layer: "（共同）".
    public let ownerSharedTag: String
    /// After the parties sharing a control: "（分担）".
    public let outcomeSharedTag: String
    public let notApplicable: String
    public let notApplicableShort: String
    public let markParty: String
    public let markShared: String
    public let markNotApplicable: String
    public let legendMarks: String
    public let legendDash: String
    /// "：" / ": " after a label.
    public let colon: String
    public let layerColumn: String
    public let controlColumn: String
    public let offeringColumn: String
    public let doneByColumn: String
    public let accountableColumn: String
    public let disclosureColumn: String
    /// Indentation per level of the catalogue tree.
    public let indent: String

    init(_ w: Wording) {
        joiner = w("parties.joiner")
        ownerSharedTag = w("owner.shared.tag")
        outcomeSharedTag = w("outcome.shared.tag")
        notApplicable = w("not-applicable")
        notApplicableShort = w("not-applicable.short")
        markParty = w("marks.party")
        markShared = w("marks.shared")
        markNotApplicable = w("marks.not-applicable")
        legendMarks = w("legend.marks.symbols")
        legendDash = w("legend.dash")
        colon = w("colon")
        layerColumn = w("column.layer")
        controlColumn = w("column.control")
        offeringColumn = w("column.offering")
        doneByColumn = w("column.done-by")
        accountableColumn = w("column.accountable")
        disclosureColumn = w("column.disclosure")
        indent = w("indent")
    }
}

public struct PartyView: Sendable, Hashable {
    public var id: String
    /// The short name where there is one.
    public var label: String
    public var name: String
    public var side: Side
    public var colour: Colour
    /// "Provider (IIJ), provider side": the legend's line.
    public var legend: String
}

public struct OwnerView: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case party, shared, notApplicable }
    public var kind: Kind
    public var parties: [PartyView]
    /// "Provider", "A＋B", "not applicable (reason)".
    public var words: String
    /// Why not applicable ("" otherwise).
    public var reason: String
}

public struct OutcomeView: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case single, shared, notApplicable }
    public var kind: Kind
    public var parties: [PartyView]
    /// The outcome in a sentence.
    public var sentence: String
    /// "（判断）" after a decision, "（契約）" after a contract term; nil for a measure.
    public var tag: String?
}

public struct CoverageView: Sendable, Hashable {
    public var value: Coverage
    public var symbol: String
    public var word: String
    public var meaning: String
    public var isGap: Bool { value == .none }
}

public enum LayerMarks: Sendable, Hashable {
    /// One note spanning the layers (roll-ups, organisational entries).
    case note(String)
    /// One mark per model layer, bottom to top; nil where out of scope.
    case marks([LayerMark?])
}

public struct LayerMark: Sendable, Hashable {
    public var layer: String
    public var owner: OwnerView
    /// The owner's short name ("n/a" where not applicable).
    public var short: String
    /// ■ one party, ◆ shared, — not applicable.
    public var symbol: String
    public var tooltip: String
}

public struct StackLayer: Sendable, Hashable {
    public var id: String
    public var name: String
    public var label: String
    public var owner: OwnerView
    /// The demarcation band between this layer and the one above it, by its label.
    public var band: String?
}

public struct StackView: Sendable, Hashable {
    public var offeringID: String
    public var name: String
    /// Top layer first.
    public var layers: [StackLayer]
    /// "Accountable: the agency", "Evidence: the provider, for 14 controls".
    public var roles: [String]
    /// Said instead of a band where the provider owns no layer.
    public var note: String?
}

public struct LegendView: Sendable, Hashable {
    public var title: String
    public var parties: [PartyView]
    public var coverage: [CoverageView]
    public var marks: String
    public var marksMeaning: String
    /// Lines of the diagram's own ("◀: the owner differs from …").
    public var extra: [String]
}

/// Wordings kept per cell for one `Views` (one derivation, one language),
/// shared by the parts of a build that word the same cell.
final class Memo: Sendable {
    private let reasons = Mutex<[CellKey: ReasonWords]>([:])

    struct CellKey: Hashable {
        var entry: String
        var offering: String
    }

    func reason(_ cell: Cell, _ make: () -> ReasonWords) -> ReasonWords {
        let key = CellKey(entry: cell.entry, offering: cell.offering)
        if let known = reasons.withLock({ $0[key] }) { return known }
        let made = make()
        reasons.withLock { $0[key] = made }
        return made
    }
}
