import DemarcModel

/// Small builders for Graphviz HTML-like labels. Every piece of text goes
/// through `Escape.dotHTML` exactly once, here.
struct TableCell {
    var content: String
    var attributes: [(String, String)] = []

    /// A cell of plain text (escaped here).
    static func text(
        _ text: String, colour: Colour? = nil, bold: Bool = false, size: Double? = nil, align: String? = nil,
        fill: Colour? = nil, colspan: Int? = nil
    ) -> TableCell {
        var cell = TableCell(content: styled(DOT.label(text), colour: colour, bold: bold, size: size))
        if let align { cell.attributes.append(("ALIGN", align)) }
        if let fill { cell.attributes.append(("BGCOLOR", fill.description)) }
        if let colspan { cell.attributes.append(("COLSPAN", String(colspan))) }
        return cell
    }

    /// Markup built from already escaped parts.
    static func markup(_ markup: String, align: String? = nil, fill: Colour? = nil, colspan: Int? = nil) -> TableCell {
        var cell = TableCell(content: markup)
        if let align { cell.attributes.append(("ALIGN", align)) }
        if let fill { cell.attributes.append(("BGCOLOR", fill.description)) }
        if let colspan { cell.attributes.append(("COLSPAN", String(colspan))) }
        return cell
    }

    static func styled(_ escaped: String, colour: Colour? = nil, bold: Bool = false, size: Double? = nil) -> String {
        var s = escaped
        if bold { s = "<B>\(s)</B>" }
        var font: [String] = []
        if let colour { font.append("COLOR=\"\(colour)\"") }
        if let size { font.append("POINT-SIZE=\"\(formatNumber(size))\"") }
        if !font.isEmpty { s = "<FONT \(font.joined(separator: " "))>\(s)</FONT>" }
        return s
    }

    func with(_ name: String, _ value: String) -> TableCell {
        var copy = self
        copy.attributes.append((name, value))
        return copy
    }

    /// A linked cell: Graphviz needs HREF, TOOLTIP and ID together for a clean `<a>`.
    /// The label's XML parser decodes entities once and Graphviz writes the
    /// URL into the SVG as it is, so the SVG-ready URL is escaped once more.
    /// `id` must be unique across diagrams (prefix it with the diagram's id).
    func linked(_ href: String?, tooltip: String, id: String) -> TableCell {
        guard let href else { return self }
        return with("HREF", Escape.dotHTMLAttribute(Escape.url(href))).with("TOOLTIP", Escape.dotHTMLAttribute(tooltip)).with("ID", DOT.identifier(id))
    }

    var markup: String {
        let attrs = attributes.map { " \($0.0)=\"\($0.1)\"" }.joined()
        return "<TD\(attrs)>\(content)</TD>"
    }
}

func formatNumber(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}

struct Table {
    var attributes: String
    var rows: [[TableCell]] = []

    init(
        border: Int = 0, cellBorder: Int = 1, cellSpacing: Int = 0, cellPadding: Int = 4, colour: Colour? = nil, fill: Colour? = nil,
        align: String? = nil
    ) {
        var a = "BORDER=\"\(border)\" CELLBORDER=\"\(cellBorder)\" CELLSPACING=\"\(cellSpacing)\" CELLPADDING=\"\(cellPadding)\""
        if let align { a += " ALIGN=\"\(align)\"" }
        if let colour { a += " COLOR=\"\(colour)\"" }
        if let fill { a += " BGCOLOR=\"\(fill)\"" }
        attributes = a
    }

    mutating func row(_ cells: [TableCell]) { rows.append(cells) }

    var markup: String {
        "<TABLE \(attributes)>" + rows.map { "<TR>" + $0.map(\.markup).joined() + "</TR>" }.joined(separator: "\n") + "</TABLE>"
    }
}
