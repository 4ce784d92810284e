import DemarcModel

/// One catalogue entry across offerings: its text, who does it in each
/// offering and behind which layers, who is accountable, the disclosures
/// that answer it, what to ask the provider, and why.
public struct ControlView: Sendable {
    public struct Row: Sendable, Hashable {
        public var offering: String
        public var label: String
        public var name: String
        public var marks: LayerMarks
        public var outcome: OutcomeView
        public var accountable: PartyView
        public var coverage: CoverageView
    }

    public struct Answer: Sendable, Hashable {
        public var coverage: CoverageView
        /// "● Certifications and SOC reports (p15)".
        public var line: String
        /// "covered・the source's arrow".
        public var detail: String
    }

    public struct Reason: Sendable, Hashable {
        /// The offering it is for, or "all offerings" when it is the same everywhere.
        public var label: String
        public var text: String
    }

    public var entry: String
    public var slug: String
    public var title: String
    /// "basic measure (under 4.1.4(1)(d))".
    public var kind: String
    public var text: String
    public var parameters: [String]
    public var layerLabels: [String]
    public var rows: [Row]
    public var answersTitle: String
    /// Said when nothing answers the entry (a gap).
    public var noAnswer: String?
    public var answers: [Answer]
    public var askLabel: String
    /// What to ask the provider, once each.
    public var questions: [String]
    public var reasons: [Reason]
    public var legend: LegendView
    public var caption: String
    public var description: String
}

extension Views {
    public func control(_ entry: Entry, offerings selected: [Offering] = []) -> ControlView {
        let offerings = selected.isEmpty ? model.offerings : selected
        let title = "\(entry.id) \(s(entry.label))"
        let kind =
            entry.parent.map { words("control.kind.under", ["kind": words.kindLabel(entry.kind), "parent": $0]) }
            ?? words.kindLabel(entry.kind)
        let parameters = entry.parameters.map { words("control.parameter", ["name": s($0.name), "value": s($0.value)]) }
        var rows: [ControlView.Row] = []
        var reasons: [ControlView.Reason] = []
        var questions: [String] = []
        var summary: [String] = []
        var shown: Set<String> = []
        for offering in offerings {
            guard let cell = derivation.cell(entry: entry.id, offering: offering.id) else { continue }
            shown.formUnion(cell.outcome.parties + [cell.accountable] + cell.layers.flatMap(\.ownership.parties))
            rows.append(
                ControlView.Row(
                    offering: offering.id, label: s(offering.label), name: s(offering.name), marks: layerMarks(cell),
                    outcome: outcome(cell), accountable: party(cell.accountable), coverage: coverage(cell.coverage)))
            reasons.append(ControlView.Reason(label: s(offering.label), text: reason(cell).body))
            if let question = derivation.question(for: cell) {
                let text = words.question(question)
                if !questions.contains(text) { questions.append(text) }
            }
            summary.append(
                words(
                    "control.description.offering",
                    [
                        "offering": s(offering.label), "owner": words.outcomeWords(cell.outcome), "coverage": words.coverageWord(cell.coverage),
                    ]))
        }
        // The same reason for every offering (organisational entries) is said once.
        if reasons.count > 1, Set(reasons.map(\.text)).count == 1 {
            reasons = [ControlView.Reason(label: words("control.all-offerings"), text: reasons[0].text)]
        }
        let mapped = model.mapping(for: entry.id)?.answers ?? []
        let answers = mapped.compactMap { answer -> ControlView.Answer? in
            guard let topic = model.topic(answer.topic) else { return nil }
            let c = coverage(answer.coverage)
            return ControlView.Answer(
                coverage: c,
                line: words(
                    "control.answer",
                    [
                        "symbol": c.symbol, "title": s(topic.title),
                        "page": topic.source.page.map { words("control.answer.page", ["page": String($0)]) } ?? "",
                    ]),
                detail: words("control.answer.detail", ["coverage": c.word, "basis": words.basisWord(answer.basis)]))
        }
        let accountable = words.partyLabel(derivation.accountable)
        let description = words(
            "control.description",
            [
                "title": title, "offerings": summary.joined(separator: words("control.description.separator")), "accountable": accountable,
                "caption": words.caption,
            ])
        return ControlView(
            entry: entry.id, slug: entry.slug, title: title, kind: kind, text: s(entry.text), parameters: parameters,
            layerLabels: model.layers.map { s($0.label) }, rows: rows, answersTitle: words("control.answers.title"),
            noAnswer: mapped.isEmpty ? words("control.no-answer") : nil, answers: answers, askLabel: words("control.ask"),
            questions: questions, reasons: reasons, legend: legend(parties: shown), caption: words.caption, description: description)
    }
}
