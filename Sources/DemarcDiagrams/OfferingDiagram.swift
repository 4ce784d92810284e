import DemarcModel
import DemarcViews

/// Diagram 1: one offering's stack with the demarcation point, and beside it
/// the controls grouped under their requirement, each with the layers in its
/// scope marked, who does it, and how far disclosures cover it.
public enum OfferingDiagram {
    /// Empty rows under the controls that absorb what the left column is taller by.
    static let fillerRows = 24

    /// Rows shown per requirement before the rest is summarised.
    public static let rowsPerGroup = 12
    /// Rows shown in all before the rest is summarised.
    public static let maxRows = 60

    public static func make(_ offering: Offering, context c: DiagramContext) -> Diagram {
        make(c.views.offering(offering, rowsPerGroup: rowsPerGroup, maxRows: maxRows), context: c)
    }

    public static func make(_ view: OfferingView, context c: DiagramContext) -> Diagram {
        var parts = Parts(c)
        let palette = c.palette
        let id = "offering-\(view.id)"
        let span = view.layerLabels.count

        var controls = Table(cellBorder: 1, cellPadding: 3, colour: palette.line)
        var header: [TableCell] = [.text(c.vocabulary.controlColumn, colour: palette.text, bold: true, align: "LEFT", colspan: 2)]
        for label in view.layerLabels { header.append(.text(label, colour: palette.text, bold: true, size: 8)) }
        header.append(.text(c.vocabulary.doneByColumn, colour: palette.text, bold: true))
        header.append(.text(c.vocabulary.disclosureColumn, colour: palette.text, bold: true))
        controls.row(header)
        parts.record(palette.text, on: palette.background, .text, "table-header")
        for row in view.rows {
            let href = c.links.href(toDiagram: "control-\(row.slug)", language: c.language)
            let indent = String(repeating: c.vocabulary.indent, count: row.depth)
            let idCell = TableCell.text(indent + row.entry, colour: palette.text, bold: row.depth == 0, size: 9, align: "LEFT")
                .linked(href, tooltip: row.tooltip, id: "\(view.id)-entry-\(row.slug)")
            var cells: [TableCell] = [idCell, .text(row.title, colour: palette.text, bold: row.depth == 0, size: 9, align: "LEFT")]
            cells += parts.layerCells(row.marks, style: .symbol, span: span)
            cells.append(.markup(parts.outcome(row.outcome, on: palette.background), align: "LEFT"))
            cells.append(.markup(parts.coverage(row.coverage, on: palette.background), align: "LEFT"))
            controls.row(cells)
        }
        if let omitted = view.omitted {
            parts.record(palette.mutedText, on: palette.background, .text, "summary")
            controls.row([.text(omitted, colour: palette.mutedText, size: 9, align: "LEFT", colspan: span + 4)])
        }

        var outer = Table(cellBorder: 0, cellPadding: 6)
        outer.row([.text(view.title, colour: palette.text, bold: true, size: 15, align: "LEFT", colspan: 2)])
        parts.record(palette.text, on: palette.background, .text, "title")
        let stack = parts.stack(view.stack, title: false)
        var left = Table(cellBorder: 0, cellPadding: 0)
        left.row([.markup(stack.markup)])
        left.row([TableCell(content: "").with("HEIGHT", "12")])
        left.row([.markup(parts.legend(view.legend).markup, align: "LEFT")])
        // Graphviz stretches a nested table to fill its cell, sharing the extra
        // height evenly among its rows: when the left column is the taller,
        // empty rows of no height under the controls take nearly all of it,
        // so a short table of controls keeps its rows' natural height.
        var right = Table(cellBorder: 0, cellPadding: 0)
        right.row([.markup(controls.markup).with("VALIGN", "TOP")])
        for _ in 0..<Self.fillerRows { right.row([TableCell(content: "")]) }
        outer.row([.markup(left.markup).with("VALIGN", "TOP"), .markup(right.markup).with("VALIGN", "TOP").with("ROWSPAN", "1")])
        outer.row([parts.caption(view.caption).with("COLSPAN", "2")])

        return Diagram(
            id: id, kind: .offering, language: c.language, title: view.title, description: view.description,
            dot: c.dot(id: id, title: view.title, table: outer), contrast: parts.contrast)
    }
}
