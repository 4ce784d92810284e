import DemarcModel

/// Plain-text layouts for the terminal and for text files: `explain` (one
/// block per entry, one section per offering) and `obligations` (per
/// offering and customer-side party). Reads well in a terminal and a log.
extension Views {
    /// "    label:   value", values aligned whatever the label's language
    /// (a Japanese character takes two columns in a terminal).
    private func field(_ key: String, _ value: String) -> String {
        let label = words(key) + words("colon.field")
        let width = label.reduce(0) { $0 + (($1.unicodeScalars.first?.value ?? 0) >= 0x1100 ? 2 : 1) }
        return "    " + label + String(repeating: " ", count: max(1, 18 - width)) + value
    }

    private func partyWithID(_ id: String) -> String {
        words("text.party", ["party": words.partyLabel(id), "id": id])
    }

    private func outcomeWithIDs(_ outcome: Outcome) -> String {
        switch outcome {
        case .single(let p): return partyWithID(p)
        case .shared(let ps): return words("text.outcome.shared", ["parties": ps.map(partyWithID).joined(separator: words("text.outcome.shared.separator"))])
        case .notApplicable: return words("not-applicable")
        }
    }

    private func pageSuffix(_ ref: SourceRef?) -> String {
        ref?.page.map { words("text.page", ["page": String($0)]) } ?? ""
    }

    /// `demarc explain`: the entry, then who does it in each offering and why.
    public func explanation(_ entry: Entry, offerings: [Offering]) -> String {
        var out: [String] = []
        out.append("\(entry.id)  \(s(entry.label))")
        let parent = entry.parent.map { words("text.under", ["parent": $0]) } ?? ""
        out.append("  \(words.kindLabel(entry.kind))\(parent)\(pageSuffix(entry.source))")
        out.append("  " + s(entry.text))
        for p in entry.parameters {
            out.append("  " + words("text.parameter", ["name": s(p.name), "value": s(p.value), "strength": words.strength(p.strength)]))
        }
        for demand in entry.demands {
            out.append("  " + words("text.demand", ["into": words.demandTarget(demand.into), "text": s(demand.text)]))
        }
        let mapping = model.mapping(for: entry.id)
        if let scope = mapping?.scope {
            switch scope {
            case .organisational: out.append("  " + words("text.scope.organisational"))
            case .layers(let ids):
                let names = ids.map { words.layerName($0) }.joined(separator: words("text.list.separator"))
                out.append("  " + words(mapping?.scopeBasis == .interpretation ? "text.scope.layers.interpretation" : "text.scope.layers",
                                        ["layers": names]))
            }
        }
        for offering in offerings {
            guard let cell = derivation.cell(entry: entry.id, offering: offering.id) else { continue }
            out.append("")
            out.append("  ■ " + words("text.offering", ["offering": s(offering.name), "id": offering.id]))
            out.append(field("text.field.does", outcomeWithIDs(cell.outcome)))
            out.append(field("text.field.accountable", partyWithID(cell.accountable)))
            if !cell.layers.isEmpty {
                let layers = cell.layers.map { item -> String in
                    let owner: String
                    switch item.ownership {
                    case .party(let p): owner = words.partyLabel(p)
                    case .shared(let ps): owner = ps.map(words.partyLabel).joined(separator: words("text.owner.joiner"))
                    case .notApplicable: owner = words("not-applicable.short")
                    }
                    return words("text.layer", ["layer": item.layer, "owner": owner])
                }
                out.append(field("text.field.layers", layers.joined(separator: words("text.list.separator"))))
            }
            out.append(field("text.field.coverage", words("text.coverage", ["word": words.coverageWord(cell.coverage),
                                                                             "meaning": words.coverageMeaning(cell.coverage)])))
            for answer in cell.answers {
                guard let topic = model.topic(answer.topic) else { continue }
                out.append("      - " + words("text.answer", ["title": s(topic.title), "page": pageSuffix(topic.source), "id": topic.id,
                                                              "coverage": words.coverageWord(answer.coverage),
                                                              "basis": words.basisWord(answer.basis)]))
                out.append("        " + s(topic.statement(for: offering.id)) + (topic.sic ? words("text.sic") : ""))
                if let note = answer.note { out.append("        " + words("text.note", ["note": s(note)])) }
                for evidence in topic.evidence {
                    var line = "        " + words("text.evidence", ["kind": words.evidenceKind(evidence.kind), "title": s(evidence.title)])
                    if let reference = evidence.reference { line += words("text.evidence.reference", ["reference": reference]) }
                    if let url = evidence.url { line += words("text.evidence.url", ["url": url]) }
                    if let until = evidence.validUntil { line += words("text.evidence.until", ["date": until.description]) }
                    out.append(line)
                }
            }
            if cell.coverage != .full, let question = mapping?.question {
                out.append(field("text.field.ask", s(question)))
            }
            out.append(field("text.field.why", words.reason(cell, derivation: derivation).full))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `demarc obligations`: per customer-side party of one offering, its
    /// duties; for the accountable party also the specification and contract
    /// texts and the questions for the provider.
    public func obligations(_ offering: Offering) -> String {
        var out = ["■ " + words("text.offering", ["offering": s(offering.name), "id": offering.id])]
        for o in derivation.obligations(offering: offering.id) {
            out.append("")
            out.append("  " + partyWithID(o.party) + (o.isAccountable ? words("text.obligations.accountable") : ""))
            out.append("    " + words("text.obligations.duties", ["count": String(o.duties.count)]))
            for cell in o.duties {
                let entry = model.catalogue.entry(cell.entry)
                let shared = cell.outcome.parties.count > 1 ? words("outcome.shared.tag") : ""
                out.append("      - \(cell.entry) \(s(entry?.label))\(shared)")
            }
            if !o.demands.isEmpty {
                out.append("    " + words("text.obligations.demands"))
                for demand in o.demands {
                    out.append("      - " + words("text.obligations.demand", ["into": words.demandTarget(demand.into), "entry": demand.entry,
                                                                              "text": s(demand.text)]))
                    for condition in demand.conditions {
                        out.append("        " + words("text.obligations.condition", ["condition": s(condition)]))
                    }
                    for item in demand.items {
                        let params = item.parameters.map { words("text.obligations.parameter", ["name": s($0.name), "value": s($0.value)]) }
                            .joined(separator: words("text.obligations.parameter.separator"))
                        out.append("        · \(item.entry) \(s(item.title)) → \(outcomeWithIDs(item.outcome))"
                                   + (params.isEmpty ? "" : words("text.obligations.parameters", ["parameters": params])))
                    }
                }
            }
            if !o.questions.isEmpty {
                out.append("    " + words("text.obligations.questions"))
                for q in o.questions {
                    out.append("      - " + words("text.obligations.question", ["entry": q.entry, "coverage": words.coverageWord(q.coverage),
                                                                                "text": words.question(q)]))
                }
            }
        }
        return out.joined(separator: "\n")
    }
}
