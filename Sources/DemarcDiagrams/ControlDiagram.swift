import DemarcModel
import DemarcViews

/// Diagram 3: one catalogue entry — its result in each offering, the layers
/// behind it and their owners, the accountable party, the coverage by the
/// provider's disclosures, and why.
public enum ControlDiagram {
    public static func make(_ entry: Entry, offerings: [Offering] = [], context c: DiagramContext) -> Diagram {
        make(c.views.control(entry, offerings: offerings), context: c)
    }

    public static func make(_ view: ControlView, context c: DiagramContext) -> Diagram {
        var parts = Parts(c)
        let palette = c.palette
        let id = "control-\(view.slug)"
        parts.record(palette.text, on: palette.background, .text, "title")
        parts.record(palette.mutedText, on: palette.background, .text, "muted")

        var head = Table(cellBorder: 0, cellPadding: 3, align: "LEFT")
        head.row([.text(view.title, colour: palette.text, bold: true, size: 15, align: "LEFT")])
        head.row([.text(view.kind, colour: palette.mutedText, size: 9, align: "LEFT")])
        head.row([.text(Wrap.lines(view.text, limit: 110), colour: palette.text, size: 10, align: "LEFT").with("BALIGN", "LEFT")])
        for parameter in view.parameters {
            head.row([.text(parameter, colour: palette.text, size: 9, align: "LEFT")])
        }

        var table = Table(cellBorder: 1, cellPadding: 4, colour: palette.line)
        parts.record(palette.line, on: palette.background, .graphic, "borders")
        var header: [TableCell] = [.text(c.vocabulary.offeringColumn, colour: palette.text, bold: true, align: "LEFT")]
        for label in view.layerLabels { header.append(.text(label, colour: palette.text, bold: true, size: 8)) }
        header += [
            .text(c.vocabulary.doneByColumn, colour: palette.text, bold: true),
            .text(c.vocabulary.accountableColumn, colour: palette.text, bold: true),
            .text(c.vocabulary.disclosureColumn, colour: palette.text, bold: true),
        ]
        table.row(header)
        for row in view.rows {
            let href = c.links.href(toDiagram: "offering-\(row.offering)", language: c.language)
            var cells: [TableCell] = [
                TableCell.text(row.label, colour: palette.text, bold: true, align: "LEFT")
                    .linked(href, tooltip: row.name, id: "\(id)-offering-\(row.offering)")
            ]
            cells += parts.layerCells(row.marks, style: .words, span: view.layerLabels.count)
            cells.append(.markup(parts.outcome(row.outcome, on: palette.background), align: "LEFT"))
            cells.append(.markup(parts.partyNames([row.accountable], on: palette.background, bold: false)))
            cells.append(.markup(parts.coverage(row.coverage, on: palette.background), align: "LEFT"))
            table.row(cells)
        }

        var reasons = Table(cellBorder: 0, cellPadding: 2, align: "LEFT")
        for reason in view.reasons {
            let markup =
                TableCell.styled(DOT.label(reason.label + c.vocabulary.colon), colour: palette.text, bold: true, size: 9)
                + TableCell.styled(DOT.label(Wrap.lines(reason.text, limit: 120)), colour: palette.text, size: 9)
            reasons.row([.markup(markup, align: "LEFT").with("BALIGN", "LEFT")])
        }

        // The disclosures that answer it, and what to ask where they fall short.
        var topics = Table(cellBorder: 0, cellPadding: 2, align: "LEFT")
        topics.row([.text(view.answersTitle, colour: palette.text, bold: true, align: "LEFT")])
        if let none = view.noAnswer {
            parts.record(palette.gap, on: palette.background, .text, "gap")
            topics.row([.text(none, colour: palette.gap, bold: true, align: "LEFT")])
        }
        for answer in view.answers {
            let line =
                TableCell.styled(DOT.label(answer.line), colour: palette.text, size: 9)
                + TableCell.styled(DOT.label(answer.detail), colour: palette.mutedText, size: 8)
            topics.row([.markup(line, align: "LEFT")])
        }
        for question in view.questions {
            topics.row([
                .markup(
                    TableCell.styled(DOT.label(view.askLabel), colour: palette.text, bold: true, size: 9)
                        + TableCell.styled(DOT.label(Wrap.lines(question, limit: 110)), colour: palette.text, size: 9), align: "LEFT"
                )
                .with("BALIGN", "LEFT")
            ])
        }

        var outer = Table(cellBorder: 0, cellPadding: 6)
        outer.row([.markup(head.markup, align: "LEFT")])
        outer.row([.markup(table.markup, align: "LEFT")])
        outer.row([.markup(topics.markup, align: "LEFT")])
        outer.row([.markup(reasons.markup, align: "LEFT")])
        outer.row([.markup(parts.legend(view.legend).markup, align: "LEFT")])
        outer.row([parts.caption(view.caption)])
        return Diagram(
            id: id, kind: .control, language: c.language, title: view.title, description: view.description,
            dot: c.dot(id: id, title: view.title, table: outer), contrast: parts.contrast)
    }
}
