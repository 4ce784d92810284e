import DemarcModel

/// Diagram 3: one catalogue entry — its result in each offering, the layers
/// behind it and their owners, the accountable party, the coverage by the
/// provider's disclosures, and why.
public enum ControlDiagram {
    public static func make(_ entry: Entry, offerings selected: [Offering] = [], context: DiagramContext) -> Diagram {
        var parts = Parts(context)
        let c = context
        let palette = c.palette
        let offerings = selected.isEmpty ? c.model.offerings : selected
        let id = "control-\(entry.slug)"
        let title = "\(entry.id) \(c.s(entry.label))"
        parts.record(palette.text, on: palette.background, .text, "title")
        parts.record(palette.mutedText, on: palette.background, .text, "muted")

        var head = Table(cellBorder: 0, cellPadding: 3, align: "LEFT")
        head.row([.text(title, colour: palette.text, bold: true, size: 15, align: "LEFT")])
        let kind = c.s(entry.kind.label) + (entry.parent.map { c.t("（上位: \($0)）", " (under \($0))") } ?? "")
        head.row([.text(kind, colour: palette.mutedText, size: 9, align: "LEFT")])
        head.row([.text(Wrap.lines(c.s(entry.text), limit: 110), colour: palette.text, size: 10, align: "LEFT").with("BALIGN", "LEFT")])
        for p in entry.parameters {
            head.row([.text(c.t("パラメータ：\(c.s(p.name))　\(c.s(p.value))", "Parameter: \(c.s(p.name)): \(c.s(p.value))"), colour: palette.text, size: 9, align: "LEFT")])
        }

        let layers = c.model.layers
        var table = Table(cellBorder: 1, cellPadding: 4, colour: palette.line)
        parts.record(palette.line, on: palette.background, .graphic, "borders")
        var header: [Cell] = [.text(c.t("提供形態", "Offering"), colour: palette.text, bold: true, align: "LEFT")]
        for layer in layers { header.append(.text(c.s(layer.label), colour: palette.text, bold: true, size: 8)) }
        header += [.text(c.t("実施", "Done by"), colour: palette.text, bold: true),
                   .text(c.t("説明責任", "Accountable"), colour: palette.text, bold: true),
                   .text(c.t("開示", "Disclosure"), colour: palette.text, bold: true)]
        table.row(header)
        var reasons = Table(cellBorder: 0, cellPadding: 2, align: "LEFT")
        var reasonTexts: [(label: String, text: String)] = []
        for offering in offerings {
            guard let cell = c.derivation.cell(entry: entry.id, offering: offering.id) else { continue }
            let href = c.links.href(toDiagram: "offering-\(offering.id)", language: c.language)
            var row: [Cell] = [Cell.text(c.s(offering.label), colour: palette.text, bold: true, align: "LEFT")
                .linked(href, tooltip: c.s(offering.name), id: "\(id)-offering-\(offering.id)")]
            row += parts.layerCells(cell, offering: offering, mark: .words)
            row.append(.markup(parts.outcome(cell.outcome, on: palette.background), align: "LEFT"))
            row.append(.markup(parts.partyNames([cell.accountable], on: palette.background, bold: false)))
            row.append(.markup(parts.coverage(cell.coverage, on: palette.background), align: "LEFT"))
            table.row(row)
            // Reasons about layers start with the offering's name already.
            var text = c.s(cell.reason)
            for prefix in [c.s(offering.label) + ": ", c.s(offering.label) + "：", c.s(offering.label) + "では、"] where text.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count))
            }
            reasonTexts.append((c.s(offering.label), text))
        }
        // The same reason for every offering (organisational entries) is said once.
        if reasonTexts.count > 1, Set(reasonTexts.map(\.text)).count == 1 {
            reasonTexts = [(c.t("全提供形態", "All offerings"), reasonTexts[0].text)]
        }
        for (label, text) in reasonTexts {
            let reason = Cell.styled(DOT.html(label + c.t("：", ": ")), colour: palette.text, bold: true, size: 9)
                + Cell.styled(DOT.html(Wrap.lines(text, limit: 120)), colour: palette.text, size: 9)
            reasons.row([.markup(reason, align: "LEFT").with("BALIGN", "LEFT")])
        }
        // The disclosures that answer it.
        let mapping = c.model.mapping(for: entry.id)
        var topics = Table(cellBorder: 0, cellPadding: 2, align: "LEFT")
        topics.row([.text(c.t("事業者の開示", "The provider's disclosures"), colour: palette.text, bold: true, align: "LEFT")])
        let answers = mapping?.answers ?? []
        if answers.isEmpty {
            parts.record(palette.gap, on: palette.background, .text, "gap")
            topics.row([.text(c.t("✕ 開示なし（ギャップ）", "✕ none (a gap)"), colour: palette.gap, bold: true, align: "LEFT")])
        }
        for answer in answers {
            guard let topic = c.model.topic(answer.topic) else { continue }
            let page = topic.source.page.map { " (p\($0))" } ?? ""
            let basis = answer.basis == .source ? c.t("出典の矢印", "source's arrow") : c.t("モデル作成者の解釈", "modeller's interpretation")
            let line = Cell.styled(DOT.html("\(Parts.symbol(answer.coverage)) \(c.s(topic.title))\(page)"), colour: palette.text, size: 9)
                + Cell.styled(DOT.html("　\(parts.coverageWord(answer.coverage))・\(basis)"), colour: palette.mutedText, size: 8)
            topics.row([.markup(line, align: "LEFT")])
        }

        // Where coverage is short: what the agency should ask the provider (once if the same everywhere).
        let questions = offerings.compactMap { o in c.derivation.cell(entry: entry.id, offering: o.id).flatMap { c.derivation.question(for: $0) } }
        var seen: Set<String> = []
        for question in questions where seen.insert(c.s(question)).inserted {
            topics.row([.markup(Cell.styled(DOT.html(c.t("事業者への確認：", "Ask the provider: ")), colour: palette.text, bold: true, size: 9)
                                + Cell.styled(DOT.html(Wrap.lines(c.s(question), limit: 110)), colour: palette.text, size: 9), align: "LEFT")
                            .with("BALIGN", "LEFT")])
        }

        var outer = Table(cellBorder: 0, cellPadding: 6)
        outer.row([.markup(head.markup, align: "LEFT")])
        outer.row([.markup(table.markup, align: "LEFT")])
        outer.row([.markup(topics.markup, align: "LEFT")])
        outer.row([.markup(reasons.markup, align: "LEFT")])
        outer.row([.markup(parts.legend().markup, align: "LEFT")])
        outer.row([parts.caption()])
        var dot = c.header(id: id, title: title)
        dot += "  diagram [label=<\(outer.markup)>];\n}\n"

        let summary = offerings.compactMap { o -> String? in
            guard let cell = c.derivation.cell(entry: entry.id, offering: o.id) else { return nil }
            return "\(c.s(o.label))：\(OfferingDiagram.ownerWords(.init(cell.outcome), c))（\(parts.coverageWord(cell.coverage))）"
        }
        let description = c.t("\(title)の実施主体 — \(summary.joined(separator: "、"))。説明責任は\(c.s(c.model.party(c.derivation.accountable)?.label))。\(c.caption)",
                              "Who does \(title) — \(summary.joined(separator: "; ")). Accountable: \(c.s(c.model.party(c.derivation.accountable)?.label)). \(c.caption)")
        return Diagram(id: id, kind: .control, language: c.language, title: title, description: description, dot: dot, contrast: parts.contrast)
    }
}

extension Ownership {
    init(_ outcome: Outcome) {
        switch outcome {
        case .single(let p): self = .party(p)
        case .shared(let ps): self = .shared(ps)
        case .notApplicable: self = .notApplicable(reason: Text(ja: "", en: ""))
        }
    }
}
