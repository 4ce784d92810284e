import DemarcModel
import DemarcTestSupport
import Testing

/// The default model and the agency/contractor example, loaded from the
/// files compiled into the binary.
enum DefaultModels {
    static func load(_ path: String = "Models/iij-gio-p2") -> Model { TestModels.derivation(path).model }
}

/// The oracle: every role of every cell, written by hand from the source
/// document (../shared/reference), not from the model. P = provider,
/// C = customer (who, in this two-party model, also stands for the agency).
///
/// The facts it rests on: p13 gives the layer owners (virtual server:
/// provider up to the hypervisor, customer from the OS; bare metal: provider
/// up to the physical server, no hypervisor, customer from the OS; VW series:
/// provider up to the physical server, customer from the hypervisor); p15
/// makes data handling the customer's; p16 says the provider keeps the logs
/// it needs and handles the vulnerabilities of its own service equipment.
/// The requirements ask for the agency's own judgement; the example items
/// c) and d) ask it to confirm what is done, h) to state a term in the contract.
struct OracleRow: CustomTestStringConvertible, Sendable {
    var entry: String
    var offering: String
    var act: Act
    /// Party → the layers it does (empty for an organisational part).
    var does: [String: Set<String>]
    var coverage: Coverage
    /// Topics whose evidence the provider supplies.
    var evidence: Set<String>
    var why: String

    var testDescription: String { "\(entry) × \(offering)" }
}

private let all3 = ["virtual-server", "bare-metal", "vw-series"]

private func rows(
    _ entry: String, _ act: Act, _ does: [[String: Set<String>]], _ coverage: Coverage, evidence: Set<String> = [],
    _ why: String
) -> [OracleRow] {
    zip(all3, does.count == 1 ? Array(repeating: does[0], count: 3) : does).map {
        OracleRow(entry: entry, offering: $0, act: act, does: $1, coverage: coverage, evidence: evidence, why: why)
    }
}

private let agency: [String: Set<String>] = ["customer": []]
private let orgBoth: [String: Set<String>] = ["provider": [], "customer": []]

let oracle: [OracleRow] =
    // (a) p4: the agency judges whether to entrust; p4's arrows point at five provider disclosures.
    rows(
        "4.1.4(1)(a)", .decision, [agency], .full, evidence: ["certifications", "demarcation", "facility-location", "jurisdiction", "supply-chain"],
        "p4: 判断すること; arrows to p13, p15")
    // (b) p5: the agency assesses foreign-law risk and selects; location and jurisdiction, but no governing law.
    + rows("4.1.4(1)(b)", .decision, [agency], .partial, evidence: ["facility-location", "jurisdiction"], "p5: 評価して…選定; no 準拠法 in p15")
    // (c) p6: the agency makes migration a selection requirement; 解説なし, one arrow to p15 data handling.
    + rows("4.1.4(1)(c)", .decision, [agency], .customerOnly, evidence: ["data-handling"], "p6: 要件とすること")
    // -1 p7: the agency's selection condition; its items: a) provider (+ customer's hypervisor on VW), b) both.
    + rows(
        "4.1.4(1)-1", .decision,
        [
            ["provider": ["facility", "hardware", "hypervisor"], "customer": []],
            ["provider": ["facility", "hardware"], "customer": []],
            ["provider": ["facility", "hardware"], "customer": ["hypervisor"]],
        ],
        .partial, evidence: ["data-handling", "service-discontinuation"], "p7: a) none + b) partial")
    // -1 a) recovery requirements: no SLA anywhere in the source — a gap; the doer follows the layers.
    + rows(
        "4.1.4(1)-1 a)", .measure,
        [
            ["provider": ["facility", "hardware", "hypervisor"]], ["provider": ["facility", "hardware"]],
            ["provider": ["facility", "hardware"], "customer": ["hypervisor"]],
        ], .none, "no SLA in pp13–16")
    // -1 b) notice and migration: p16 art. 26 three months' notice (provider), p15 migration (customer).
    + rows("4.1.4(1)-1 b)", .measure, [orgBoth], .partial, evidence: ["service-discontinuation", "data-handling"], "p16 art. 26; p15")
    // (d) p8: the agency's security design; isolation, capacity and location inform it, do not answer it.
    + rows(
        "4.1.4(1)(d)", .decision, [agency], .partial, evidence: ["resource-isolation", "capacity-management", "facility-location"],
        "p8: セキュリティ設計を行った上でセキュリティ要件を定める")
    // -2 p9: the agency's contract demand; its items done as below.
    + rows(
        "4.1.4(1)-2", .decision,
        [
            ["provider": ["facility", "hardware", "hypervisor"], "customer": ["os", "application", "data"]],
            ["provider": ["facility", "hardware"], "customer": ["os", "application", "data"]],
            ["provider": ["facility", "hardware"], "customer": ["hypervisor", "os", "application", "data"]],
        ],
        .partial, evidence: ["communications-monitoring", "data-handling", "data-after-termination"], "p9: items from full to none")
    // -2 a) logs: the provider keeps the logs of its own equipment (p16); the customer those of its systems.
    + rows(
        "4.1.4(1)-2 a)", .measure,
        [
            ["provider": ["facility", "hardware", "hypervisor"], "customer": ["os", "application"]],
            ["provider": ["facility", "hardware"], "customer": ["os", "application"]],
            ["provider": ["facility", "hardware"], "customer": ["hypervisor", "os", "application"]],
        ],
        .partial, evidence: ["log-acquisition"], "p16: provider logs within its scope; no retention period")
    // -2 b) monitoring of communications: the customer's systems (p16 says it is the customer's).
    + rows("4.1.4(1)-2 b)", .measure, [["customer": ["os", "application"]]], .customerOnly, evidence: ["communications-monitoring"], "p16")
    // -2 c) the agency confirms; the customer handles the data (p15), the provider manages its supply chain (p15), not its subcontractors.
    + rows("4.1.4(1)-2 c)", .confirmation, [orgBoth], .partial, evidence: ["data-handling", "supply-chain"], "p10 arrow to p15; supply chain p15")
    // -2 d) the agency confirms; the provider handles its service equipment (p16), the customer what it runs.
    + rows(
        "4.1.4(1)-2 d)", .confirmation,
        [
            ["provider": ["hardware", "hypervisor"], "customer": ["os", "application"]],
            ["provider": ["hardware"], "customer": ["os", "application"]],
            ["provider": ["hardware"], "customer": ["hypervisor", "os", "application"]],
        ],
        .partial, evidence: ["vulnerability"], "p13 owners; p16 covers the provider's equipment only")
    // -2 e) RPO: hardware and data; no disclosure at all — a gap.
    + rows("4.1.4(1)-2 e)", .measure, [["provider": ["hardware"], "customer": ["data"]]], .none, "no RPO in the source")
    // -2 f) encryption: the customer's (p15).
    + rows("4.1.4(1)-2 f)", .measure, [["customer": ["os", "application", "data"]]], .customerOnly, evidence: ["data-handling"], "p15")
    // -2 g) deletion: the provider erases after termination, the customer may delete before (p16).
    + rows("4.1.4(1)-2 g)", .measure, [["provider": ["hardware"], "customer": ["data"]]], .partial, evidence: ["data-after-termination"], "p16")
    // -2 h) a term of the contract the agency agrees with the provider; p15 SOC reports can be provided.
    + rows("4.1.4(1)-2 h)", .contractTerm, [agency], .partial, evidence: ["certifications"], "p10 arrow to p15")
    // (e) p11: the agency evaluates; the provider supplies SOC 1, SOC 2 and ISO/IEC 27017 (p15), not their period, scope, exceptions.
    + rows("4.1.4(1)(e)", .decision, [agency], .partial, evidence: ["certifications"], "p11: 府省庁において評価する")

@Suite("The derivation against the hand-written oracle")
struct DerivationOracleTests {
    let derivation = TestModels.p2
    var model: Model { derivation.model }

    @Test func oracleCoversEveryEntryAndOffering() {
        #expect(oracle.count == 17 * 3)
        #expect(Set(oracle.map(\.entry)) == Set(model.catalogue.entries.map(\.id)))
        #expect(Set(oracle.map(\.offering)) == Set(model.offerings.map(\.id)))
    }

    @Test(arguments: oracle)
    func cellMatchesOracle(_ row: OracleRow) throws {
        let cell = try #require(derivation.cell(entry: row.entry, offering: row.offering))
        #expect(cell.act == row.act, "\(row.why)")
        #expect(Dictionary(cell.duties.map { ($0.party, Set($0.layers)) }, uniquingKeysWith: { a, _ in a }) == row.does, "\(row.why)")
        #expect(cell.coverage == row.coverage, "\(row.why)")
        #expect(Set(cell.evidence.map(\.topic)) == row.evidence, "\(row.why)")
        #expect(cell.evidence.allSatisfy { $0.party == "provider" }, "only the provider supplies evidence")
        #expect(cell.accountable == "customer", "the agency (here the customer) is accountable for every clause")
        #expect(cell.decides == (row.act == .measure ? nil : "customer"), "the agency decides its decisions, confirmations and contract terms")
        #expect(cell.prepares.isEmpty, "no contractor in the two-party model")
        if row.does.count > 1 { #expect(cell.outcome == .shared(["provider", "customer"])) }
        #expect((cell.counterparty != nil) == (row.act == .contractTerm))
        // Supplying evidence never makes a cell shared: a decision stays the agency's alone.
        if row.act == .decision, !model.catalogue.rollsUp(row.entry) { #expect(cell.outcome == .single("customer")) }
    }

    /// The 18 layer cells of p13, read from the source.
    @Test func layerOwnersMatchPage13() throws {
        let p13: [String: [String: String]] = [
            "virtual-server": [
                "facility": "provider", "hardware": "provider", "hypervisor": "provider", "os": "customer", "application": "customer", "data": "customer",
            ],
            "bare-metal": [
                "facility": "provider", "hardware": "provider", "hypervisor": "n/a", "os": "customer", "application": "customer", "data": "customer",
            ],
            "vw-series": [
                "facility": "provider", "hardware": "provider", "hypervisor": "customer", "os": "customer", "application": "customer", "data": "customer",
            ],
        ]
        #expect(model.layers.map(\.id) == ["facility", "hardware", "hypervisor", "os", "application", "data"])
        var count = 0
        for (offeringID, expected) in p13 {
            let offering = try #require(model.offering(offeringID))
            for (layer, owner) in expected {
                let actual = try #require(offering.owners[layer])
                switch actual {
                case .party(let p): #expect(p == owner, "\(offeringID)/\(layer)")
                case .notApplicable: #expect(owner == "n/a", "\(offeringID)/\(layer)")
                case .shared: Issue.record("\(offeringID)/\(layer) is not shared in the source")
                }
                count += 1
            }
        }
        #expect(count == 18)
    }

    @Test func theVWSeriesHypervisorCaseKnowsTheRisk() throws {
        let vw = try #require(derivation.cell(entry: "4.1.4(1)-2 d)", offering: "vw-series"))
        #expect(vw.basis == .layers(disclosed: true))
        #expect(vw.layers.map(\.layer) == ["hardware", "hypervisor", "os", "application"])
        #expect(vw.risks.count == 1 && vw.risks[0].applies == false)
        let virtual = try #require(derivation.cell(entry: "4.1.4(1)-2 d)", offering: "virtual-server"))
        #expect(virtual.risks[0].applies)
    }

    @Test func gapsAreRecoveryPointObjectiveAndRecoveryRequirementsAndTheirDoerFollowsTheLayers() throws {
        let gaps = derivation.matrix().flatMap { $0 }.filter { $0.coverage == .none }
        #expect(Set(gaps.map(\.entry)) == ["4.1.4(1)-2 e)", "4.1.4(1)-1 a)"])
        #expect(gaps.allSatisfy { $0.basis == .layers(disclosed: false) && $0.evidence.isEmpty })
    }

    @Test func basicMeasuresRollUpTheirItems() throws {
        let cell = try #require(derivation.cell(entry: "4.1.4(1)-2", offering: "vw-series"))
        #expect(
            cell.basis
                == .rollup(items: [
                    "4.1.4(1)-2 a)", "4.1.4(1)-2 b)", "4.1.4(1)-2 c)", "4.1.4(1)-2 d)",
                    "4.1.4(1)-2 e)", "4.1.4(1)-2 f)", "4.1.4(1)-2 g)", "4.1.4(1)-2 h)",
                ]))
    }

    @Test func partsOfSharedCellsSayWhoDoesWhat() throws {
        let notice = try #require(derivation.cell(entry: "4.1.4(1)-1 b)", offering: "vw-series"))
        let byParty = Dictionary(notice.duties.map { ($0.party, $0.topics) }, uniquingKeysWith: { a, _ in a })
        #expect(byParty == ["provider": ["service-discontinuation"], "customer": ["data-handling"]])
        let answer = try #require(notice.answers.first { $0.topic == "service-discontinuation" })
        #expect(answer.part(for: "provider")?.en?.contains("three months' notice") == true)
        let deletion = try #require(derivation.cell(entry: "4.1.4(1)-2 g)", offering: "bare-metal"))
        let erase = try #require(deletion.answers.first)
        #expect(erase.part(for: "provider")?.en?.hasPrefix("erases") == true)
        #expect(erase.part(for: "customer")?.en?.hasPrefix("may delete") == true)
    }

    @Test func rolesInTheFieldsVocabularies() throws {
        func cell(_ e: String, _ o: String) throws -> Cell { try #require(derivation.cell(entry: e, offering: o)) }
        #expect(derivation.ccmOwnership(try cell("4.1.4(1)(e)", "vw-series")) == .cscOwned)
        #expect(derivation.ccmOwnership(try cell("4.1.4(1)-2 d)", "vw-series")) == .shared)
        #expect(derivation.inheritance(try cell("4.1.4(1)-2 d)", "vw-series")) == .partial)
        #expect(derivation.ccmOwnership(try cell("4.1.4(1)-1 a)", "virtual-server")) == .cspOwned)
        #expect(derivation.inheritance(try cell("4.1.4(1)-2 f)", "vw-series")) == .no)
    }
}

@Suite("Mutation: the provider runs the VW series' hypervisor")
struct DerivationMutationTests {
    /// With the VW series' hypervisor moved to the provider, exactly these
    /// roles change: who does the recovery requirements, and which layers
    /// each party runs for the logs and the vulnerabilities (and the basic
    /// measures that roll them up).
    @Test func exactlyTheExpectedRolesChange() throws {
        let model = TestModels.p2.model
        var mutated = model
        let index = try #require(mutated.offerings.firstIndex { $0.id == "vw-series" })
        mutated.offerings[index].owners["hypervisor"] = .party("provider")
        let before = TestModels.p2.matrix().flatMap { $0 }
        let after = try #require(Derivation(model: mutated)).matrix().flatMap { $0 }
        var outcomes: [String: Set<String>] = [:], duties: Set<String> = []
        for (b, a) in zip(before, after) {
            if b.offering != "vw-series" {
                #expect(b.duties == a.duties && b.coverage == a.coverage, "\(b.entry) × \(b.offering) must not change")
                continue
            }
            #expect(b.coverage == a.coverage, "coverage does not depend on who runs the hypervisor here")
            #expect(b.decides == a.decides && b.evidence == a.evidence, "decisions and evidence do not move")
            if b.outcome != a.outcome { outcomes[a.entry] = Set(a.outcome.parties) }
            if b.duties != a.duties { duties.insert(a.entry) }
        }
        #expect(outcomes == ["4.1.4(1)-1 a)": ["provider"]])
        #expect(duties == ["4.1.4(1)-1 a)", "4.1.4(1)-2 a)", "4.1.4(1)-2 d)", "4.1.4(1)-1", "4.1.4(1)-2"])
        let d = try #require(Derivation(model: mutated)?.cell(entry: "4.1.4(1)-2 d)", offering: "vw-series"))
        #expect(d.duties.first { $0.party == "provider" }?.layers == ["hardware", "hypervisor"])
    }
}

@Suite("Models beyond two parties and the cloud")
struct DerivationShapesTests {
    static let yaml = """
        model: {id: shapes, name: {ja: 形, en: Shapes}, version: 1.0.0, as-of: 2026-01-01}
        parties:
          - {id: agency, name: {ja: 府省庁, en: Agency}, side: customer, role: agency, colour: "#8a4500"}
          - {id: contractor, name: {ja: 受注者, en: Contractor}, side: customer, role: contractor, colour: "#6a1b9a"}
          - {id: provider, name: {ja: 事業者, en: Provider}, side: provider, role: provider, colour: "#1f4e79"}
          - {id: dc, name: {ja: データセンター事業者, en: Data-centre operator}, side: provider, role: third-party, works-for: provider, colour: "#1b5e20"}
        layers:
          - {id: facility, name: {ja: 施設, en: Facility}}
          - {id: os, name: {ja: OS, en: OS}}
        offerings:
          - {id: cloud, name: {ja: クラウド, en: Cloud}, owners: {facility: dc, os: contractor}}
          - {id: onprem, name: {ja: オンプレミス, en: On premises}, owners: {facility: agency, os: contractor}}
        topics:
          - {id: soc, title: {ja: 監査, en: Audit}, source: {page: 1}, responsible: provider, statement: {ja: 報告書がある, en: There is a report}}
          - {id: dc-power, title: {ja: 電源, en: Power}, source: {page: 2}, responsible: dc, statement: {ja: 電源を二重化する, en: Power is redundant}}
        catalogue:
          id: c
          standard: {ja: 基準, en: Standard}
          edition: {ja: 版, en: Edition}
          accountable-role: agency
          entries:
            - {id: R, kind: requirement, text: {ja: 評価する, en: Evaluate}}
            - {id: R-1, kind: basic-measure, parent: R, text: {ja: 対策, en: Measures}}
            - {id: R-1 a), kind: example, parent: R-1, text: {ja: 電源, en: Power}}
            - {id: R-1 b), kind: example, parent: R-1, text: {ja: 予備, en: Spare}}
        mapping:
          - {entry: R, scope: organisational, answers: [{topic: soc, coverage: full}]}
          - {entry: R-1 a), scope: [facility], answers: [{topic: dc-power, coverage: full}]}
          - {entry: R-1 b), scope: [facility]}
        """

    static let derivation: Derivation = {
        let result = ModelLoader(fileSystem: MemoryFileSystem(files: ["s/model.yaml": Array(yaml.utf8)])).load("s")
        precondition(result.model != nil, "\(result.diagnostics)")
        return Derivation(model: result.model!)!
    }()

    @Test func anOfferingWithoutTheProviderHasNothingToDiscloseAndNothingToAsk() throws {
        for entry in ["R", "R-1 a)", "R-1 b)", "R-1"] {
            let cell = try #require(Self.derivation.cell(entry: entry, offering: "onprem"))
            #expect(cell.coverage == .noProviderPart, "\(entry)")
            #expect(cell.answers.isEmpty && cell.evidence.isEmpty, "\(entry)")
            #expect(Self.derivation.question(for: cell) == nil, "\(entry)")
        }
        let gap = try #require(Self.derivation.cell(entry: "R-1 b)", offering: "cloud"))
        #expect(gap.coverage == .none && Self.derivation.question(for: gap) != nil, "in the cloud it is a gap to ask about")
    }

    @Test func aThirdPartyWorkingForTheProviderDoesItsLayersAndThePreparerIsTheContractor() throws {
        let power = try #require(Self.derivation.cell(entry: "R-1 a)", offering: "cloud"))
        #expect(power.duties.map(\.party) == ["dc"])
        #expect(power.coverage == .full)
        #expect(Self.derivation.ccmOwnership(power) == .thirdPartyOutsourced)
        #expect(Self.derivation.inheritance(power) == .yes)
        let evaluate = try #require(Self.derivation.cell(entry: "R", offering: "cloud"))
        #expect(evaluate.decides == "agency" && evaluate.outcome == .single("agency"))
        #expect(evaluate.prepares == ["contractor"], "a contractor prepares the agency's decision, never does it")
        #expect(evaluate.evidence.map(\.party) == ["provider"])
        #expect(Self.derivation.model.party("dc")?.worksFor == "provider")
    }
}

@Suite("Obligations per customer-side party")
struct ObligationsTests {
    @Test func agencyAndContractorGetTheirOwnDuties() throws {
        let model = DefaultModels.load("Models/examples/agency-contractor")
        let derivation = try #require(Derivation(model: model))
        #expect(derivation.accountable == "agency")
        let obligations = derivation.obligations(offering: "vw-series")
        #expect(obligations.map(\.party) == ["agency", "contractor"])
        let agency = obligations[0], contractor = obligations[1]
        #expect(agency.isAccountable && !contractor.isAccountable)
        // The contractor runs the hypervisor, OS and application on the VW series.
        #expect(contractor.duties.contains { $0.entry == "4.1.4(1)-2 d)" })
        // The agency confirms it, and decides its own judgements: (a), (b) and (e) are its duties.
        #expect(agency.duties.contains { $0.entry == "4.1.4(1)-2 d)" && $0.decides == "agency" })
        for decision in ["4.1.4(1)(a)", "4.1.4(1)(b)", "4.1.4(1)(e)"] {
            #expect(agency.duties.contains { $0.entry == decision }, "\(decision)")
            #expect(!contractor.duties.contains { $0.entry == decision }, "the contractor prepares \(decision), never does it")
        }
        // Data is shared by agency and contractor: encryption falls to both.
        #expect(agency.duties.contains { $0.entry == "4.1.4(1)-2 f)" })
        #expect(contractor.duties.contains { $0.entry == "4.1.4(1)-2 f)" })
        // Roll-ups are not listed twice.
        #expect(!contractor.duties.contains { $0.entry == "4.1.4(1)-2" })
        // Only the accountable party gets the specification/contract texts and the questions.
        #expect(contractor.demands.isEmpty && contractor.questions.isEmpty)
        #expect(Set(agency.demands.map(\.into)) == [.selectionCriteria, .specification, .contract])
        let contract = try #require(agency.demands.first { $0.into == .contract && $0.entry == "4.1.4(1)-2" })
        #expect(agency.demands.contains { $0.into == .contract && $0.entry == "4.1.4(1)(b)" }, "(b): place of work, governing law, jurisdiction")
        #expect(!contract.conditions.isEmpty)
        let logs = try #require(contract.items.first { $0.entry == "4.1.4(1)-2 a)" })
        #expect(logs.parameters.map(\.id) == ["log-retention"])
        #expect(logs.parameters[0].value.ja == "5年間", "the agency's value (requirements.yaml), not the catalogue's 1年間以上")
        // Questions where coverage is short, the gaps among them.
        let asked = Set(agency.questions.map(\.entry))
        #expect(asked.isSuperset(of: ["4.1.4(1)-2 e)", "4.1.4(1)-1 a)", "4.1.4(1)-2 d)", "4.1.4(1)(e)"]))
        #expect(!asked.contains("4.1.4(1)(a)"), "fully covered: nothing to ask")
    }

    @Test func dutiesDifferPerOffering() throws {
        let model = DefaultModels.load("Models/examples/agency-contractor")
        let derivation = try #require(Derivation(model: model))
        let virtual = derivation.obligations(offering: "virtual-server")
        let contractorVirtual = try #require(virtual.first { $0.party == "contractor" })
        let d = try #require(contractorVirtual.duties.first { $0.entry == "4.1.4(1)-2 d)" })
        #expect(d.outcome == .shared(["provider", "contractor"]))
    }
}
