import DemarcModel
import DemarcViews

/// The change diagram (`demarc diff --format svg|png|pdf`): the new
/// version's offerings side by side over its layers, every owner that
/// changed marked by a mark, its old owner in words and a dashed border —
/// never by colour alone —, then every role that moved, before and after.
public enum ChangeDiagram {
    public static func make(_ view: DiffView, context c: DiagramContext) -> Diagram {
        var parts = Parts(c)
        let palette = c.palette
        let words = c.views.words
        let id = "changes"
        let new = c.views.model
        parts.record(palette.text, on: palette.background, .text, "title")

        var table = Table(cellBorder: 0, cellSpacing: 0, cellPadding: 5, colour: palette.line)
        table.row(
            [.text(c.vocabulary.layerColumn, colour: palette.text, bold: true, align: "LEFT")]
                + new.offerings.map { .text(words.s($0.name), colour: palette.text, bold: true).with("BORDER", "1").with("SIDES", "B") })
        for layer in new.layers.reversed() {
            var cells: [TableCell] = [.text(Wrap.lines(words.s(layer.name), limit: 30), colour: palette.text, align: "LEFT").with("BALIGN", "LEFT")]
            for offering in new.offerings {
                guard let ownership = offering.owners[layer.id] else {
                    cells.append(TableCell(content: ""))
                    continue
                }
                let owner = c.views.owner(ownership)
                let (fill, ink) = parts.colours(of: owner)
                var content = parts.ownerMarkup(owner, fill: fill, ink: ink, reason: false)
                var cell: TableCell
                if let was = view.layerWas["\(offering.id)/\(layer.id)"] {
                    parts.record(palette.text, on: fill, .text, "changed-\(offering.id)-\(layer.id)")
                    content += "<BR/>" + TableCell.styled(DOT.label(was), colour: palette.text, bold: true, size: 9)
                    cell = TableCell.markup(content, fill: fill).with("BORDER", "3").with("STYLE", "dashed").with("COLOR", palette.text.description)
                } else {
                    cell = TableCell.markup(content, fill: fill).with("BORDER", "1")
                }
                cells.append(cell)
            }
            table.row(cells)
        }

        // Every role that moved, per offering.
        var roles = Table(cellBorder: 1, cellSpacing: 0, cellPadding: 3, colour: palette.line, align: "LEFT")
        roles.row(view.columns.map { .text($0, colour: palette.text, bold: true, size: 9, align: "LEFT") })
        var rows = 0
        for group in view.groups {
            let lines = group.lines.filter { $0.role != nil && !$0.isLayer }
            guard !lines.isEmpty else { continue }
            roles.row([.text(group.heading, colour: palette.text, bold: true, size: 9, align: "LEFT", colspan: 4)])
            for line in lines {
                rows += 1
                roles.row([
                    .text(view.mark + " " + Wrap.lines(line.entry ?? "", limit: 50), colour: palette.text, size: 9, align: "LEFT")
                        .with("BALIGN", "LEFT"),
                    .text(line.role ?? "", colour: palette.text, size: 9, align: "LEFT"),
                    .text(Wrap.lines(line.was ?? "", limit: 30), colour: palette.text, size: 9, align: "LEFT").with("BALIGN", "LEFT"),
                    .text(Wrap.lines(line.now ?? "", limit: 30), colour: palette.text, bold: true, size: 9, align: "LEFT").with("BALIGN", "LEFT")
                        .with("BORDER", "2").with("STYLE", "dashed"),
                ])
            }
        }
        if rows == 0 { roles.row([.text(view.noMoves, colour: palette.text, size: 9, align: "LEFT", colspan: 4)]) }

        var outer = Table(cellBorder: 0, cellPadding: 6)
        outer.row([.text(view.title, colour: palette.text, bold: true, size: 15, align: "LEFT")])
        outer.row([.markup(table.markup)])
        outer.row([.text(view.legend, colour: palette.text, size: 9, align: "LEFT")])
        outer.row([.text(view.movesTitle, colour: palette.text, bold: true, align: "LEFT")])
        outer.row([.markup(roles.markup, align: "LEFT")])
        outer.row([parts.caption(words.caption)])
        return Diagram(
            id: id, kind: .change, language: c.language, title: view.title, description: view.description,
            dot: c.dot(id: id, title: view.title, table: outer), contrast: parts.contrast)
    }
}
