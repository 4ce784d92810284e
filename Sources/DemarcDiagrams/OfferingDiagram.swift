import DemarcModel

/// Requirements with their basic measures and example items below them, in
/// catalogue order (depth first).
func entryGroups(_ catalogue: Catalogue) -> [(requirement: Entry, members: [Entry])] {
    var children: [String: [Entry]] = [:]
    for entry in catalogue.entries { if let p = entry.parent { children[p, default: []].append(entry) } }
    let ids = Set(catalogue.entries.map(\.id))
    let roots = catalogue.entries.filter { $0.parent == nil || !ids.contains($0.parent!) }
    return roots.map { root in
        var members: [Entry] = []
        var seen: Set<String> = [root.id]
        func walk(_ id: String) {
            for child in children[id] ?? [] where !seen.contains(child.id) {
                seen.insert(child.id)
                members.append(child)
                walk(child.id)
            }
        }
        walk(root.id)
        return (root, members)
    }
}

/// Diagram 1: one offering's stack with the demarcation point, and beside it
/// the controls grouped under their requirement, each with the layers in its
/// scope marked, who does it, and how far disclosures cover it.
public enum OfferingDiagram {
    /// Rows shown per requirement before the rest is summarised.
    public static let rowsPerGroup = 12
    /// Rows shown in all before the rest is summarised.
    public static let maxRows = 60

    public static func make(_ offering: Offering, context: DiagramContext) -> Diagram {
        var parts = Parts(context)
        let c = context
        let id = "offering-\(offering.id)"
        let title = c.t("\(c.s(offering.name))：責任分界点と対策の実施主体", "\(c.s(offering.name)): demarcation point and who does each control")
        let cells = Dictionary(c.derivation.cells(offering: offering.id).map { ($0.entry, $0) }, uniquingKeysWith: { a, _ in a })

        var controls = Table(cellBorder: 1, cellPadding: 3, colour: c.palette.line)
        let layers = c.model.layers
        var header: [Cell] = [
            .text(c.t("項目", "Control"), colour: c.palette.text, bold: true, align: "LEFT", colspan: 2),
        ]
        for layer in layers { header.append(.text(c.s(layer.label), colour: c.palette.text, bold: true, size: 8)) }
        header.append(.text(c.t("実施", "Done by"), colour: c.palette.text, bold: true))
        header.append(.text(c.t("開示", "Disclosure"), colour: c.palette.text, bold: true))
        controls.row(header)
        parts.record(c.palette.text, on: c.palette.background, .text, "table header")

        var shown = 0
        var hidden: [Cell] = []
        var hiddenCells: [DemarcModel.Cell] = []
        for group in entryGroups(c.model.catalogue) {
            var rows = 0
            for entry in [group.requirement] + group.members {
                guard let cell = cells[entry.id] else { continue }
                if rows >= rowsPerGroup || shown >= maxRows {
                    hiddenCells.append(cell)
                    continue
                }
                controls.row(row(entry: entry, cell: cell, depth: entry.id == group.requirement.id ? 0 : depth(entry, c.model.catalogue),
                                 parts: &parts))
                rows += 1
                shown += 1
            }
        }
        if !hiddenCells.isEmpty {
            hidden = [summaryCell(hiddenCells, parts: &parts, span: layers.count + 4)]
            controls.row(hidden)
        }

        var outer = Table(cellBorder: 0, cellPadding: 6)
        outer.row([.text(title, colour: c.palette.text, bold: true, size: 15, align: "LEFT", colspan: 2)])
        parts.record(c.palette.text, on: c.palette.background, .text, "title")
        let stack = parts.stack(offering, title: false)
        var left = Table(cellBorder: 0, cellPadding: 0)
        left.row([.markup(stack.markup)])
        left.row([Cell(content: "").with("HEIGHT", "12")])
        left.row([.markup(parts.legend().markup, align: "LEFT")])
        outer.row([.markup(left.markup).with("VALIGN", "TOP"), .markup(controls.markup).with("VALIGN", "TOP").with("ROWSPAN", "1")])
        outer.row([parts.caption().with("COLSPAN", "2")])

        let description = describe(offering, context: c)
        var dot = c.header(id: id, title: title)
        dot += "  diagram [label=<\(outer.markup)>];\n}\n"
        return Diagram(id: id, kind: .offering, language: c.language, title: title, description: description,
                       dot: dot, contrast: parts.contrast)
    }

    static func depth(_ entry: Entry, _ catalogue: Catalogue) -> Int {
        var depth = 0
        var current = entry
        var seen: Set<String> = []
        while let p = current.parent, let parent = catalogue.entry(p), !seen.contains(p) {
            seen.insert(p)
            depth += 1
            current = parent
        }
        return depth
    }

    static func row(entry: Entry, cell: DemarcModel.Cell, depth: Int, parts: inout Parts) -> [Cell] {
        let c = parts.context
        let indent = String(repeating: "　", count: depth)
        let href = c.links.href(toDiagram: "control-\(entry.slug)", language: c.language)
        let idCell = Cell.text(indent + entry.id, colour: c.palette.text, bold: depth == 0, size: 9, align: "LEFT")
            .linked(href, tooltip: "\(entry.id) \(c.s(entry.label))", id: "\(cell.offering)-entry-\(entry.slug)")
        var cells: [Cell] = [idCell, .text(c.s(entry.label), colour: c.palette.text, bold: depth == 0, size: 9, align: "LEFT")]
        cells += parts.layerCells(cell, offering: c.model.offering(cell.offering)!, mark: .symbol)
        cells.append(.markup(parts.outcome(cell.outcome, on: c.palette.background), align: "LEFT"))
        cells.append(.markup(parts.coverage(cell.coverage, on: c.palette.background), align: "LEFT"))
        return cells
    }

    static func ownerWords(_ ownership: Ownership, _ c: DiagramContext) -> String {
        switch ownership {
        case .party(let p): return c.s(c.model.party(p)?.label)
        case .shared(let ps): return ps.map { c.s(c.model.party($0)?.label) }.joined(separator: "＋")
        case .notApplicable(let reason): return c.t("該当なし（\(c.s(reason))）", "not applicable (\(c.s(reason)))")
        }
    }

    /// "… and 940 more: provider 300, customer 500, shared 140; 80 gaps".
    static func summaryCell(_ cells: [DemarcModel.Cell], parts: inout Parts, span: Int) -> Cell {
        let c = parts.context
        var counts: [String: Int] = [:]
        var shared = 0, gaps = 0
        for cell in cells {
            if cell.outcome.parties.count > 1 { shared += 1 } else if let p = cell.outcome.parties.first { counts[p, default: 0] += 1 }
            if cell.coverage == .none { gaps += 1 }
        }
        var pieces = c.model.parties.compactMap { p in counts[p.id].map { "\(c.s(p.label)) \($0)" } }
        if shared > 0 { pieces.append(c.t("分担 \(shared)", "shared \(shared)")) }
        let text = c.t("…ほか \(cells.count) 件（\(pieces.joined(separator: "・"))／開示なし \(gaps)）。各項目の図を参照。",
                       "… and \(cells.count) more (\(pieces.joined(separator: ", ")); \(gaps) gaps). See each control's diagram.")
        parts.record(c.palette.mutedText, on: c.palette.background, .text, "summary")
        return .text(text, colour: c.palette.mutedText, size: 9, align: "LEFT", colspan: span)
    }

    /// The SVG description: the stack in words, bottom to top, and the counts.
    static func describe(_ offering: Offering, context c: DiagramContext) -> String {
        let layers = c.model.layers.map { layer -> String in
            "\(c.s(layer.name)): \(offering.owners[layer.id].map { ownerWords($0, c) } ?? "?")"
        }
        let cells = c.derivation.cells(offering: offering.id)
        let gaps = cells.filter { $0.coverage == .none }.count
        return c.t("\(c.s(offering.name))の責任分界（下層から）— \(layers.joined(separator: "、"))。対策 \(cells.count) 件、うち開示なし \(gaps) 件。\(c.caption)",
                   "Demarcation of \(c.s(offering.name)), bottom to top — \(layers.joined(separator: "; ")). \(cells.count) controls, \(gaps) with no disclosure. \(c.caption)")
    }
}
