import DemarcModel

/// Pieces shared by the diagram kinds: the layer stack with its demarcation
/// point, who-does labels, coverage marks, the legend and the caption. Each
/// records the colour pairs it emits.
struct Parts {
    let context: DiagramContext
    var contrast: [ContrastPair] = []

    init(_ context: DiagramContext) {
        self.context = context
    }

    var model: Model { context.model }
    var palette: Palette { context.palette }
    func s(_ text: Text?) -> String { context.s(text) }
    func t(_ ja: String, _ en: String) -> String { context.t(ja, en) }

    mutating func record(_ fg: Colour, on bg: Colour, _ use: ContrastPair.Use, _ what: String) {
        let pair = ContrastPair(foreground: fg, background: bg, use: use, what: what)
        if !contrast.contains(pair) { contrast.append(pair) }
    }

    // MARK: owners

    /// Fill and ink of an ownership (a party's tint; neutral for shared; grey for n/a).
    mutating func colours(of ownership: Ownership) -> (fill: Colour, ink: Colour) {
        switch ownership {
        case .party(let id):
            guard let party = model.party(id) else { return (palette.background, palette.text) }
            let pair = (palette.fill(party), palette.ink(party))
            record(pair.1, on: pair.0, .text, "owner \(id)")
            record(pair.1, on: palette.background, .text, "party \(id) on background")
            return pair
        case .shared:
            record(palette.text, on: palette.background, .text, "shared")
            return (palette.background, palette.text)
        case .notApplicable:
            record(palette.mutedText, on: palette.notApplicableFill, .text, "not applicable")
            return (palette.notApplicableFill, palette.mutedText)
        }
    }

    /// Party names, each in its own ink, joined with "＋": owners in words.
    mutating func partyNames(_ ids: [String], on fill: Colour, bold: Bool = true) -> String {
        ids.map { id -> String in
            guard let party = model.party(id) else { return DOT.html(id) }
            let ink = palette.ink(party)
            record(ink, on: fill, .text, "party \(id) name")
            return Cell.styled(DOT.html(s(party.label)), colour: ink, bold: bold)
        }.joined(separator: Cell.styled(DOT.html("＋"), colour: palette.text))
    }

    /// "Provider", "Provider＋Customer (shared)", "not applicable".
    mutating func outcome(_ outcome: Outcome, on fill: Colour) -> String {
        switch outcome {
        case .single(let p): return partyNames([p], on: fill)
        case .shared(let ps):
            record(palette.text, on: fill, .text, "shared tag")
            return partyNames(ps, on: fill) + Cell.styled(DOT.html(t("（分担）", " (shared)")), colour: palette.text, size: 9)
        case .notApplicable:
            record(palette.mutedText, on: fill, .text, "n/a")
            return Cell.styled(DOT.html(t("該当なし", "n/a")), colour: palette.mutedText)
        }
    }

    // MARK: the layer matrix

    /// How a layer cell of the matrix shows its owner.
    enum LayerMark {
        /// ■ one party, ◆ shared, — not applicable (with the owner in a tooltip).
        case symbol
        /// The owner's short name.
        case words
    }

    /// One cell per layer for a derived cell: the layers in its scope in the
    /// owner's colours; or one spanning cell for a roll-up or an organisational entry.
    mutating func layerCells(_ cell: DemarcModel.Cell, offering: Offering, mark: LayerMark) -> [Cell] {
        let span = model.layers.count
        record(palette.mutedText, on: palette.background, .text, "layer matrix note")
        if case .rollup(let items) = cell.basis {
            return [.text(t("↓ 例示項目 \(items.count) 件の集約", "↓ rolls up \(items.count) items"), colour: palette.mutedText, size: 8, colspan: span)]
        }
        if cell.layers.isEmpty {
            return [.text(t("組織・契約（階層によらない）", "organisation / contract (no layer)"), colour: palette.mutedText, size: 8, colspan: span)]
        }
        let inScope = Set(cell.layers.map(\.layer))
        return model.layers.map { layer in
            guard inScope.contains(layer.id), let ownership = offering.owners[layer.id] else { return Cell(content: "") }
            let (fill, ink) = colours(of: ownership)
            let words = OfferingDiagram.ownerWords(ownership, context)
            switch mark {
            case .words:
                let short: String
                switch ownership {
                case .notApplicable: short = t("該当なし", "n/a")
                default: short = words
                }
                return .text(short, colour: ink, size: 8, fill: fill)
            case .symbol:
                let symbol: String
                switch ownership {
                case .notApplicable: symbol = "—"
                case .shared: symbol = "◆"
                case .party: symbol = "■"
                }
                return Cell.text(symbol, colour: ink, fill: fill).with("TOOLTIP", DOT.html("\(s(layer.name)): \(words)"))
            }
        }
    }

    // MARK: coverage

    static func symbol(_ coverage: Coverage) -> String {
        switch coverage {
        case .full: return "●"
        case .partial: return "◐"
        case .customerOnly: return "○"
        case .none: return "✕"
        }
    }

    func coverageWord(_ coverage: Coverage) -> String {
        switch coverage {
        case .full: return t("開示あり", "covered")
        case .partial: return t("一部", "partial")
        case .customerOnly: return t("利用者任せ", "customer's job")
        case .none: return t("開示なし", "gap")
        }
    }

    /// A mark and a word: never colour alone. Gaps in the gap colour, bold.
    mutating func coverage(_ coverage: Coverage, on fill: Colour) -> String {
        let colour = coverage == .full ? palette.text : coverage == .none ? palette.gap : palette.text
        record(colour, on: fill, .text, "coverage \(coverage.rawValue)")
        return Cell.styled(DOT.html("\(Self.symbol(coverage)) \(coverageWord(coverage))"), colour: colour, bold: coverage == .none)
    }

    // MARK: the stack

    /// Where the demarcation lines go: after these layer indices (bottom-up),
    /// i.e. above the last layer of a provider-side run, before the next
    /// applicable layer of a different side. Not-applicable layers sit above
    /// the line.
    static func demarcations(_ offering: Offering, layers: [Layer], parties: [Party]) -> [Int] {
        func side(_ o: Ownership) -> String? {
            let sides = Set(o.parties.compactMap { id in parties.first { $0.id == id }?.side.rawValue })
            return sides.isEmpty ? nil : sides.sorted().joined(separator: "+")
        }
        var result: [Int] = []
        var last: (index: Int, side: String)?
        for (index, layer) in layers.enumerated() {
            guard let ownership = offering.owners[layer.id], let current = side(ownership) else { continue }
            if let last, last.side != current { result.append(last.index) }
            last = (index, current)
        }
        return result
    }

    /// The stack of one offering, top layer first, with the demarcation
    /// point drawn as a labelled band between the sides.
    mutating func stack(_ offering: Offering, title: Bool = true, ports: Bool = true) -> Table {
        var table = Table(cellBorder: 1, cellPadding: 6, colour: palette.line)
        record(palette.line, on: palette.background, .graphic, "cell borders")
        if title {
            record(palette.text, on: palette.background, .text, "offering title")
            table.row([.text(s(offering.name), colour: palette.text, bold: true, size: 13, colspan: 2).with("BORDER", "0")])
        }
        let lines = Set(Self.demarcations(offering, layers: model.layers, parties: model.parties))
        for (index, layer) in model.layers.enumerated().reversed() {
            if lines.contains(index) { table.row([demarcationBand()]) }
            let ownership = offering.owners[layer.id] ?? .notApplicable(reason: Text(ja: "", en: ""))
            let (fill, ink) = colours(of: ownership)
            record(palette.text, on: fill, .text, "layer name")
            var name = Cell.text(Wrap.lines(s(layer.name), limit: 30), colour: palette.text, align: "LEFT", fill: fill).with("BALIGN", "LEFT")
            if ports { name = name.with("PORT", DOT.identifier(layer.id)) }
            let owner: Cell
            switch ownership {
            case .party(let p):
                owner = .markup(partyNames([p], on: fill), fill: fill)
            case .shared(let ps):
                owner = .markup(partyNames(ps, on: fill) + Cell.styled(DOT.html(t("（共同）", " (shared)")), colour: palette.text, size: 9), fill: fill)
            case .notApplicable(let reason):
                owner = .markup(Cell.styled(DOT.html(t("該当なし", "not applicable")), colour: ink, bold: true)
                                + "<BR/>" + Cell.styled(DOT.html(s(reason)), colour: ink, size: 8), fill: fill)
            }
            table.row([name, owner.with("ALIGN", "LEFT")])
        }
        return table
    }

    /// The labelled band for the demarcation point (責任分界点): text says
    /// which side is which, so it reads without colour.
    mutating func demarcationBand() -> Cell {
        let ink = palette.theme == .light ? Colour.white : palette.background
        record(ink, on: palette.demarcation, .text, "demarcation label")
        record(palette.demarcation, on: palette.background, .graphic, "demarcation band")
        let label = t("▲ 利用者側　━━ 責任分界点 ━━　事業者側 ▼", "▲ customer side — demarcation point — provider side ▼")
        return Cell.text(label, colour: ink, bold: true, size: 9, fill: palette.demarcation, colspan: 2)
            .with("ID", "demarcation").with("CELLPADDING", "2")
    }

    // MARK: legend and caption

    /// A vertical legend: one line per party and per coverage mark, each
    /// with its meaning in words. One text cell per line, aligned left, so it
    /// reads the same however wide Graphviz makes the table.
    mutating func legend() -> Table {
        var table = Table(cellBorder: 0, cellPadding: 2, align: "LEFT")
        record(palette.text, on: palette.background, .text, "legend")
        record(palette.mutedText, on: palette.background, .text, "legend text")
        func line(_ markup: String) -> [Cell] { [.markup(markup, align: "LEFT")] }
        let dash = Cell.styled(DOT.html(t("　…　", "  —  ")), colour: palette.mutedText, size: 9)
        table.row([.text(t("凡例", "Legend"), colour: palette.text, bold: true, align: "LEFT")])
        for party in model.parties {
            let ink = palette.ink(party)
            record(ink, on: palette.background, .text, "legend party \(party.id)")
            let side = party.side == .provider ? t("事業者側", "provider side") : t("利用者側", "customer side")
            table.row(line(Cell.styled(DOT.html("■ "), colour: ink) + partyNames([party.id], on: palette.background)
                           + dash + Cell.styled(DOT.html(s(party.name) + t("、", ", ") + side), colour: palette.mutedText, size: 9)))
        }
        let meanings: [(Coverage, String)] = [
            (.full, t("事業者の開示がこの項目に答えている", "the provider's disclosures answer it")),
            (.partial, t("開示は一部だけ答えている", "they answer part of it")),
            (.customerOnly, t("利用者の責任とだけ述べている", "they only say it is the customer's job")),
            (.none, t("開示がない（ギャップ）", "nothing is disclosed (a gap)")),
        ]
        for (coverage, meaning) in meanings {
            table.row(line(self.coverage(coverage, on: palette.background) + dash
                           + Cell.styled(DOT.html(meaning), colour: palette.mutedText, size: 9)))
        }
        table.row(line(Cell.styled(DOT.html("■ ◆ —"), colour: palette.text) + dash
                       + Cell.styled(DOT.html(t("対策が関わる階層（色はその階層の担い手、◆共同、—該当なし）",
                                                "layers the control concerns (coloured by owner; ◆ shared, — n/a)")),
                                     colour: palette.mutedText, size: 9)))
        return table
    }

    mutating func caption() -> Cell {
        record(palette.mutedText, on: palette.background, .text, "caption")
        return .text(context.caption, colour: palette.mutedText, size: 9, align: "LEFT")
    }
}
