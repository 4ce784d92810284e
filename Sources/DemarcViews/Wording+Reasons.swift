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
    /// The reason of a derived cell, worded from its structured basis. A cell
    /// with no disclosure says so first.
    public func reason(_ cell: Cell, derivation: Derivation) -> ReasonWords {
        guard let entry = model.catalogue.entry(cell.entry), let offering = model.offering(cell.offering) else {
            return ReasonWords(lead: "", body: "")
        }
        let name = s(offering.label)
        var sentences: [String] = []
        var lead = ""
        if cell.act == .confirmation, let decides = cell.decides {
            sentences.append(strings("reason.confirmation", ["accountable": partyInText(decides)]))
        }
        switch cell.basis {
        case .override(let reason):
            lead = strings("reason.lead", ["offering": name])
            sentences.append(strings("reason.override", ["outcome": outcomeInSentence(cell.outcome), "reason": s(reason)]))
        case .decision:
            if cell.act == .contractTerm {
                sentences.append(
                    strings(
                        "reason.contract-term",
                        [
                            "entry": entryName(entry), "accountable": partyInText(cell.accountable),
                            "counterparty": cell.counterparty.map(partyInText) ?? partyInText(cell.accountable),
                        ]))
            } else {
                sentences.append(strings("reason.decision", ["entry": entryName(entry), "accountable": partyInText(cell.accountable)]))
            }
            if !cell.prepares.isEmpty {
                sentences.append(strings("reason.prepares", ["parties": parties(cell.prepares)]))
            }
            sentences.append(evidenceSentence(cell))
        case .rollup(let items):
            lead = strings("reason.lead", ["offering": name])
            let parts = items.compactMap { derivation.cell(entry: $0, offering: offering.id) }.map { item in
                strings("reason.rollup.item", ["item": item.entry, "outcome": outcomeList(item.outcome)])
            }
            if let decides = cell.decides {
                sentences.append(strings("reason.rollup.decides", ["entry": entry.id, "accountable": partyInText(decides)]))
            }
            sentences.append(strings("reason.rollup", ["items": parts.joined(separator: strings("reason.rollup.separator"))]))
        case .accountableByDefault:
            sentences.append(strings("reason.accountable-by-default", ["entry": entryName(entry), "accountable": partyInText(cell.accountable)]))
        case .statements:
            let parts = cell.duties.map { duty in
                strings(
                    "reason.statements.part",
                    [
                        "party": partyInText(duty.party),
                        "part": duty.topics.compactMap { topicPart($0, party: duty.party, entry: entry.id) }
                            .joined(separator: strings("reason.statements.part.separator")),
                    ])
            }
            sentences.append(
                strings("reason.statements", ["entry": entryName(entry), "parts": parts.joined(separator: strings("reason.statements.separator"))]))
        case .layers(let disclosed):
            lead = strings("reason.lead", ["offering": name])
            if !disclosed { sentences.insert(strings("reason.layers.undisclosed"), at: 0) }
            sentences.append(layersReason(cell, entry: entry, offering: offering))
        }
        // Every sentence starts with a capital ("The provider …"), the first after a lead excepted.
        let body = sentences.enumerated().map { $0.offset == 0 && !lead.isEmpty ? $0.element : capitalised($0.element) }
        return ReasonWords(lead: lead, body: body.joined(separator: strings("reason.sentence.separator")))
    }

    /// Who does it, as a short list: "the provider and the customer (shared)".
    private func outcomeList(_ outcome: Outcome) -> String {
        switch outcome {
        case .single(let p): return partyInText(p)
        case .shared(let ps): return parties(ps) + strings("outcome.shared.tag")
        case .notApplicable: return strings("not-applicable")
        }
    }

    /// 「…」（p15）によれば事業者は3か月前までに通知する / "…" (p16): the provider gives notice.
    private func topicPart(_ topicID: String, party: String, entry: String) -> String? {
        guard let topic = model.topic(topicID) else { return nil }
        let answer = model.mapping(for: entry)?.answers.first { $0.topic == topicID }
        return strings(
            "reason.topic.part",
            [
                "title": s(topic.title), "page": page(topic.source),
                "part": answer?.part(for: party).map(s) ?? strings("reason.topic.part.fallback", ["title": s(topic.title)]),
            ])
    }

    /// What the provider supplies for a decision, or that it supplies nothing.
    private func evidenceSentence(_ cell: Cell) -> String {
        guard !cell.answers.isEmpty else { return strings("reason.evidence.none") }
        let topics = cell.answers.compactMap { model.topic($0.topic) }.map { topic in
            strings("reason.evidence.topic", ["title": s(topic.title), "page": page(topic.source)])
        }
        let supplier = cell.evidence.first.map { partyInText($0.party) } ?? ""
        return strings("reason.evidence", ["party": supplier, "topics": topics.joined(separator: strings("reason.evidence.separator"))])
    }

    private func layersReason(_ cell: Cell, entry: Entry, offering: Offering) -> String {
        // Layers grouped by owner, in stack order: "hypervisor, OS and application are the customer's".
        var groups: [(Ownership, [String])] = []
        var notApplicable: [String] = []
        for item in cell.layers {
            let layer = layerLabel(item.layer)
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
            text += groups.map { ownership, names -> String in
                let key: String
                var owner = ""
                switch ownership {
                case .shared(let ps):
                    key = names.count == 1 ? "reason.layers.group.shared.one" : "reason.layers.group.shared.many"
                    owner = parties(ps)
                default:
                    key = names.count == 1 ? "reason.layers.group.party.one" : "reason.layers.group.party.many"
                    owner = ownerInSentence(ownership)
                }
                return strings(key, ["layers": list(names), "owner": owner])
            }.joined(separator: strings("reason.layers.group.separator"))
            text += strings("reason.layers.groups.end", ["page": page(offering.source)])
        }
        if !notApplicable.isEmpty {
            text +=
                (groups.isEmpty ? "" : strings("reason.layers.absent.intro"))
                + notApplicable.joined(separator: strings("reason.layers.absent.separator"))
        }
        let title = s(entry.label)
        if case .notApplicable = cell.outcome {
            text += strings("reason.layers.end.not-applicable", ["title": title])
        } else {
            text += strings("reason.layers.end", ["title": title, "outcome": outcomeInSentence(cell.outcome)])
        }
        // What each party's statement says it does, where the mapping says it: per topic, each party's part.
        for answer in cell.answers {
            guard let topic = model.topic(answer.topic) else { continue }
            let parts = cell.duties.compactMap { duty in
                answer.part(for: duty.party).map { strings("reason.layers.part.party", ["party": partyInText(duty.party), "part": s($0)]) }
            }
            guard !parts.isEmpty else { continue }
            text += strings(
                "reason.layers.part",
                [
                    "title": s(topic.title), "page": page(topic.source),
                    "parts": parts.joined(separator: strings("reason.layers.part.separator")),
                ])
        }
        // A topic that names a fixed party other than the one the layers give: evidence, not the party.
        for answer in cell.answers {
            guard let topic = model.topic(answer.topic), case .parties(let ps) = topic.responsible,
                Set(ps) != Set(cell.outcome.parties), !cell.duties.contains(where: { $0.topics.contains(answer.topic) })
            else { continue }
            text += strings("reason.layers.speaks-for", ["title": s(topic.title), "page": page(topic.source), "who": parties(ps)])
        }
        for risk in cell.risks {
            let c = risk.consideration
            if risk.applies {
                text += strings(
                    "reason.risk.applies",
                    [
                        "risk": s(c.text), "offering": s(offering.label), "tenancy": tenancy(c.appliesTo),
                        "page": page(offering.tenancySource),
                    ])
            } else if let t = offering.tenancy {
                text += strings(
                    "reason.risk.hardly",
                    [
                        "risk": s(c.text), "offering": s(offering.label), "tenancy": tenancy(t),
                        "page": page(offering.tenancySource),
                    ])
            }
        }
        return text
    }

    /// The question for the provider: the mapping's own; else what the
    /// disclosures leave unanswered; else one worded from the coverage.
    public func question(_ question: Question, cell: Cell? = nil) -> String {
        if let text = question.text { return s(text) + providerLayers(cell) }
        guard let entry = model.catalogue.entry(question.entry) else { return "" }
        let missing = (cell?.answers ?? model.mapping(for: question.entry)?.answers ?? []).compactMap(\.missing).map(s)
        if !missing.isEmpty {
            return strings("question.missing", ["entry": entryName(entry), "missing": list(missing)]) + providerLayers(cell)
        }
        let title = entryName(entry)
        let topics = (cell?.answers ?? model.mapping(for: question.entry)?.answers ?? []).compactMap { model.topic($0.topic) }
            .map { strings("quote", ["text": s($0.title)]) }
            .joined(separator: strings("question.topics.separator"))
        switch question.coverage {
        case .none: return strings("question.none", ["entry": title]) + providerLayers(cell)
        case .partial: return strings("question.partial", ["entry": title, "topics": topics])
        case .customerOnly: return strings("question.customer-only", ["entry": title, "topics": topics])
        case .full, .noProviderPart: return ""
        }
    }

    /// " (here the provider runs: hardware)" for a layered cell, so a question
    /// never asks about a layer the provider does not run in that offering.
    private func providerLayers(_ cell: Cell?) -> String {
        guard let cell, !cell.layers.isEmpty else { return "" }
        let layers = cell.layers.filter { $0.ownership.parties.contains { model.isProviderSide($0) } }.map { layerLabel($0.layer) }
        guard !layers.isEmpty else { return "" }
        return strings("question.provider-layers", ["layers": list(layers)])
    }
}
