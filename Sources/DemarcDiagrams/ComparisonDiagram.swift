import DemarcModel
import DemarcViews

/// Diagram 2: the offerings side by side over the same layers, each column
/// with its demarcation point, and under it the number of controls each
/// party does (and the gaps); then what changes between the offerings.
public enum ComparisonDiagram {
    /// Changes listed before the rest is summarised.
    public static let maxChanges = 14

    public static func make(offerings: [Offering], context c: DiagramContext) -> Diagram {
        make(c.views.comparison(offerings, maxChanges: maxChanges), context: c)
    }

    public static func make(_ view: ComparisonView, context c: DiagramContext) -> Diagram {
        var parts = Parts(c)
        let palette = c.palette
        let id = "comparison"
        parts.record(palette.text, on: palette.background, .text, "title")

        var table = Table(cellBorder: 0, cellSpacing: 0, cellPadding: 5, colour: palette.line)
        var header: [TableCell] = [.text(c.vocabulary.layerColumn, colour: palette.text, bold: true, align: "LEFT")]
        for column in view.columns {
            header.append(.text(column.name, colour: palette.text, bold: true).with("BORDER", "1").with("SIDES", "B"))
        }
        table.row(header)
        for (row, layer) in view.layers.enumerated() {
            let index = view.layers.count - 1 - row
            if row > 0 {
                // A thin band between this layer and the one above: red where that column's demarcation lies.
                var band: [TableCell] = [TableCell(content: "").with("HEIGHT", "4")]
                for column in view.columns {
                    band.append(
                        column.bands[index].map { parts.demarcationBand($0).withoutColspan() }
                            ?? TableCell(content: "").with("HEIGHT", "4"))
                }
                table.row(band)
            }
            var cells: [TableCell] = [.text(Wrap.lines(layer.name, limit: 30), colour: palette.text, align: "LEFT").with("BALIGN", "LEFT")]
            for (owner, differs) in zip(layer.owners, layer.differs) {
                let (fill, ink) = parts.colours(of: owner)
                var content = parts.ownerMarkup(owner, fill: fill, ink: ink, reason: false)
                if differs {
                    parts.record(palette.text, on: fill, .text, "changed-mark")
                    content += TableCell.styled(DOT.label(view.differsMark), colour: palette.text, size: 8)
                }
                cells.append(TableCell.markup(content, fill: fill).with("BORDER", "1"))
            }
            table.row(cells)
        }
        // Counts per column.
        table.row([.text(view.countsTitle, colour: palette.text, bold: true, align: "LEFT")] + view.columns.map { _ in TableCell(content: "") })
        for count in view.counts {
            if let party = count.party {
                let ink = palette.ink(party)
                parts.record(ink, on: palette.background, .text, "count-\(party.id)")
                table.row(
                    [
                        .markup(
                            TableCell.styled(DOT.label(c.vocabulary.markParty + " "), colour: ink)
                                + TableCell.styled(DOT.label(count.label), colour: palette.text), align: "LEFT")
                    ]
                        + count.counts.map { .text($0, colour: palette.text) })
            } else {
                let colour = count.isGap ? palette.gap : palette.text
                parts.record(colour, on: palette.background, .text, "count-\(count.label)")
                let mark = count.isGap ? c.views.coverage(.none).symbol + " " : ""
                table.row(
                    [.text(mark + count.label, colour: colour, bold: count.isGap, align: "LEFT")]
                        + count.counts.map { .text($0, colour: colour, bold: count.isGap) })
            }
        }

        // What changes relative to the first column.
        var changes = Table(cellBorder: 0, cellPadding: 2, align: "LEFT")
        if view.columns.count > 1 {
            changes.row([.text(view.changesTitle, colour: palette.text, bold: true, align: "LEFT")])
            for change in view.changes {
                let line =
                    DOT.label(change.lead)
                    + change.groups.map { group in
                        parts.outcome(group.outcome, on: palette.background)
                            + TableCell.styled(DOT.label(group.columns), colour: palette.text, size: 8)
                    }.joined(separator: TableCell.styled(DOT.label(view.changeSeparator), colour: palette.text))
                changes.row([.markup(TableCell.styled(line, colour: palette.text, size: 9), align: "LEFT")])
            }
            if view.changes.isEmpty {
                changes.row([.text(view.noChanges, colour: palette.text, size: 9, align: "LEFT")])
            }
            if let more = view.moreChanges {
                parts.record(palette.mutedText, on: palette.background, .text, "more")
                changes.row([.text(more, colour: palette.mutedText, size: 9, align: "LEFT")])
            }
        }

        var outer = Table(cellBorder: 0, cellPadding: 6)
        outer.row([.text(view.title, colour: palette.text, bold: true, size: 15, align: "LEFT")])
        outer.row([.markup(table.markup)])
        if view.columns.count > 1 { outer.row([.markup(changes.markup, align: "LEFT")]) }
        outer.row([.markup(parts.legend(view.legend).markup, align: "LEFT")])
        outer.row([parts.caption(view.caption)])
        return Diagram(
            id: id, kind: .comparison, language: c.language, title: view.title, description: view.description,
            dot: c.dot(id: id, title: view.title, table: outer), contrast: parts.contrast)
    }
}

extension TableCell {
    func withoutColspan() -> TableCell {
        var copy = self
        copy.attributes.removeAll { $0.0 == "COLSPAN" }
        return copy
    }
}
