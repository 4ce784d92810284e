import DemarcModel

/// Why a cell came out as it did, in words: an optional lead naming the
/// offering and the body. Explanations show both; a diagram that already
/// names the offering in the row shows the body.
public struct ReasonWords: Sendable, Hashable {
    public var lead: String
    public var body: String
    public var full: String { lead + body }
}

extension Wording {
    /// The reason of a derived cell, worded from its structured basis.
    public func reason(_ cell: Cell, derivation: Derivation) -> ReasonWords {
        guard let entry = model.catalogue.entry(cell.entry), let offering = model.offering(cell.offering) else {
            return ReasonWords(lead: "", body: "")
        }
        let name = s(offering.label)
        switch cell.basis {
        case .override(let reason):
            return ReasonWords(lead: strings("reason.lead", ["offering": name]),
                               body: strings("reason.override", ["outcome": outcomeInSentence(cell.outcome), "reason": s(reason)]))
        case .rollup(let items):
            let parts = items.compactMap { derivation.cell(entry: $0, offering: offering.id) }.map { item in
                strings("reason.rollup.item", ["item": item.entry, "outcome": outcomeInSentence(item.outcome)])
            }
            return ReasonWords(lead: strings("reason.lead", ["offering": name]),
                               body: strings("reason.rollup", ["entry": entry.id, "count": String(items.count),
                                                               "items": parts.joined(separator: strings("reason.rollup.separator")),
                                                               "outcome": outcomeInSentence(cell.outcome)]))
        case .accountableByDefault:
            return ReasonWords(lead: "", body: strings("reason.accountable-by-default",
                                                       ["entry": entryName(entry), "accountable": partyLabel(cell.accountable)]))
        case .organisational(let topicIDs):
            let topics = topicIDs.compactMap { id -> String? in
                guard let topic = model.topic(id), case .parties(let ps) = topic.responsible else { return nil }
                return strings("reason.organisational.topic", ["title": s(topic.title), "page": page(topic.source), "who": parties(ps)])
            }
            return ReasonWords(lead: "", body: strings("reason.organisational", [
                "entry": entryName(entry), "topics": topics.joined(separator: strings("reason.organisational.separator")),
                "outcome": outcomeInSentence(cell.outcome),
            ]))
        case .layers:
            return ReasonWords(lead: strings("reason.layers.lead", ["offering": name]),
                               body: layersReason(cell, entry: entry, offering: offering))
        }
    }

    private func layersReason(_ cell: Cell, entry: Entry, offering: Offering) -> String {
        // Layers grouped by owner, in stack order: "hypervisor, OS and application are the customer's".
        var groups: [(Ownership, [String])] = []
        var notApplicable: [String] = []
        for item in cell.layers {
            let layer = layerName(item.layer)
            if case .notApplicable(let reason) = item.ownership {
                notApplicable.append(strings("reason.layers.absent", ["layer": layer, "reason": s(reason)]))
            } else if let index = groups.firstIndex(where: { $0.0 == item.ownership }) {
                groups[index].1.append(layer)
            } else {
                groups.append((item.ownership, [layer]))
            }
        }
        var text = ""
        if !groups.isEmpty {
            text += groups.map { ownership, names in
                strings(names.count == 1 ? "reason.layers.group.one" : "reason.layers.group.many",
                        ["layers": list(names), "owner": ownerInSentence(ownership)])
            }.joined(separator: strings("reason.layers.group.separator"))
            text += strings("reason.layers.groups.end", ["page": page(offering.source)])
        }
        if !notApplicable.isEmpty {
            text += (groups.isEmpty ? "" : strings("reason.layers.absent.intro"))
                + notApplicable.joined(separator: strings("reason.layers.absent.separator"))
        }
        let title = s(entry.label)
        if case .notApplicable = cell.outcome {
            text += strings("reason.layers.end.not-applicable", ["title": title])
        } else {
            text += strings("reason.layers.end", ["title": title, "outcome": outcomeInSentence(cell.outcome)])
        }
        // A topic that names a fixed party other than the one the layers give: evidence, not the party.
        for answer in cell.answers {
            guard let topic = model.topic(answer.topic), case .parties(let ps) = topic.responsible,
                  Set(ps) != Set(cell.outcome.parties) else { continue }
            text += strings("reason.layers.speaks-for", ["title": s(topic.title), "page": page(topic.source), "who": parties(ps)])
        }
        for risk in cell.risks {
            let c = risk.consideration
            if risk.applies {
                text += strings("reason.risk.applies", ["risk": s(c.text), "tenancy": tenancy(c.appliesTo),
                                                        "page": page(offering.tenancySource)])
            } else if let t = offering.tenancy {
                text += strings("reason.risk.hardly", ["risk": s(c.text), "offering": s(offering.label), "tenancy": tenancy(t),
                                                       "page": page(offering.tenancySource)])
            }
        }
        return text
    }

    /// The question for the provider: the mapping's own, or one worded from the coverage.
    public func question(_ question: Question) -> String {
        if let text = question.text { return s(text) }
        guard let entry = model.catalogue.entry(question.entry) else { return "" }
        let mapping = model.mapping(for: question.entry)
        let title = entryName(entry)
        let topics = (mapping?.answers ?? []).compactMap { model.topic($0.topic) }
            .map { strings("quote", ["text": s($0.title)]) }
            .joined(separator: strings("question.topics.separator"))
        switch question.coverage {
        case .none: return strings("question.none", ["entry": title])
        case .partial: return strings("question.partial", ["entry": title, "topics": topics])
        case .customerOnly: return strings("question.customer-only", ["entry": title, "topics": topics])
        case .full: return ""
        }
    }
}
