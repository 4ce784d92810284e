import DemarcModel

/// What falls to whom in one offering, as a specification or contract
/// annex needs it: the agency's own decisions with the evidence to request,
/// what the specification, the contract and the selection criteria must say
/// (with parameters, conditions and what follows from them), each
/// customer-side party's measures (with its part of a shared one), the
/// provider's commitments with evidence and page, and the questions for the
/// provider. Also the role table (役割分担表).
public struct ObligationsView: Sendable {
    public struct Decision: Sendable, Hashable {
        public var entry: String
        public var title: String
        /// "decision", "confirmation", "contract term".
        public var act: String
        public var preparedBy: [String]
        /// What to obtain and check, one line per evidence item.
        public var evidence: [String]
        /// What the disclosures leave unanswered.
        public var missing: String?
    }

    public struct DemandItem: Sendable, Hashable {
        public var entry: String
        public var title: String
        /// Who does it here, by part.
        public var who: String
        /// "Log retention period: one year or more (desirable)".
        public var parameters: [String]
    }

    public struct Demand: Sendable, Hashable {
        public var entry: String
        /// "contract", "specification", "selection criteria".
        public var into: String
        public var text: String
        /// "required" / "desirable".
        public var strength: String
        /// "Where …: then …".
        public var conditions: [String]
        public var items: [DemandItem]
    }

    public struct Duty: Sendable, Hashable {
        public var entry: String
        public var title: String
        /// The party's own part of a shared cell ("runs hardware"), if shared.
        public var part: String?
    }

    public struct PartyDuties: Sendable, Hashable {
        public var party: String
        public var isAccountable: Bool
        public var duties: [Duty]
    }

    public struct Commitment: Sendable, Hashable {
        public var text: String
        /// "IIJ Internet Service Agreement, General Rules, ch. 6, art. 26".
        public var evidence: [String]
        public var source: String
    }

    public struct Question: Sendable, Hashable {
        public var entry: String
        public var coverage: String
        public var text: String
    }

    public var offering: String
    public var accountable: String
    public var decisions: [Decision]
    public var demands: [Demand]
    public var parties: [PartyDuties]
    public var commitments: [Commitment]
    /// Where a party other than the accountable one holds the contract with
    /// the provider: what it receives under the contract and must pass on.
    public var passOn: PassOn?
    /// The agency's requirements: which, its ratings, what a next contractor inherits.
    public var requirements: [String]
    public var questions: [Question]
    public var roleTable: RoleTable

    public struct PassOn: Sendable, Hashable {
        /// "the contractor holds the contract with the provider: it passes on to the agency".
        public var heading: String
        public var items: [String]
    }
}

/// The role table (役割分担表): one column per party, one row per entry,
/// marks for who decides, does, prepares, supplies evidence and is accountable.
public struct RoleTable: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var entry: String
        public var title: String
        public var depth: Int
        /// One per party column: "判断・最終責任", "実施・情報提供", "".
        public var marks: [String]
    }

    public var parties: [String]
    public var entryColumn: String
    public var rows: [Row]
    /// What each mark means.
    public var legend: String
}

extension Views {
    public func obligations(_ offering: Offering) -> ObligationsView {
        let accountable = derivation.accountable
        let obligations = derivation.obligations(offering: offering.id)
        let cells = derivation.cells(offering: offering.id)
        var decisions: [ObligationsView.Decision] = []
        for cell in cells where cell.decides == accountable && !model.catalogue.rollsUp(cell.entry) {
            let entry = model.catalogue.entry(cell.entry)
            decisions.append(
                ObligationsView.Decision(
                    entry: cell.entry, title: s(entry?.label), act: words.act(cell.act), preparedBy: cell.prepares.map(words.partyLabel),
                    evidence: evidenceToRequest(cell),
                    missing: cell.answers.compactMap(\.missing).isEmpty ? nil : words.list(cell.answers.compactMap(\.missing).map(s))))
        }
        var demands: [ObligationsView.Demand] = []
        for item in obligations.first(where: { $0.isAccountable })?.demands ?? [] {
            demands.append(
                ObligationsView.Demand(
                    entry: item.entry, into: words.demandTarget(item.into), text: s(item.text), strength: words.strength(item.strength),
                    conditions: item.conditions.map { condition in
                        condition.then.map { words("obligations.condition.then", ["when": s(condition.when), "then": s($0)]) }
                            ?? words("obligations.condition", ["when": s(condition.when)])
                    },
                    items: item.items.map { demanded in
                        let cell = derivation.cell(entry: demanded.entry, offering: offering.id)
                        return ObligationsView.DemandItem(
                            entry: demanded.entry, title: s(demanded.title),
                            who: cell.map { duties($0, ids: false).replacingOccurrences(of: "\n", with: words("obligations.who.separator")) } ?? "",
                            parameters: demanded.parameters.map {
                                words("obligations.parameter", ["name": s($0.name), "value": s($0.value), "strength": words.strength($0.strength)])
                            })
                    }))
        }
        let parties = obligations.map { o in
            ObligationsView.PartyDuties(
                party: words.partyLabel(o.party), isAccountable: o.isAccountable,
                duties: o.duties.compactMap { cell in
                    guard cell.outcome.parties.contains(o.party), cell.basis != .decision else { return nil }
                    let duty = cell.duties.first { $0.party == o.party }
                    var part: String?
                    if cell.duties.count > 1, let duty {
                        var pieces: [String] = []
                        if !duty.layers.isEmpty { pieces.append(words("text.duty.layers", ["layers": words.list(duty.layers.map(words.layerLabel))])) }
                        pieces += duty.topics.compactMap { topic in cell.answers.first { $0.topic == topic }?.part(for: o.party).map(s) }
                        part = pieces.joined(separator: words("text.duty.separator"))
                    }
                    return ObligationsView.Duty(entry: cell.entry, title: s(model.catalogue.entry(cell.entry)?.label), part: part)
                })
        }
        let questions = cells.filter { !model.catalogue.rollsUp($0.entry) }.compactMap { cell -> ObligationsView.Question? in
            guard let question = derivation.question(for: cell) else { return nil }
            return ObligationsView.Question(entry: cell.entry, coverage: words.coverageWord(cell.coverage), text: words.question(question, cell: cell))
        }
        return ObligationsView(
            offering: s(offering.name), accountable: words.partyLabel(accountable), decisions: decisions,
            demands: demands, parties: parties, commitments: commitments(offering), passOn: passOn(offering), requirements: requirementLines(),
            questions: questions,
            roleTable: roleTable(offering))
    }

    /// What to obtain and check for each evidence item of a decision.
    private func evidenceToRequest(_ cell: Cell) -> [String] {
        cell.evidence.flatMap { supply -> [String] in
            guard let topic = model.topic(supply.topic) else { return [] }
            return topic.evidence.filter { supply.evidence.contains($0.id) }.map { evidence in
                let key: String
                switch evidence.kind {
                case .auditReport: key = "obligations.request.audit-report"
                case .certification: key = "obligations.request.certification"
                case .ismapRegistration: key = "obligations.request.ismap-registration"
                case .contractArticle: key = "obligations.request.contract-article"
                case .whitePaper: key = "obligations.request.white-paper"
                }
                return words(key, ["title": s(evidence.title), "page": words.page(topic.source)])
            }
        }
    }

    /// The provider's commitments that hold in this offering, with evidence and page.
    private func commitments(_ offering: Offering) -> [ObligationsView.Commitment] {
        let answered = Set(derivation.cells(offering: offering.id).flatMap { $0.answers.map(\.topic) })
        return model.topics.filter { $0.commitment != nil && answered.contains($0.id) }.map { topic in
            ObligationsView.Commitment(
                text: words.capitalised(
                    words(
                        "obligations.commitment",
                        ["party": words.partyInText(topic.evidence.isEmpty ? derivationProvider : derivationProvider), "commitment": s(topic.commitment)])),
                evidence: topic.evidence.map { s($0.title) },
                source: words("obligations.source", ["title": s(topic.title), "page": words.page(topic.source)]))
        }
    }

    /// What the contract holder, when it is not the accountable party, passes
    /// on: the provider's commitments (notices among them) and the evidence
    /// it receives under the contract (reports under NDA, certificates…).
    private func passOn(_ offering: Offering) -> ObligationsView.PassOn? {
        guard let holder = model.metadata.contractHolder, holder != derivation.accountable else { return nil }
        let answered = Set(derivation.cells(offering: offering.id).flatMap { $0.answers.map(\.topic) })
        let topics = model.topics.filter { answered.contains($0.id) }
        var items = topics.compactMap { topic in
            topic.commitment.map {
                words.capitalised(
                    words(
                        "obligations.pass-on.commitment",
                        ["party": words.partyInText(derivationProvider), "commitment": s($0), "page": words.page(topic.source)]))
            }
        }
        for topic in topics {
            for evidence in topic.evidence {
                let key =
                    evidence.kind == .auditReport
                    ? "obligations.pass-on.report" : evidence.kind == .contractArticle ? "obligations.pass-on.term" : "obligations.pass-on.evidence"
                items.append(words(key, ["title": s(evidence.title), "page": words.page(topic.source)]))
            }
        }
        return ObligationsView.PassOn(
            heading: words(
                "obligations.pass-on",
                [
                    "holder": words.partyInText(holder), "provider": words.partyInText(derivationProvider),
                    "accountable": words.partyInText(derivation.accountable),
                ]),
            items: items)
    }

    /// The agency's requirements, line by line (none without them).
    func requirementLines() -> [String] {
        guard let r = model.metadata.requirements else { return [] }
        var lines = [
            words(
                "obligations.requirements.which",
                [
                    "name": s(r.name), "id": r.id, "version": r.version.map { " \($0)" } ?? "",
                    "approved": r.approved.map { words("obligations.requirements.approved", ["date": $0.description]) } ?? "",
                ])
        ]
        lines += r.ratings.map { words("obligations.requirements.rating", ["name": s($0.name), "value": s($0.value)]) }
        if !r.inherit.isEmpty {
            let entries = r.inherit.map { id in model.catalogue.entry(id).map(words.entryName) ?? id }
            lines.append(words("obligations.requirements.inherit", ["entries": words.list(entries)]))
        }
        return lines
    }

    /// The provider's contracting party.
    private var derivationProvider: String {
        (model.parties.first { $0.role == .provider } ?? model.parties.first { $0.side == .provider })?.id ?? ""
    }

    /// The role table of one offering.
    public func roleTable(_ offering: Offering) -> RoleTable {
        let order = model.parties.map(\.id)
        let rows = model.catalogue.groups().flatMap { [$0.requirement] + $0.members }.compactMap { entry -> RoleTable.Row? in
            guard let cell = derivation.cell(entry: entry.id, offering: offering.id) else { return nil }
            let marks = order.map { party -> String in
                var marks: [String] = []
                if cell.decides == party { marks.append(words("role.decides")) }
                if cell.outcome.parties.contains(party), cell.basis != .decision { marks.append(words("role.does")) }
                if cell.prepares.contains(party) { marks.append(words("role.prepares")) }
                if cell.evidence.contains(where: { $0.party == party }) { marks.append(words("role.supplies")) }
                if cell.accountable == party { marks.append(words("role.accountable")) }
                return marks.joined(separator: words("role.separator"))
            }
            return RoleTable.Row(entry: entry.id, title: s(entry.label), depth: model.catalogue.depth(of: entry), marks: marks)
        }
        return RoleTable(parties: order.map(words.partyLabel), entryColumn: words("column.control"), rows: rows, legend: words("role.legend"))
    }

    // MARK: layouts

    /// `demarc obligations`, as text.
    public func obligationsText(_ offering: Offering, ids: Bool = false) -> String {
        let view = obligations(offering)
        var out = ["■ " + (ids ? words("text.offering", ["offering": view.offering, "id": offering.id]) : view.offering)]
        let vocabulary = ["accountable": words.accountableInText, "targets": words.demandTargets]
        func section(_ key: String) { out.append(""); out.append("  " + words.capitalised(words(key, vocabulary))) }
        section("obligations.decisions")
        for d in view.decisions {
            out.append("    - \(d.entry) \(d.title)" + words("text.obligations.role", ["act": d.act]))
            if !d.preparedBy.isEmpty {
                out.append("      " + words("obligations.prepared-by", ["parties": d.preparedBy.joined(separator: words("text.list.separator"))]))
            }
            for line in d.evidence { out.append("      " + words("obligations.request", ["what": line])) }
            if let missing = d.missing { out.append("      " + words("obligations.missing", ["missing": missing])) }
        }
        section("obligations.demands")
        for demand in view.demands {
            out.append("    - " + words("obligations.demand", ["into": demand.into, "entry": demand.entry, "text": demand.text, "strength": demand.strength]))
            for condition in demand.conditions { out.append("      " + condition) }
            for item in demand.items {
                out.append("      · \(item.entry) \(item.title) → \(item.who)")
                for parameter in item.parameters { out.append("        " + parameter) }
            }
        }
        section("obligations.measures")
        for party in view.parties {
            out.append(
                "    " + party.party + (party.isAccountable ? words("text.obligations.accountable") : "")
                    + words("obligations.count", ["count": String(party.duties.count)]))
            for duty in party.duties {
                out.append("      - \(duty.entry) \(duty.title)" + (duty.part.map { words("obligations.part", ["part": $0]) } ?? ""))
            }
        }
        section("obligations.commitments")
        for c in view.commitments {
            out.append("    - " + c.text)
            out.append("      " + words("obligations.commitment.source", ["source": c.source]))
            for evidence in c.evidence { out.append("      " + words("obligations.commitment.evidence", ["evidence": evidence])) }
        }
        if !view.requirements.isEmpty {
            section("obligations.requirements")
            for line in view.requirements { out.append("    - " + line) }
        }
        if let passOn = view.passOn {
            out.append("")
            out.append("  " + words.capitalised(passOn.heading))
            for item in passOn.items { out.append("    - " + item) }
        }
        section("obligations.questions")
        for q in view.questions {
            out.append("    - " + words("text.obligations.question", ["entry": q.entry, "coverage": q.coverage, "text": q.text]))
        }
        return out.joined(separator: "\n")
    }

    /// The role table as aligned text columns.
    public func roleTableText(_ offering: Offering) -> String {
        let table = roleTable(offering)
        let header = [table.entryColumn] + table.parties
        let rows = table.rows.map { [String(repeating: " ", count: 2 * $0.depth) + $0.entry + " " + $0.title] + $0.marks }
        let widths = header.indices.map { column in ([header] + rows).map { Self.columns($0[column]) }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - Self.columns(cell) + 2)
            }.joined()
        }
        var out = ["■ " + s(offering.name), "", line(header), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        out.append("")
        out.append(table.legend)
        return out.joined(separator: "\n")
    }
}
