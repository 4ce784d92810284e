/// Generates the reasons of derived cells in Japanese and English from the
/// model's facts. Only names, pages and statements come from the model; the
/// connecting words are here.
struct Phrases: Sendable {
    let model: Model

    func partyName(_ id: String) -> Text { model.party(id)?.label ?? Text(ja: id, en: id) }
    func layerName(_ id: String) -> Text { model.layer(id)?.name ?? Text(ja: id, en: id) }

    /// "the provider" / "the provider and the customer".
    func parties(_ ids: [String]) -> Text {
        let names = ids.map(partyName)
        return Text(ja: names.map(\.ja).joined(separator: "・"),
                    en: englishList(names.map { $0.string(.en) }))
    }

    /// Who does it, to follow "done by" / 「実施は」.
    func outcome(_ outcome: Outcome) -> Text {
        switch outcome {
        case .single(let p): return partyName(p)
        case .shared(let ps):
            let names = parties(ps)
            return Text(ja: "\(names.ja)の分担", en: "\(names.string(.en)) together (shared)")
        case .notApplicable: return Text(ja: "該当なし", en: "nobody (not applicable)")
        }
    }

    func page(_ ref: SourceRef?) -> Text {
        guard let page = ref?.page else { return Text(ja: "", en: "") }
        return Text(ja: "（p\(page)）", en: " (p\(page))")
    }

    func entryName(_ entry: Entry) -> Text {
        let label = entry.label
        return Text(ja: "\(entry.id)「\(label.ja)」", en: "\(entry.id) \"\(label.string(.en))\"")
    }

    private func englishList(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case 2: return "\(items[0]) and \(items[1])"
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    func override(_ override: Override, outcome: Outcome, offering: Offering) -> Text {
        let o = self.outcome(outcome)
        return Text(ja: "\(offering.label.ja)：手入力の上書きにより\(o.ja)とする。理由：\(override.reason.ja)",
                    en: "\(offering.label.string(.en)): overridden by hand to \(o.string(.en)). Reason: \(override.reason.string(.en))")
    }

    func rollup(entry: Entry, items: [Cell], outcome: Outcome, offering: Offering) -> Text {
        let parts = items.map { cell -> Text in
            let o = self.outcome(cell.outcome)
            return Text(ja: "\(cell.entry)→\(o.ja)", en: "\(cell.entry) → \(o.string(.en))")
        }
        let o = self.outcome(outcome)
        return Text(
            ja: "\(offering.label.ja)：基本対策事項 \(entry.id) は例示項目 \(items.count) 件を束ねる（\(parts.map(\.ja).joined(separator: "、"))）。よって実施は\(o.ja)。",
            en: "\(offering.label.string(.en)): basic measure \(entry.id) rolls up its \(items.count) example items (\(parts.map { $0.string(.en) }.joined(separator: "; "))), so it is done by \(o.string(.en)).")
    }

    func accountableByDefault(entry: Entry, offering: Offering, accountable: String) -> Text {
        let a = partyName(accountable)
        return Text(
            ja: "\(entryName(entry).ja)は特定の階層ではなく組織・契約に関わる事項で、責任主体を示す事業者の開示がない。よって説明責任を負う\(a.ja)が自ら実施する。",
            en: "\(entryName(entry).string(.en)) concerns the organisation or the contract, not a layer, and no disclosure names who does it, so it falls to the accountable party, \(a.string(.en)).")
    }

    func organisational(entry: Entry, topics: [String], outcome: Outcome, offering: Offering) -> Text {
        var ja: [String] = [], en: [String] = []
        for id in topics {
            guard let topic = model.topic(id), case .parties(let ps) = topic.responsible else { continue }
            let who = parties(ps)
            ja.append("「\(topic.title.ja)」\(page(topic.source).ja)は\(who.ja)")
            en.append("\"\(topic.title.string(.en))\"\(page(topic.source).string(.en)) names \(who.string(.en))")
        }
        let o = self.outcome(outcome)
        return Text(
            ja: "\(entryName(entry).ja)は特定の階層ではなく組織・契約に関わる事項で、回答する開示項目が責任主体を定める：\(ja.joined(separator: "、"))。よって実施は\(o.ja)。",
            en: "\(entryName(entry).string(.en)) concerns the organisation or the contract, not a layer; the disclosures answering it fix the party: \(en.joined(separator: "; ")). So it is done by \(o.string(.en)).")
    }

    func layers(entry: Entry, layers: [LayerOwnership], outcome: Outcome, offering: Offering,
                answers: [Answer], risks: [ConsideredRisk]) -> Text {
        var ja: [String] = [], en: [String] = []
        var naJa: [String] = [], naEn: [String] = []
        // Layers grouped by owner, in stack order: "hypervisor, OS and application are the customer's".
        var groups: [(Ownership, [Text])] = []
        for item in layers {
            let layer = layerName(item.layer)
            if case .notApplicable(let reason) = item.ownership {
                naJa.append("\(layer.ja)はない（\(reason.ja)）")
                naEn.append("there is no \(layer.string(.en)) (\(reason.string(.en)))")
            } else if let index = groups.firstIndex(where: { $0.0 == item.ownership }) {
                groups[index].1.append(layer)
            } else {
                groups.append((item.ownership, [layer]))
            }
        }
        for (ownership, names) in groups {
            let who = outcomeOfLayer(ownership)
            ja.append("\(names.map(\.ja).joined(separator: "・"))は\(who.ja)")
            en.append("\(englishList(names.map { $0.string(.en) })) \(names.count == 1 ? "is" : "are") run by \(who.string(.en))")
        }
        let name = offering.label
        let p = page(offering.source)
        var textJa = "\(name.ja)では、"
        var textEn = "\(name.string(.en)): "
        if !ja.isEmpty {
            textJa += ja.joined(separator: "、") + "が担う\(p.ja)"
            textEn += en.joined(separator: ", ") + p.string(.en)
        }
        if !naJa.isEmpty {
            textJa += (ja.isEmpty ? "" : "。また") + naJa.joined(separator: "、")
            textEn += (en.isEmpty ? "" : "; ") + naEn.joined(separator: "; ")
        }
        let o = self.outcome(outcome)
        let title = entry.label
        if case .notApplicable = outcome {
            textJa += "。よって「\(title.ja)」はこの提供形態では該当しない。"
            textEn += ". So \"\(title.string(.en))\" does not arise in this offering."
        } else {
            textJa += "。よって「\(title.ja)」の実施は\(o.ja)。"
            textEn += ", so \"\(title.string(.en))\" is done by \(o.string(.en))."
        }
        // A topic that names a fixed party other than the one the layers give: evidence, not the party.
        for answer in answers {
            guard let topic = model.topic(answer.topic), case .parties(let ps) = topic.responsible,
                  Set(ps) != Set(outcome.parties) else { continue }
            let who = parties(ps)
            textJa += "開示「\(topic.title.ja)」\(page(topic.source).ja)は\(who.ja)の取組みを述べるもので、実施主体は階層の担い手で決まる。"
            textEn += " The disclosure \"\(topic.title.string(.en))\"\(page(topic.source).string(.en)) speaks for \(who.string(.en)) only; who does it here follows the layers."
        }
        for risk in risks {
            let c = risk.consideration
            if risk.applies {
                textJa += "\(c.text.ja)はここで当てはまる（\(c.appliesTo.label.ja)\(page(offering.tenancySource).ja)）。"
                textEn += " The risk of \(c.text.string(.en)) applies here (\(c.appliesTo.label.string(.en))\(page(offering.tenancySource).string(.en)))."
            } else if let tenancy = offering.tenancy {
                textJa += "一方、\(c.text.ja)はほとんど生じない：\(name.ja)は\(tenancy.label.ja)\(page(offering.tenancySource).ja)。"
                textEn += " The risk of \(c.text.string(.en)) hardly arises here: \(name.string(.en)) runs on \(tenancy.label.string(.en))\(page(offering.tenancySource).string(.en))."
            }
        }
        return Text(ja: textJa, en: textEn)
    }

    private func outcomeOfLayer(_ ownership: Ownership) -> Text {
        switch ownership {
        case .party(let p): return partyName(p)
        case .shared(let ps):
            let names = parties(ps)
            return Text(ja: "\(names.ja)の共同", en: "\(names.string(.en)) together")
        case .notApplicable: return Text(ja: "該当なし", en: "nobody")
        }
    }
}
