import DemarcModel

/// Plain-text layouts for the terminal and for text files: `explain` (one
/// block per entry; offerings whose roles read the same are said once) and
/// `obligations` (per offering and customer-side party). Ids appear only
/// when asked for (`ids`).
extension Views {
    /// "    label:   value", values aligned whatever the label's language
    /// (a Japanese character takes two columns in a terminal); continuation
    /// lines indented to the value.
    /// `prefix` then `text`, the text's further lines indented under its first.
    func indented(_ prefix: String, _ text: String) -> String {
        let text = Escape.clean(text)
        guard text.utf8.contains(UInt8(ascii: "\n")) else { return prefix + text }
        return prefix + Self.indentingLines(text, by: Self.columns(prefix))
    }

    /// The text with `spaces` spaces after each of its line feeds (by bytes:
    /// cleaned text holds no CR, so no "\r\n" is one character here).
    static func indentingLines(_ text: String, by spaces: Int) -> String {
        guard !text.utf8.contains(0x0D) else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + String(repeating: " ", count: spaces))
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 64)
        for byte in text.utf8 {
            out.append(byte)
            if byte == 0x0A { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces)) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func field(_ key: String, _ value: String) -> String {
        let label = words(key) + words("colon.field")
        let width = Self.columns(label)
        let pad = String(repeating: " ", count: max(1, 20 - width))
        // Split into lines only when there are several (a look at the bytes first: values run long).
        guard value.utf8.contains(UInt8(ascii: "\n")) else { return "    " + label + pad + value }
        return "    " + label + pad + Self.indentingLines(value, by: 4 + width + pad.count)
    }

    /// Terminal columns of a string (East Asian wide characters take two).
    static func columns(_ text: String) -> Int {
        text.reduce(0) { $0 + (($1.unicodeScalars.first?.value ?? 0) >= 0x1100 ? 2 : 1) }
    }

    func party(_ id: String, ids: Bool) -> String {
        ids ? words("text.party", ["party": words.partyLabel(id), "id": id]) : words.partyLabel(id)
    }

    private func pageSuffix(_ ref: SourceRef?) -> String {
        words.page(ref)
    }

    /// The header every report carries: model, version, as-of date, standard and source.
    public func reportHeader() -> [String] {
        var lines = [
            words(
                "text.header.model",
                [
                    "model": s(model.metadata.name), "version": model.metadata.version,
                    "asOf": model.metadata.asOf.description,
                ])
        ]
        if let base = model.metadata.base { lines.append(words("text.header.base", ["id": base.id, "version": base.version])) }
        lines.append(words("text.header.standard", ["standard": s(model.catalogue.standard), "edition": s(model.catalogue.edition)]))
        if let source = model.metadata.sources.first {
            lines.append(words("text.header.source", ["source": s(source.title)]))
        }
        return lines
    }

    /// Who does it, by part: "Provider (facility, hardware); Customer (OS, application)".
    func duties(_ cell: Cell, ids: Bool) -> String {
        switch cell.basis {
        case .decision: return party(cell.accountable, ids: ids)
        default: break
        }
        guard !cell.duties.isEmpty else { return words("not-applicable") }
        let parts = cell.duties.map { duty -> String in
            var pieces: [String] = []
            if !duty.layers.isEmpty { pieces.append(words("text.duty.layers", ["layers": words.list(duty.layers.map { s(model.layer($0)?.label) })])) }
            for topicID in duty.topics {
                if let part = cell.answers.first(where: { $0.topic == topicID })?.part(for: duty.party), let topic = model.topic(topicID) {
                    pieces.append(s(part) + words.page(topic.source))
                }
            }
            let who = party(duty.party, ids: ids)
            return pieces.isEmpty || cell.duties.count == 1 && duty.topics.isEmpty
                ? who : words("text.duty", ["party": who, "part": pieces.joined(separator: words("text.duty.separator"))])
        }
        var text = parts.joined(separator: "\n")
        if case .layers(disclosed: false) = cell.basis { text += words("text.follows-layers") }
        if case .accountableByDefault = cell.basis { text += words("text.nothing-disclosed") }
        return text
    }

    /// Who supplies what evidence: "Provider: SOC 1 Type 2 report, … (p15)".
    func evidence(_ cell: Cell, ids: Bool) -> String? {
        let supplies = cell.evidence.compactMap { supply -> String? in
            guard let topic = model.topic(supply.topic) else { return nil }
            let items = topic.evidence.filter { supply.evidence.contains($0.id) }.map { evidence -> String in
                var item = s(evidence.title)
                if let until = evidence.validUntil { item += words("text.evidence.until", ["date": until.description]) }
                return item
            }
            let what = items.isEmpty ? words("quote", ["text": s(topic.title)]) : items.joined(separator: words("text.list.separator"))
            return words("text.supplies", ["party": party(supply.party, ids: ids), "what": what, "page": pageSuffix(topic.source)])
        }
        return supplies.isEmpty ? nil : supplies.joined(separator: "\n")
    }

    /// The roles of one cell, one field each.
    private func roleLines(_ cell: Cell, ids: Bool) -> [String] {
        var out: [String] = []
        if let decides = cell.decides { out.append(field("text.field.decides", party(decides, ids: ids))) }
        if !cell.prepares.isEmpty {
            out.append(field("text.field.prepares", cell.prepares.map { party($0, ids: ids) }.joined(separator: words("text.list.separator"))))
        }
        out.append(field(cell.act == .confirmation ? "text.field.does-confirmed" : "text.field.does", duties(cell, ids: ids)))
        if let counterparty = cell.counterparty { out.append(field("text.field.counterparty", party(counterparty, ids: ids))) }
        if let evidence = evidence(cell, ids: ids) { out.append(field("text.field.evidence", evidence)) }
        out.append(field("text.field.accountable", party(cell.accountable, ids: ids)))
        if !cell.layers.isEmpty {
            let layers = cell.layers.map { item -> String in
                words("text.layer", ["layer": ids ? item.layer : s(model.layer(item.layer)?.label), "owner": words.ownerWords(item.ownership)])
            }
            out.append(field("text.field.layers", layers.joined(separator: words("text.list.separator"))))
        }
        out.append(field("text.field.coverage", words.coverageWord(cell.coverage)))
        let missing = cell.answers.compactMap(\.missing).map(s)
        if !missing.isEmpty { out.append(field("text.field.missing", words.list(missing))) }
        if let question = derivation.question(for: cell) {
            out.append(field("text.field.ask", words.question(question, cell: cell)))
        }
        out.append(field("text.field.why", reason(cell).body))
        return out
    }

    /// The disclosures answering a cell, with statements and evidence.
    private func disclosureLines(_ cell: Cell, offering: Offering, ids: Bool) -> [String] {
        var out: [String] = []
        for answer in cell.answers {
            guard let topic = model.topic(answer.topic) else { continue }
            out.append(
                "      - "
                    + words(
                        ids ? "text.answer.ids" : "text.answer",
                        [
                            "title": s(topic.title), "page": pageSuffix(topic.source), "id": topic.id,
                            "coverage": words.coverageWord(answer.coverage), "basis": words.basisWord(answer.basis),
                        ]))
            out.append("        " + s(topic.statement(for: offering.id)) + (topic.sic ? words("text.sic") : ""))
            if let note = answer.note { out.append("        " + words("text.note", ["note": s(note)])) }
            for evidence in topic.evidence {
                var line = "        " + words("text.evidence", ["kind": words.evidenceKind(evidence.kind), "title": s(evidence.title)])
                if let reference = evidence.reference { line += words("text.evidence.reference", ["reference": s(reference)]) }
                if let url = evidence.url { line += words("text.evidence.url", ["url": url]) }
                if let until = evidence.validUntil { line += words("text.evidence.until", ["date": until.description]) }
                out.append(line)
            }
        }
        return out
    }

    /// `demarc explain`: the entry, then its roles in each offering and why;
    /// offerings whose roles read alike are grouped and said once.
    public func explanation(_ entry: Entry, offerings: [Offering], ids: Bool = false) -> String {
        var out: [String] = []
        out.append(indented("\(entry.id)  ", s(entry.label)))
        let parent = entry.parent.map { words("text.under", ["parent": $0]) } ?? ""
        out.append(indented("  ", words("text.kind", ["kind": words.kindLabel(entry.kind), "act": words.act(entry.act)]) + parent + pageSuffix(entry.source)))
        out.append(indented("  ", s(entry.text)))
        for p in entry.parameters {
            out.append(indented("  ", words("text.parameter", ["name": s(p.name), "value": s(p.value), "strength": words.strength(p.strength)])))
        }
        for demand in entry.demands {
            out.append(indented("  ", words("text.demand", ["into": words.demandTarget(demand.into), "text": s(demand.text)])))
        }
        let mapping = model.mapping(for: entry.id)
        if let scope = mapping?.scope {
            switch scope {
            case .organisational: out.append(indented("  ", words("text.scope.organisational")))
            case .layers(let layerIDs):
                let names = layerIDs.map { words.layerName($0) }.joined(separator: words("text.list.separator"))
                out.append(
                    indented(
                        "  ",
                        words(
                            mapping?.scopeBasis == .interpretation ? "text.scope.layers.interpretation" : "text.scope.layers",
                            ["layers": names])))
            }
        }
        for note in mapping?.notes ?? [] { out.append(indented("  ", words("text.note", ["note": s(note)]))) }
        // Offerings whose sections read the same are said once.
        var groups: [(offerings: [Offering], lines: [String])] = []
        for offering in offerings {
            guard let cell = derivation.cell(entry: entry.id, offering: offering.id) else { continue }
            let lines = roleLines(cell, ids: ids) + disclosureLines(cell, offering: offering, ids: ids)
            if let index = groups.firstIndex(where: { $0.lines == lines }) {
                groups[index].offerings.append(offering)
            } else {
                groups.append(([offering], lines))
            }
        }
        for group in groups {
            out.append("")
            let names = group.offerings.map { ids ? words("text.offering", ["offering": s($0.name), "id": $0.id]) : s($0.name) }
            let labels = group.offerings.map { s($0.label) }.joined(separator: words("text.list.separator"))
            out.append(
                indented(
                    "  ■ ",
                    group.offerings.count == offerings.count && offerings.count > 1
                        ? words("text.all-offerings", ["offerings": labels])
                        : names.joined(separator: words("text.list.separator"))))
            out += group.lines
        }
        return out.joined(separator: "\n") + "\n"
    }
}
