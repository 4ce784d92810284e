import DemarcModel
import DemarcViews

/// Layout pieces shared by the diagram kinds: the layer stack with its
/// demarcation point, who-does labels, coverage marks, the legend and the
/// caption. They lay out view values; every word comes from the views. Each
/// records the colour pairs it emits.
struct Parts {
    let context: DiagramContext
    /// The colour pairs drawn, in the order first drawn.
    var contrast: [ContrastPair] = []
    private var recorded: Set<ContrastPair> = []

    init(_ context: DiagramContext) {
        self.context = context
    }

    var palette: Palette { context.palette }
    var vocabulary: Vocabulary { context.vocabulary }

    mutating func record(_ fg: Colour, on bg: Colour, _ use: ContrastPair.Use, _ what: String) {
        let pair = ContrastPair(foreground: fg, background: bg, use: use, what: what)
        if recorded.insert(pair).inserted { contrast.append(pair) }
    }

    // MARK: owners

    /// Fill and ink of an owner (a party's tint; neutral for shared; grey for n/a).
    mutating func colours(of owner: OwnerView) -> (fill: Colour, ink: Colour) {
        switch owner.kind {
        case .party:
            let party = owner.parties[0]
            let pair = (palette.fill(party), palette.ink(party))
            record(pair.1, on: pair.0, .text, "owner-\(party.id)")
            record(pair.1, on: palette.background, .text, "party-\(party.id)-on-background")
            return pair
        case .shared:
            record(palette.text, on: palette.background, .text, "shared")
            return (palette.background, palette.text)
        case .notApplicable:
            record(palette.mutedText, on: palette.notApplicableFill, .text, "not-applicable")
            return (palette.notApplicableFill, palette.mutedText)
        }
    }

    /// Party names, each in its own ink, joined with "＋": owners in words.
    mutating func partyNames(_ parties: [PartyView], on fill: Colour, bold: Bool = true) -> String {
        parties.map { party -> String in
            let ink = palette.ink(party)
            record(ink, on: fill, .text, "party-\(party.id)-name")
            return TableCell.styled(DOT.label(party.label), colour: ink, bold: bold)
        }.joined(separator: TableCell.styled(DOT.label(vocabulary.joiner), colour: palette.text))
    }

    /// "Provider", "Provider＋Customer (shared)", "n/a".
    mutating func outcome(_ outcome: OutcomeView, on fill: Colour) -> String {
        var markup = outcomeNames(outcome, on: fill)
        if let tag = outcome.tag {
            record(palette.text, on: fill, .text, "act-tag")
            markup += TableCell.styled(DOT.label(tag), colour: palette.text, size: 9)
        }
        return markup
    }

    private mutating func outcomeNames(_ outcome: OutcomeView, on fill: Colour) -> String {
        switch outcome.kind {
        case .single: return partyNames(outcome.parties, on: fill)
        case .shared:
            record(palette.text, on: fill, .text, "shared-tag")
            return partyNames(outcome.parties, on: fill) + TableCell.styled(DOT.label(vocabulary.outcomeSharedTag), colour: palette.text, size: 9)
        case .notApplicable:
            record(palette.mutedText, on: fill, .text, "n/a")
            return TableCell.styled(DOT.label(vocabulary.notApplicableShort), colour: palette.mutedText)
        }
    }

    // MARK: the layer matrix

    /// How a layer cell of the matrix shows its owner.
    enum LayerMarkStyle {
        /// ■ one party, ◆ shared, — not applicable (with the owner in a tooltip).
        case symbol
        /// The owner's short name.
        case words
    }

    /// One cell per layer: the layers in scope in the owner's colours; or
    /// one spanning note for a roll-up or an organisational entry.
    mutating func layerCells(_ marks: LayerMarks, style: LayerMarkStyle, span: Int) -> [TableCell] {
        record(palette.mutedText, on: palette.background, .text, "layer-matrix-note")
        switch marks {
        case .note(let note):
            return [.text(note, colour: palette.mutedText, size: 8, colspan: span)]
        case .marks(let marks):
            return marks.map { mark in
                guard let mark else { return TableCell(content: "") }
                let (fill, ink) = colours(of: mark.owner)
                switch style {
                case .words: return .text(mark.short, colour: ink, size: 8, fill: fill)
                case .symbol: return TableCell.text(mark.symbol, colour: ink, fill: fill).with("TOOLTIP", Escape.dotHTMLAttribute(mark.tooltip))
                }
            }
        }
    }

    // MARK: coverage

    /// A mark and a word: never colour alone. Gaps in the gap colour, bold.
    mutating func coverage(_ coverage: CoverageView, on fill: Colour) -> String {
        let colour = coverage.isGap ? palette.gap : palette.text
        record(colour, on: fill, .text, "coverage-\(coverage.value.rawValue)")
        return TableCell.styled(DOT.label("\(coverage.symbol) \(coverage.word)"), colour: colour, bold: coverage.isGap)
    }

    // MARK: the stack

    /// The stack of one offering, top layer first, with the demarcation
    /// point drawn as a labelled band between the sides.
    mutating func stack(_ stack: StackView, title: Bool = true, ports: Bool = true) -> Table {
        var table = Table(cellBorder: 1, cellPadding: 6, colour: palette.line)
        record(palette.line, on: palette.background, .graphic, "cell-borders")
        if title {
            record(palette.text, on: palette.background, .text, "offering-title")
            table.row([.text(stack.name, colour: palette.text, bold: true, size: 13, colspan: 2).with("BORDER", "0")])
        }
        if let note = stack.note {
            record(palette.mutedText, on: palette.background, .text, "no-provider-note")
            table.row([.text(note, colour: palette.mutedText, size: 9, colspan: 2).with("BORDER", "0")])
        }
        for layer in stack.layers {
            if let band = layer.band { table.row([demarcationBand(band)]) }
            let (fill, ink) = colours(of: layer.owner)
            record(palette.text, on: fill, .text, "layer-name")
            var name = TableCell.text(Wrap.lines(layer.name, limit: 30), colour: palette.text, align: "LEFT", fill: fill).with("BALIGN", "LEFT")
            if ports { name = name.with("PORT", DOT.identifier(layer.id)) }
            table.row([name, ownerCell(layer.owner, fill: fill, ink: ink).with("ALIGN", "LEFT")])
        }
        for role in stack.roles {
            record(palette.text, on: palette.background, .text, "stack-roles")
            table.row([.text(role, colour: palette.text, size: 9, align: "LEFT", colspan: 2).with("BORDER", "0")])
        }
        return table
    }

    /// An owner in words in its fill: names, "(shared)", or "not applicable" and why.
    mutating func ownerCell(_ owner: OwnerView, fill: Colour, ink: Colour) -> TableCell {
        .markup(ownerMarkup(owner, fill: fill, ink: ink), fill: fill)
    }

    mutating func ownerMarkup(_ owner: OwnerView, fill: Colour, ink: Colour, reason: Bool = true) -> String {
        switch owner.kind {
        case .party:
            return partyNames(owner.parties, on: fill)
        case .shared:
            return partyNames(owner.parties, on: fill) + TableCell.styled(DOT.label(vocabulary.ownerSharedTag), colour: palette.text, size: 9)
        case .notApplicable:
            let word = TableCell.styled(DOT.label(vocabulary.notApplicable), colour: ink, bold: true)
            guard reason else { return word }
            return word + "<BR/>" + TableCell.styled(DOT.label(owner.reason), colour: ink, size: 8)
        }
    }

    /// The labelled band for the demarcation point (責任分界点): text says
    /// which side is which, so it reads without colour.
    mutating func demarcationBand(_ label: String) -> TableCell {
        let ink = palette.theme == .light ? Colour.white : palette.background
        record(ink, on: palette.demarcation, .text, "demarcation-label")
        record(palette.demarcation, on: palette.background, .graphic, "demarcation-band")
        return TableCell.text(label, colour: ink, bold: true, size: 9, fill: palette.demarcation, colspan: 2)
            .with("ID", "demarcation").with("CELLPADDING", "2")
    }

    // MARK: legend and caption

    /// A vertical legend: one line per party and per coverage mark, each
    /// with its meaning in words. One text cell per line, aligned left, so it
    /// reads the same however wide Graphviz makes the table.
    mutating func legend(_ legend: LegendView) -> Table {
        var table = Table(cellBorder: 0, cellPadding: 2, align: "LEFT")
        record(palette.text, on: palette.background, .text, "legend")
        record(palette.mutedText, on: palette.background, .text, "legend-text")
        func line(_ markup: String) -> [TableCell] { [.markup(markup, align: "LEFT")] }
        let dash = TableCell.styled(DOT.label(vocabulary.legendDash), colour: palette.mutedText, size: 9)
        table.row([.text(legend.title, colour: palette.text, bold: true, align: "LEFT")])
        for party in legend.parties {
            let ink = palette.ink(party)
            record(ink, on: palette.background, .text, "legend-party-\(party.id)")
            table.row(
                line(
                    TableCell.styled(DOT.label(vocabulary.markParty + " "), colour: ink) + partyNames([party], on: palette.background)
                        + dash + TableCell.styled(DOT.label(party.legend), colour: palette.mutedText, size: 9)))
        }
        for coverage in legend.coverage {
            table.row(
                line(
                    self.coverage(coverage, on: palette.background) + dash
                        + TableCell.styled(DOT.label(coverage.meaning), colour: palette.mutedText, size: 9)))
        }
        table.row(
            line(
                TableCell.styled(DOT.label(legend.marks), colour: palette.text) + dash
                    + TableCell.styled(DOT.label(legend.marksMeaning), colour: palette.mutedText, size: 9)))
        for extra in legend.extra {
            table.row(line(TableCell.styled(DOT.label(extra), colour: palette.mutedText, size: 9)))
        }
        return table
    }

    mutating func caption(_ caption: String) -> TableCell {
        record(palette.mutedText, on: palette.background, .text, "caption")
        return .text(caption, colour: palette.mutedText, size: 9, align: "LEFT")
    }
}
