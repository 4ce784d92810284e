import DemarcModel
import DemarcTestSupport
import Testing

/// The default model and the agency/contractor example, loaded from the
/// files compiled into the binary.
enum DefaultModels {
    static func load(_ path: String = "Models/iij-gio-p2") -> Model { TestModels.derivation(path).model }
}

/// The oracle: who does each entry in each offering and how far the
/// provider's disclosures cover it, written by hand from the source document
/// (../shared/reference), not from the model. P = provider, C = customer.
///
/// The facts it rests on: p13 gives the layer owners (virtual server:
/// provider up to the hypervisor, customer from the OS; bare metal: provider
/// up to the physical server, no hypervisor, customer from the OS; VW series:
/// provider up to the physical server, customer from the hypervisor); p15
/// makes data handling the customer's. The scopes are the modeller's reading
/// recorded in mapping.yaml (organisational entries take the fixed party of
/// the topics that answer them).
struct OracleRow: CustomTestStringConvertible, Sendable {
    var entry: String
    var offering: String
    var does: Set<String>
    var coverage: Coverage
    var why: String

    var testDescription: String { "\(entry) × \(offering)" }
}

private let P: Set<String> = ["provider"]
private let C: Set<String> = ["customer"]
private let PC: Set<String> = ["provider", "customer"]
private let all3 = ["virtual-server", "bare-metal", "vw-series"]

private func rows(_ entry: String, _ does: [Set<String>], _ coverage: Coverage, _ why: String) -> [OracleRow] {
    zip(all3, does).map { OracleRow(entry: entry, offering: $0, does: $1, coverage: coverage, why: why) }
}

let oracle: [OracleRow] =
    // (a) p4: whether to entrust information; arrows to p15 certifications, p13 demarcation,
    // p15 location, p15 jurisdiction, p15 supply chain — all provider statements.
    rows("4.1.4(1)(a)", [P, P, P], .full, "p4 arrows; p13, p15 statements are the provider's")
    // (b) p5: foreign-law risk; arrows to p15 location (Japan only) and p15 jurisdiction (Tokyo).
    + rows("4.1.4(1)(b)", [P, P, P], .full, "p5 arrows; p15 location and jurisdiction")
    // (c) p6: 解説なし, one arrow to p15 data handling, which is the customer's.
    + rows("4.1.4(1)(c)", [C, C, C], .customerOnly, "p6 arrow; p15 data handling is the customer's")
    // -1 p7: rolls up a) and b).
    + rows("4.1.4(1)-1", [PC, PC, PC], .partial, "p7: a) none + b) partial")
    // -1 a) recovery requirements: scope facility/hardware/hypervisor; no SLA anywhere in the source: a gap.
    //   VW series: the customer runs the hypervisor (p13) → shared; bare metal has none → provider alone.
    + rows("4.1.4(1)-1 a)", [P, P, PC], .none, "p13 owners; no SLA stated in pp13–16")
    // -1 b) notice and migration: p16 discontinuation (provider, 3 months) + p15 data handling (customer).
    + rows("4.1.4(1)-1 b)", [PC, PC, PC], .partial, "p16 art.26 three months' notice; p15 migration is the customer's")
    // (d) p8: the whole flow, all six layers → both parties everywhere; p14, p16, p15 answer it.
    + rows("4.1.4(1)(d)", [PC, PC, PC], .full, "p8 arrows to p14 isolation, p16 capacity, p15 location")
    // -2 p9: rolls up a)–h).
    + rows("4.1.4(1)-2", [PC, PC, PC], .partial, "p9: items range from full to none")
    // -2 a) logs: hypervisor/OS/application. p16: customer logs their systems (admin rights handed over).
    + rows("4.1.4(1)-2 a)", [PC, C, C], .full, "p13 owners; p16 log acquisition")
    // -2 b) monitoring of communications: the customer's systems (p16 says it is the customer's).
    + rows("4.1.4(1)-2 b)", [C, C, C], .customerOnly, "p16 monitoring is the customer's")
    // -2 c) the provider's subcontractors: p15 data handling (customer) + p15 supply chain (provider), partly.
    + rows("4.1.4(1)-2 c)", [PC, PC, PC], .partial, "p10 arrow to p15; supply chain p15")
    // -2 d) vulnerabilities: hypervisor/OS/application. Virtual server: hypervisor is the provider's → shared;
    //   bare metal: no hypervisor → customer; VW series: the customer runs the hypervisor → customer.
    + rows("4.1.4(1)-2 d)", [PC, C, C], .partial, "p13 owners; p16 covers the provider's equipment only")
    // -2 e) RPO: hardware and data; no disclosure at all.
    + rows("4.1.4(1)-2 e)", [PC, PC, PC], .none, "no RPO in the source")
    // -2 f) encryption: OS/application/data, all the customer's; p15 says encryption is the customer's.
    + rows("4.1.4(1)-2 f)", [C, C, C], .customerOnly, "p15 encryption is the customer's")
    // -2 g) deletion: hardware (provider's media) and data (customer's); p16 provider deletes after termination.
    + rows("4.1.4(1)-2 g)", [PC, PC, PC], .partial, "p16 data after termination")
    // -2 h) disclosure on request: organisational; p10 arrow to p15 certifications (provider).
    + rows("4.1.4(1)-2 h)", [P, P, P], .partial, "p10 arrow to p15 SOC reports")
    // (e) p11: audit reports and certifications; p15 SOC1/SOC2/ISO 27017 (provider).
    + rows("4.1.4(1)(e)", [P, P, P], .full, "p11 arrow to p15 certifications")

@Suite("The derivation against the hand-written oracle")
struct DerivationOracleTests {
    let model = DefaultModels.load()

    @Test func oracleCoversEveryEntryAndOffering() {
        #expect(oracle.count == 17 * 3)
        #expect(Set(oracle.map(\.entry)) == Set(model.catalogue.entries.map(\.id)))
        #expect(Set(oracle.map(\.offering)) == Set(model.offerings.map(\.id)))
    }

    @Test(arguments: oracle)
    func cellMatchesOracle(_ row: OracleRow) throws {
        let derivation = try #require(Derivation(model: model))
        let cell = try #require(derivation.cell(entry: row.entry, offering: row.offering))
        #expect(Set(cell.outcome.parties) == row.does, "\(row.why)")
        #expect(cell.coverage == row.coverage, "\(row.why)")
        #expect(cell.accountable == "customer", "the agency (here the customer) is accountable for every clause")
        if row.does.count > 1 {
            #expect(cell.outcome == .shared(["provider", "customer"]))
        }
    }

    /// The 18 layer cells of p13, read from the source.
    @Test func layerOwnersMatchPage13() throws {
        let p13: [String: [String: String]] = [
            "virtual-server": ["facility": "provider", "hardware": "provider", "hypervisor": "provider", "os": "customer", "application": "customer", "data": "customer"],
            "bare-metal": ["facility": "provider", "hardware": "provider", "hypervisor": "n/a", "os": "customer", "application": "customer", "data": "customer"],
            "vw-series": ["facility": "provider", "hardware": "provider", "hypervisor": "customer", "os": "customer", "application": "customer", "data": "customer"],
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

    @Test func vwSeriesHypervisorCaseSaysBothWhys() throws {
        let derivation = try #require(Derivation(model: model))
        let vw = try #require(derivation.cell(entry: "4.1.4(1)-2 d)", offering: "vw-series"))
        #expect(vw.outcome == .single("customer"))
        #expect(vw.basis == .layers)
        #expect(vw.layers.map(\.layer) == ["hypervisor", "os", "application"])
        #expect(vw.risks.count == 1 && vw.risks[0].applies == false)
        let virtual = try #require(derivation.cell(entry: "4.1.4(1)-2 d)", offering: "virtual-server"))
        #expect(virtual.risks[0].applies)
    }

    @Test func gapsAreRecoveryPointObjectiveAndRecoveryRequirements() throws {
        let derivation = try #require(Derivation(model: model))
        let gaps = Set(derivation.matrix().flatMap { $0 }.filter { $0.coverage == .none }.map(\.entry))
        #expect(gaps == ["4.1.4(1)-2 e)", "4.1.4(1)-1 a)"])
    }

    @Test func basicMeasuresRollUpTheirItems() throws {
        let derivation = try #require(Derivation(model: model))
        let cell = try #require(derivation.cell(entry: "4.1.4(1)-2", offering: "vw-series"))
        #expect(cell.basis == .rollup(items: ["4.1.4(1)-2 a)", "4.1.4(1)-2 b)", "4.1.4(1)-2 c)", "4.1.4(1)-2 d)",
                                               "4.1.4(1)-2 e)", "4.1.4(1)-2 f)", "4.1.4(1)-2 g)", "4.1.4(1)-2 h)"]))
    }
}

@Suite("Mutation: the provider runs the VW series' hypervisor")
struct DerivationMutationTests {
    /// With the VW series' hypervisor moved to the provider, exactly these
    /// cells change, and to these outcomes.
    @Test func exactlyTheExpectedCellsChange() throws {
        let model = DefaultModels.load()
        var mutated = model
        let index = try #require(mutated.offerings.firstIndex { $0.id == "vw-series" })
        mutated.offerings[index].owners["hypervisor"] = .party("provider")
        let before = try #require(Derivation(model: model)).matrix().flatMap { $0 }
        let after = try #require(Derivation(model: mutated)).matrix().flatMap { $0 }
        var changed: [String: Set<String>] = [:]
        for (b, a) in zip(before, after) where b.outcome != a.outcome || b.coverage != a.coverage {
            #expect(b.offering == "vw-series", "only the VW series may change")
            #expect(b.coverage == a.coverage, "coverage does not depend on owners")
            changed[a.entry] = Set(a.outcome.parties)
        }
        #expect(changed == [
            // recovery: facility/hardware/hypervisor now all the provider's
            "4.1.4(1)-1 a)": ["provider"],
            // logs and vulnerabilities: the hypervisor is the provider's again → shared, as on a virtual server
            "4.1.4(1)-2 a)": ["provider", "customer"],
            "4.1.4(1)-2 d)": ["provider", "customer"],
        ])
        // The layers behind a cell change wherever the hypervisor is in scope, even where the outcome does not.
        let layersChanged = Set(zip(before, after).filter { $0.layers != $1.layers }.map(\.0.entry))
        #expect(layersChanged == ["4.1.4(1)-1 a)", "4.1.4(1)-2 a)", "4.1.4(1)-2 d)", "4.1.4(1)(d)"])
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
        #expect(!agency.duties.contains { $0.entry == "4.1.4(1)-2 d)" })
        // Data is shared by agency and contractor: encryption falls to both.
        #expect(agency.duties.contains { $0.entry == "4.1.4(1)-2 f)" })
        #expect(contractor.duties.contains { $0.entry == "4.1.4(1)-2 f)" })
        // Roll-ups are not listed twice.
        #expect(!contractor.duties.contains { $0.entry == "4.1.4(1)-2" })
        // Only the accountable party gets the specification/contract texts and the questions.
        #expect(contractor.demands.isEmpty && contractor.questions.isEmpty)
        #expect(Set(agency.demands.map(\.into)) == [.selectionCriteria, .specification, .contract])
        let contract = try #require(agency.demands.first { $0.into == .contract })
        #expect(contract.entry == "4.1.4(1)-2")
        #expect(!contract.conditions.isEmpty)
        let logs = try #require(contract.items.first { $0.entry == "4.1.4(1)-2 a)" })
        #expect(logs.parameters.map(\.id) == ["log-retention"])
        #expect(logs.parameters[0].value.ja == "1年間以上")
        // Questions where coverage is short, the gaps among them.
        let asked = Set(agency.questions.map(\.entry))
        #expect(asked.isSuperset(of: ["4.1.4(1)-2 e)", "4.1.4(1)-1 a)", "4.1.4(1)-2 d)"]))
        #expect(!asked.contains("4.1.4(1)(e)"))
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
