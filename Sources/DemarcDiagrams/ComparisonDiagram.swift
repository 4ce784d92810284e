import DemarcModel

/// Diagram 2: the offerings side by side over the same layers, each column
/// with its demarcation point, and under it the number of controls each
/// party does (and the gaps); then what changes between the offerings.
public enum ComparisonDiagram {
    /// Changes listed before the rest is summarised.
    public static let maxChanges = 14

    public static func make(offerings selected: [Offering], context: DiagramContext) -> Diagram {
        var parts = Parts(context)
        let c = context
        let palette = c.palette
        let offerings = selected.isEmpty ? c.model.offerings : selected
        let id = "comparison"
        let names = offerings.map { c.s($0.label) }.joined(separator: c.t("・", " / "))
        let title = c.t("提供形態の比較：\(names)", "Offerings compared: \(names)")
        parts.record(palette.text, on: palette.background, .text, "title")

        var table = Table(cellBorder: 0, cellSpacing: 0, cellPadding: 5, colour: palette.line)
        var header: [Cell] = [.text(c.t("階層", "Layer"), colour: palette.text, bold: true, align: "LEFT")]
        for offering in offerings {
            header.append(.text(c.s(offering.name), colour: palette.text, bold: true).with("BORDER", "1").with("SIDES", "B"))
        }
        table.row(header)
        let lines = offerings.map { Set(Parts.demarcations($0, layers: c.model.layers, parties: c.model.parties)) }
        for (index, layer) in c.model.layers.enumerated().reversed() {
            if index < c.model.layers.count - 1 {
                // A thin band between this layer and the one above: red where that column's demarcation lies.
                var band: [Cell] = [Cell(content: "").with("HEIGHT", "4")]
                for (column, _) in offerings.enumerated() {
                    if lines[column].contains(index) {
                        band.append(parts.demarcationBand().withoutColspan())
                    } else {
                        band.append(Cell(content: "").with("HEIGHT", "4"))
                    }
                }
                table.row(band)
            }
            var row: [Cell] = [.text(Wrap.lines(c.s(layer.name), limit: 30), colour: palette.text, align: "LEFT").with("BALIGN", "LEFT")]
            for offering in offerings {
                let ownership = offering.owners[layer.id] ?? .notApplicable(reason: Text(ja: "", en: ""))
                let (fill, ink) = parts.colours(of: ownership)
                var content: String
                switch ownership {
                case .party(let p): content = parts.partyNames([p], on: fill)
                case .shared(let ps): content = parts.partyNames(ps, on: fill) + Cell.styled(DOT.html(c.t("（共同）", " (shared)")), colour: palette.text, size: 9)
                case .notApplicable: content = Cell.styled(DOT.html(c.t("該当なし", "not applicable")), colour: ink, bold: true)
                }
                if offering.id != offerings[0].id, offerings[0].owners[layer.id] != ownership {
                    parts.record(palette.text, on: fill, .text, "changed mark")
                    content += Cell.styled(DOT.html(c.t(" ◀ 変化", " ◀ differs")), colour: palette.text, size: 8)
                }
                row.append(Cell.markup(content, fill: fill).with("BORDER", "1"))
            }
            table.row(row)
        }
        // Counts per column.
        table.row([.text(c.t("対策の実施主体（件数）", "Controls done by (count)"), colour: palette.text, bold: true, align: "LEFT")]
                  + offerings.map { _ in Cell(content: "") })
        let cellsByOffering = offerings.map { offering in
            c.derivation.cells(offering: offering.id).filter { cell in
                if case .rollup = cell.basis { return false }
                return true
            }
        }
        for party in c.model.parties {
            var row: [Cell] = [.markup(parts.partyNames([party.id], on: palette.background), align: "LEFT")]
            for cells in cellsByOffering {
                let n = cells.filter { $0.outcome == .single(party.id) }.count
                row.append(.text(c.t("\(n) 件", "\(n)"), colour: palette.text))
            }
            table.row(row)
        }
        let countRows: [(String, (DemarcModel.Cell) -> Bool, Bool)] = [
            (c.t("分担", "shared"), { $0.outcome.parties.count > 1 }, false),
            (c.t("開示なし（ギャップ）", "no disclosure (gap)"), { $0.coverage == .none }, true),
            (c.t("開示が一部・利用者任せ", "partial or customer's job"), { $0.coverage == .partial || $0.coverage == .customerOnly }, false),
        ]
        for (label, test, isGap) in countRows {
            let colour = isGap ? palette.gap : palette.text
            parts.record(colour, on: palette.background, .text, "count \(label)")
            var row: [Cell] = [.text((isGap ? "✕ " : "") + label, colour: colour, bold: isGap, align: "LEFT")]
            for cells in cellsByOffering {
                row.append(.text(c.t("\(cells.filter(test).count) 件", "\(cells.filter(test).count)"), colour: colour, bold: isGap))
            }
            table.row(row)
        }

        // What changes relative to the first column.
        var changes = Table(cellBorder: 0, cellPadding: 2, align: "LEFT")
        if offerings.count > 1 {
            changes.row([.text(c.t("提供形態によって実施主体が変わる対策", "Controls whose doer changes with the offering"), colour: palette.text, bold: true, align: "LEFT")])
            var listed = 0, more = 0
            for entry in c.model.catalogue.entries {
                let outcomes = offerings.map { c.derivation.cell(entry: entry.id, offering: $0.id)!.outcome }
                guard Set(outcomes).count > 1, !(c.model.catalogue.children(of: entry.id).isEmpty == false && entry.kind == .basicMeasure) else { continue }
                if listed >= maxChanges { more += 1; continue }
                listed += 1
                var line = "\(DOT.html(entry.id)) \(DOT.html(c.s(entry.label)))\(c.t("：", ": "))"
                // Offerings grouped by outcome, in column order: compact however many columns there are.
                var groups: [(Outcome, [String])] = []
                for (offering, outcome) in zip(offerings, outcomes) {
                    if let i = groups.firstIndex(where: { $0.0 == outcome }) { groups[i].1.append(c.s(offering.label)) }
                    else { groups.append((outcome, [c.s(offering.label)])) }
                }
                line += groups.map { outcome, names in
                    parts.outcome(outcome, on: palette.background)
                        + Cell.styled(DOT.html(c.t("（\(names.joined(separator: "・"))）", " (\(names.joined(separator: ", ")))")), colour: palette.text, size: 8)
                }.joined(separator: Cell.styled(DOT.html(c.t("　／　", "  /  ")), colour: palette.text))
                changes.row([.markup(Cell.styled(line, colour: palette.text, size: 9), align: "LEFT")])
            }
            if listed == 0 {
                changes.row([.text(c.t("実施主体の違いはない", "No control changes hands"), colour: palette.text, size: 9, align: "LEFT")])
            }
            if more > 0 {
                parts.record(palette.mutedText, on: palette.background, .text, "more")
                changes.row([.text(c.t("…ほか \(more) 件", "… and \(more) more"), colour: palette.mutedText, size: 9, align: "LEFT")])
            }
        }

        var outer = Table(cellBorder: 0, cellPadding: 6)
        outer.row([.text(title, colour: palette.text, bold: true, size: 15, align: "LEFT")])
        outer.row([.markup(table.markup)])
        if offerings.count > 1 { outer.row([.markup(changes.markup, align: "LEFT")]) }
        outer.row([.markup(parts.legend().markup, align: "LEFT")])
        outer.row([parts.caption()])

        var dot = c.header(id: id, title: title)
        dot += "  diagram [label=<\(outer.markup)>];\n}\n"
        let description = c.t(
            "\(names)の責任分界の比較（下層から）— " + offerings.map { o in "\(c.s(o.label))：" + c.model.layers.map { "\(c.s($0.label)) \(OfferingDiagram.ownerWords(o.owners[$0.id] ?? .notApplicable(reason: ""), c))" }.joined(separator: "、") }.joined(separator: "／") + "。\(c.caption)",
            "Demarcation compared, bottom to top — " + offerings.map { o in "\(c.s(o.label)): " + c.model.layers.map { "\(c.s($0.label)) \(OfferingDiagram.ownerWords(o.owners[$0.id] ?? .notApplicable(reason: ""), c))" }.joined(separator: ", ") }.joined(separator: "; ") + ". \(c.caption)")
        return Diagram(id: id, kind: .comparison, language: c.language, title: title, description: description, dot: dot, contrast: parts.contrast)
    }
}

extension Cell {
    func withoutColspan() -> Cell {
        var copy = self
        copy.attributes.removeAll { $0.0 == "COLSPAN" }
        return copy
    }
}
