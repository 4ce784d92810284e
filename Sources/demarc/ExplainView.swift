import DemarcModel

/// The terminal view of `demarc explain`: one block per entry, one section
/// per offering, plain text that reads well in a terminal and in a log.
struct ExplainView {
    let model: Model
    let derivation: Derivation
    let language: Language

    func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }
    func s(_ text: Text?) -> String { text?.string(language) ?? "" }

    func party(_ id: String) -> String {
        guard let p = model.party(id) else { return id }
        return "\(s(p.label)) [\(p.id)]"
    }

    func outcome(_ outcome: Outcome) -> String {
        switch outcome {
        case .single(let p): return party(p)
        case .shared(let ps): return t("分担: ", "shared: ") + ps.map(party).joined(separator: " + ")
        case .notApplicable: return t("該当なし", "not applicable")
        }
    }

    /// "    label:   value", values aligned whatever the label's language
    /// (a Japanese character takes two columns in a terminal).
    func field(_ ja: String, _ en: String, _ value: String) -> String {
        let label = t(ja, en) + ":"
        let width = label.reduce(0) { $0 + (($1.unicodeScalars.first?.value ?? 0) >= 0x1100 ? 2 : 1) }
        return "    " + label + String(repeating: " ", count: max(1, 18 - width)) + value
    }

    func page(_ ref: SourceRef?) -> String { ref?.page.map { " (p\($0))" } ?? "" }

    func render(entry: Entry, offerings: [Offering]) -> String {
        var out: [String] = []
        let parent = entry.parent.map { t("、上位: \($0)", ", under \($0)") } ?? ""
        out.append("\(entry.id)  \(s(entry.label))")
        out.append("  \(s(entry.kind.label))\(parent)\(page(entry.source))")
        out.append("  " + s(entry.text))
        if !entry.parameters.isEmpty {
            for p in entry.parameters {
                out.append("  " + t("パラメータ", "parameter") + ": \(s(p.name)) = \(s(p.value)) (\(p.strength.rawValue))")
            }
        }
        for demand in entry.demands {
            out.append("  " + t("記載先", "write into") + " \(s(demand.into.label)): \(s(demand.text))")
        }
        let mapping = model.mapping(for: entry.id)
        if let scope = mapping?.scope {
            switch scope {
            case .organisational: out.append("  " + t("範囲: 組織・契約", "scope: organisational"))
            case .layers(let ids):
                out.append("  " + t("範囲", "scope") + ": " + ids.map { s(model.layer($0)?.name) }.joined(separator: ", ")
                           + (mapping?.scopeBasis == .interpretation ? t("（モデル作成者の解釈）", " (modeller's interpretation)") : ""))
            }
        }
        for offering in offerings {
            guard let cell = derivation.cell(entry: entry.id, offering: offering.id) else { continue }
            out.append("")
            out.append("  ■ \(s(offering.name)) [\(offering.id)]")
            out.append(field("実施", "does", outcome(cell.outcome)))
            out.append(field("説明責任", "accountable", party(cell.accountable)))
            if !cell.layers.isEmpty {
                let layers = cell.layers.map { item -> String in
                    let owner: String
                    switch item.ownership {
                    case .party(let p): owner = s(model.party(p)?.label)
                    case .shared(let ps): owner = ps.map { s(model.party($0)?.label) }.joined(separator: "+")
                    case .notApplicable: owner = t("該当なし", "n/a")
                    }
                    return "\(item.layer)→\(owner)"
                }
                out.append(field("階層", "layers", layers.joined(separator: ", ")))
            }
            out.append(field("開示", "coverage", s(cell.coverage.label)))
            for answer in cell.answers {
                guard let topic = model.topic(answer.topic) else { continue }
                let basis = answer.basis == .source ? t("出典の矢印", "source's arrow") : t("解釈", "interpretation")
                out.append("      - \(s(topic.title))\(page(topic.source)) [\(topic.id)]: \(s(answer.coverage.label)), \(basis)")
                out.append("        " + s(topic.statement(for: offering.id)) + (topic.sic ? " [sic]" : ""))
                if let note = answer.note { out.append("        " + t("注: ", "note: ") + s(note)) }
                for evidence in topic.evidence {
                    var line = "        " + t("根拠", "evidence") + ": \(s(evidence.kind.label)) — \(s(evidence.title))"
                    if let reference = evidence.reference { line += "; \(reference)" }
                    if let url = evidence.url { line += " <\(url)>" }
                    if let until = evidence.validUntil { line += t("（\(until) まで有効）", " (valid until \(until))") }
                    out.append(line)
                }
            }
            if cell.coverage != .full, let question = mapping?.question {
                out.append(field("事業者への確認", "ask the provider", s(question)))
            }
            out.append(field("理由", "why", s(cell.reason)))
        }
        return out.joined(separator: "\n") + "\n"
    }
}
