import Testing
@testable import DemarcModel
import DemarcResources

// What the loader decodes, construct by construct: the embedded default model
// (Models/iij-gio-p2 with the catalogue in Models/catalogues), the
// agency-contractor example, and a small inline model for what those two do
// not use (overrides, correspondences).

private let defaultResult = loadEmbedded("Models/iij-gio-p2")
private let exampleResult = loadEmbedded("Models/examples/agency-contractor")

private func defaultModel() throws -> Model { try #require(defaultResult.model) }
private func exampleModel() throws -> Model { try #require(exampleResult.model) }

private let offeringIDs = ["virtual-server", "bare-metal", "vw-series"]

/// The line of an embedded file that a location points at (the models change; their lines are not pinned here).
private func line(at location: DemarcModel.SourceLocation) throws -> String {
    let bytes = try #require(Resources.file(location.file))
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    return String(lines[location.line - 1])
}

@Suite("Decoding the embedded models")
struct EmbeddedModelDecodingTests {
    @Test func defaultModelHasNoDiagnostics() {
        #expect(defaultResult.diagnostics.isEmpty, "\(defaultResult.diagnostics)")
        #expect(defaultResult.model != nil)
        #expect(
            defaultResult.files == [
                "Models/iij-gio-p2/mapping.yaml", "Models/iij-gio-p2/model.yaml", "Models/iij-gio-p2/topics.yaml",
                "Models/catalogues/unified-standards-fy2016/catalogue.yaml",
            ])
    }

    @Test func agencyContractorExampleHasNoDiagnostics() {
        #expect(exampleResult.diagnostics.isEmpty, "\(exampleResult.diagnostics)")
        #expect(exampleResult.model != nil)
        #expect(exampleResult.files.last == "Models/catalogues/unified-standards-fy2016/catalogue.yaml")
    }

    @Test func metadata() throws {
        let m = try defaultModel().metadata
        #expect(m.id == "iij-gio-p2")
        #expect(m.name == Text(ja: "IIJ GIOインフラストラクチャーP2 × 統一基準 4.1.4", en: "IIJ GIO Infrastructure P2 × Unified Standards 4.1.4"))
        #expect(m.version == "1.0.0")
        #expect(m.asOf == Day(year: 2017, month: 3, day: 31))
        #expect(m.asOf.description == "2017-03-31")
        #expect(m.cataloguePath == "../catalogues/unified-standards-fy2016")
        #expect(m.provider?.en == "Internet Initiative Japan Inc. (IIJ)")
        #expect(m.service?.ja == "IIJ GIOインフラストラクチャーP2")
        #expect(m.notes.count == 6)
        #expect(m.notes.allSatisfy { !$0.ja.isEmpty && $0.en != nil })
        #expect(m.location.file == "Models/iij-gio-p2/model.yaml")
        #expect(try line(at: m.location) == "  id: iij-gio-p2")
        #expect(m.location.column == 3)
    }

    @Test func sources() throws {
        let sources = try defaultModel().metadata.sources
        #expect(sources.map(\.id) == ["iij-p2-info"])
        let source = try #require(sources.first)
        #expect(source.title.ja.hasSuffix("(IIJ GIOインフラストラクチャーP2)"))
        #expect(source.publisher == Text(ja: "株式会社インターネットイニシアティブ", en: "Internet Initiative Japan Inc."))
        #expect(source.url == "https://www.iij.ad.jp/")
        #expect(try defaultModel().source("iij-p2-info") != nil)
    }

    @Test func parties() throws {
        let model = try defaultModel()
        #expect(model.parties.map(\.id) == ["provider", "customer"])
        let provider = try #require(model.party("provider"))
        #expect(provider.name == Text(ja: "事業者（IIJ）", en: "Provider (IIJ)"))
        #expect(provider.short == Text(ja: "事業者", en: "Provider"))
        #expect(provider.label == Text(ja: "事業者", en: "Provider"))
        #expect(provider.side == .provider)
        #expect(provider.role == .provider)
        #expect(provider.colour == Colour(red: 0x1f, green: 0x4e, blue: 0x79))
        #expect(provider.description?.ja.hasPrefix("クラウドサービス事業者") == true)
        let customer = try #require(model.party("customer"))
        #expect(customer.side == .customer)
        #expect(customer.role == .user)
        #expect(customer.colour.description == "#8a4500")
    }

    @Test func aCustomerSideUserIsAccountableInTheTwoPartyModel() throws {
        let model = try defaultModel()
        #expect(model.catalogue.accountableRole == .agency)
        #expect(Derivation.accountableParty(role: .agency, parties: model.parties)?.id == "customer")
    }

    @Test func layersBottomToTop() throws {
        let layers = try defaultModel().layers
        #expect(layers.map(\.id) == ["facility", "hardware", "hypervisor", "os", "application", "data"])
        #expect(layers[0].name == Text(ja: "ファシリティ（データセンター）", en: "Facility (data centre)"))
        #expect(layers[3].name == Text(ja: "OS", en: "Operating system (OS)"))
        #expect(layers.allSatisfy { $0.description != nil })
    }

    @Test func offeringsWithTheOwnersOfPage13() throws {
        let model = try defaultModel()
        #expect(model.offerings.map(\.id) == offeringIDs)
        let virtual = try #require(model.offering("virtual-server"))
        #expect(
            virtual.owners == [
                "facility": .party("provider"), "hardware": .party("provider"), "hypervisor": .party("provider"),
                "os": .party("customer"), "application": .party("customer"), "data": .party("customer"),
            ])
        let vw = try #require(model.offering("vw-series"))
        #expect(vw.owners["hypervisor"] == .party("customer"))
        #expect(vw.owners["hardware"] == .party("provider"))
        #expect(vw.name == Text(ja: "仮想化プラットフォーム VWシリーズ", en: "Virtualization platform VW series"))
        #expect(vw.label == Text(ja: "VWシリーズ", en: "VW series"))
        for offering in model.offerings {
            #expect(Set(offering.owners.keys) == Set(model.layers.map(\.id)), "\(offering.id)")
            #expect(offering.source == SourceRef(document: "iij-p2-info", page: 13))
            #expect(offering.tenancySource == SourceRef(document: "iij-p2-info", page: 14))
            #expect(offering.notes.count == 1)
            #expect(offering.description != nil)
        }
        #expect(model.offerings.map(\.tenancy) == [.multiTenant, .dedicated, .dedicated])
    }

    @Test func bareMetalHasNoHypervisor() throws {
        let bare = try #require(try defaultModel().offering("bare-metal"))
        #expect(
            bare.owners["hypervisor"]
                == .notApplicable(
                    reason: Text(
                        ja: "物理サーバをそのまま提供するため、仮想化層はない",
                        en: "The physical server is provided as is; there is no virtualisation layer")))
        #expect(bare.owners["hypervisor"]?.parties == [])
        #expect(bare.owners["os"] == .party("customer"))
        let location = try #require(bare.ownerLocations["hypervisor"])
        #expect(try line(at: location) == "      hypervisor:")
        #expect(location.column == 7)
    }

    @Test func agencyContractorSharesTheData() throws {
        let model = try exampleModel()
        #expect(model.parties.map(\.id) == ["provider", "agency", "contractor"])
        #expect(model.parties.map(\.role) == [.provider, .agency, .contractor])
        #expect(Derivation.accountableParty(role: .agency, parties: model.parties)?.id == "agency")
        for id in offeringIDs {
            let offering = try #require(model.offering(id))
            #expect(offering.owners["data"] == .shared(["agency", "contractor"]), "\(id)")
            #expect(offering.owners["data"]?.parties == ["agency", "contractor"])
            #expect(offering.owners["os"] == .party("contractor"))
        }
        #expect(model.offering("vw-series")?.owners["hypervisor"] == .party("contractor"))
        #expect(model.offering("bare-metal")?.owners["hypervisor"]?.parties == [])
        #expect(model.metadata.notes.count == 7)
    }

    @Test func topics() throws {
        let model = try defaultModel()
        #expect(
            model.topics.map(\.id) == [
                "demarcation", "resource-isolation", "certifications", "jurisdiction", "facility-location", "supply-chain",
                "data-handling", "service-discontinuation", "capacity-management", "communications-monitoring",
                "data-after-termination", "log-acquisition", "vulnerability",
            ])
        #expect(model.topic("demarcation")?.responsible == .followsDemarcation)
        #expect(model.topic("log-acquisition")?.responsible == .followsDemarcation)
        #expect(model.topic("data-handling")?.responsible == .parties(["customer"]))
        #expect(model.topic("vulnerability")?.responsible == .parties(["provider"]))
        #expect(model.topic("resource-isolation")?.source == SourceRef(document: "iij-p2-info", page: 14))
        #expect(model.topic("service-discontinuation")?.source.page == 16)
        #expect(model.topic("demarcation")?.title == Text(ja: "責任分解点について", en: "Demarcation point"))
        #expect(model.topic("demarcation")?.notes.count == 1)
    }

    @Test func topicStatementsPerOffering() throws {
        let model = try defaultModel()
        let isolation = try #require(model.topic("resource-isolation"))
        #expect(Set(isolation.statements.keys) == Set(offeringIDs))
        #expect(isolation.statement(for: "bare-metal").ja == "物理サーバを1台ごとに丸ごと提供することで、サーバの資源を他の利用者と分けている。")
        #expect(isolation.statement(for: "bare-metal") != isolation.statement)
        #expect(Set(try #require(model.topic("demarcation")).statements.keys) == Set(offeringIDs))
        let handling = try #require(model.topic("data-handling"))
        #expect(handling.statements.isEmpty)
        #expect(handling.statement(for: "vw-series") == handling.statement)
    }

    @Test func sic() throws {
        let model = try defaultModel()
        #expect(model.topics.filter(\.sic).map(\.id) == ["vulnerability"])
        #expect(model.topic("vulnerability")?.statement.ja.contains("[sic]") == true)
    }

    @Test func evidence() throws {
        let model = try defaultModel()
        let certifications = try #require(model.topic("certifications"))
        #expect(certifications.evidence.map(\.id) == ["soc1-type2", "soc2-type2", "iso27017-certification", "iso27017-white-paper"])
        #expect(certifications.evidence.map(\.kind) == [.auditReport, .auditReport, .certification, .whitePaper])
        #expect(certifications.evidence[3].url == "https://www.iij.ad.jp/GIO/security/iso_iec_27017_wp.pdf")
        #expect(certifications.evidence.allSatisfy { $0.validFrom == nil && $0.validUntil == nil })
        let jurisdiction = try #require(model.topic("jurisdiction")?.evidence.first)
        #expect(jurisdiction.id == "agreement-ch1-art7")
        #expect(jurisdiction.kind == .contractArticle)
        #expect(jurisdiction.reference == Text(ja: "一般規程 第1章 第7条", en: "General Rules, ch. 1, art. 7"))
        #expect(jurisdiction.url == "https://www.iij.ad.jp/svcsol/agreement/")
        #expect(model.topic("service-discontinuation")?.evidence.map(\.kind) == [.contractArticle])
        let kinds = Set(model.topics.flatMap(\.evidence).map(\.kind))
        #expect(kinds == [.auditReport, .certification, .whitePaper, .contractArticle])
    }

    @Test func agencyContractorTopicResponsibility() throws {
        let model = try exampleModel()
        #expect(model.topic("data-handling")?.responsible == .parties(["agency", "contractor"]))
        #expect(model.topic("communications-monitoring")?.responsible == .parties(["contractor"]))
        #expect(model.topics.count == 13)
    }

    @Test func catalogue() throws {
        let catalogue = try defaultModel().catalogue
        #expect(catalogue.id == "unified-standards-fy2016")
        #expect(catalogue.standard.ja == "政府機関等の情報セキュリティ対策のための統一基準群")
        #expect(catalogue.edition == Text(ja: "平成28年度版", en: "FY2016"))
        #expect(catalogue.accountableRole == .agency)
        #expect(catalogue.source == nil)
        #expect(catalogue.correspondences.isEmpty)
        #expect(catalogue.location.file == "Models/catalogues/unified-standards-fy2016/catalogue.yaml")
    }

    @Test func catalogueEntriesKindsAndParents() throws {
        let entries = try defaultModel().catalogue.entries
        #expect(entries.count == 17)
        let letters = ["a", "b", "c", "d", "e", "f", "g", "h"]
        #expect(
            entries.map(\.id) == [
                "4.1.4(1)(a)", "4.1.4(1)(b)", "4.1.4(1)(c)", "4.1.4(1)-1", "4.1.4(1)-1 a)", "4.1.4(1)-1 b)",
                "4.1.4(1)(d)", "4.1.4(1)-2",
            ] + letters.map { "4.1.4(1)-2 \($0))" } + ["4.1.4(1)(e)"])
        #expect(entries.filter { $0.kind == .requirement }.map(\.id) == ["4.1.4(1)(a)", "4.1.4(1)(b)", "4.1.4(1)(c)", "4.1.4(1)(d)", "4.1.4(1)(e)"])
        #expect(entries.filter { $0.kind == .basicMeasure }.map(\.id) == ["4.1.4(1)-1", "4.1.4(1)-2"])
        #expect(entries.filter { $0.kind == .example }.count == 10)
        #expect(entries.filter { $0.kind == .requirement }.allSatisfy { $0.parent == nil })
        let parents = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0.parent) })
        #expect(parents["4.1.4(1)-1"] == "4.1.4(1)(c)")
        #expect(parents["4.1.4(1)-1 b)"] == "4.1.4(1)-1")
        #expect(parents["4.1.4(1)-2"] == "4.1.4(1)(d)")
        #expect(parents["4.1.4(1)-2 h)"] == "4.1.4(1)-2")
        let catalogue = try defaultModel().catalogue
        #expect(catalogue.children(of: "4.1.4(1)-2").count == 8)
        #expect(catalogue.children(of: "4.1.4(1)-1").map(\.id) == ["4.1.4(1)-1 a)", "4.1.4(1)-1 b)"])
    }

    @Test func catalogueEntryTexts() throws {
        let catalogue = try defaultModel().catalogue
        let a = try #require(catalogue.entry("4.1.4(1)(a)"))
        #expect(a.commentary.count == 5)
        #expect(a.source == SourceRef(page: 4))
        #expect(a.title != nil && a.text.en != nil)
        #expect(catalogue.entry("4.1.4(1)(c)")?.commentary.isEmpty == true, "「解説なし」 is an empty list")
        #expect(catalogue.entry("4.1.4(1)(e)")?.source?.page == 11)
        #expect(catalogue.entry("4.1.4(1)-2 e)")?.title == Text(ja: "復旧時点目標（RPO）等の指標", en: "Recovery point objective (RPO) and similar indicators"))
        #expect(catalogue.entry("4.1.4(1)-2 a)")?.slug == "4-1-4-1-2-a")
    }

    @Test func demands() throws {
        let catalogue = try defaultModel().catalogue
        let one = try #require(catalogue.entry("4.1.4(1)-1"))
        #expect(one.demands.map(\.into) == [.selectionCriteria, .specification])
        #expect(one.demands[1].text == Text(ja: "仕様内容にも含めること", en: "Also include them in the specification"))
        let two = try #require(catalogue.entry("4.1.4(1)-2"))
        #expect(two.demands.map(\.into) == [.contract])
        #expect(two.demands[0].text.ja == "以下を例とするセキュリティ要件をクラウドサービスに求め、契約内容にも含めること")
        #expect(catalogue.entries.filter { !$0.demands.isEmpty }.map(\.id) == ["4.1.4(1)(b)", "4.1.4(1)(c)", "4.1.4(1)-1", "4.1.4(1)-2", "4.1.4(1)(e)"])
        let iso = try #require(catalogue.entry("4.1.4(1)(e)")?.demands.first)
        #expect(iso.into == .selectionCriteria && iso.strength == .desirable, "the commentary only suggests it")
    }

    @Test func parameters() throws {
        let catalogue = try defaultModel().catalogue
        let logs = try #require(catalogue.entry("4.1.4(1)-2 a)"))
        #expect(logs.parameters.count == 1)
        let retention = try #require(logs.parameters.first)
        #expect(retention.id == "log-retention")
        #expect(retention.name == Text(ja: "ログの保存期間", en: "Log retention period"))
        #expect(retention.value == Text(ja: "1年間以上", en: "one year or more"))
        #expect(retention.strength == .desirable)
        let recovery = try #require(catalogue.entry("4.1.4(1)-1 a)"))
        #expect(recovery.parameters.map(\.id) == ["availability-class"])
        #expect(recovery.parameters.map(\.strength) == [.required])
        #expect(catalogue.entries.filter { !$0.parameters.isEmpty }.map(\.id) == ["4.1.4(1)-1 a)", "4.1.4(1)-1 b)", "4.1.4(1)-2 a)"])
    }

    @Test func conditions() throws {
        let catalogue = try defaultModel().catalogue
        let condition = try #require(catalogue.entry("4.1.4(1)-2")?.conditions.first)
        #expect(condition.when == Text(ja: "運用段階で委託先が変更となる場合", en: "Where the contractor changes during the operation phase"))
        #expect(condition.then?.ja.hasPrefix("開発段階等で設計したセキュリティ要件のうち継承が必須なもの") == true, "what follows from it")
        #expect(catalogue.entries.filter { !$0.conditions.isEmpty }.map(\.id) == ["4.1.4(1)-2"])
    }

    @Test func mappingScopes() throws {
        let model = try defaultModel()
        #expect(model.mapping.count == 17)
        #expect(model.mapping.map(\.entry) == model.catalogue.entries.map(\.id))
        #expect(model.mapping(for: "4.1.4(1)(a)")?.scope == .organisational)
        #expect(model.mapping(for: "4.1.4(1)-1 a)")?.scope == .layers(["facility", "hardware", "hypervisor"]))
        #expect(model.mapping(for: "4.1.4(1)(d)")?.scope == .layers(["facility", "hardware", "hypervisor", "os", "application", "data"]))
        #expect(model.mapping(for: "4.1.4(1)-2 d)")?.scope == .layers(["hardware", "hypervisor", "os", "application"]))
        // Basic measures with items roll up and carry no scope of their own.
        #expect(model.mapping(for: "4.1.4(1)-1")?.scope == nil)
        #expect(model.mapping(for: "4.1.4(1)-2")?.scope == nil)
        #expect(model.mapping.allSatisfy { $0.scopeBasis == .interpretation })
    }

    @Test func mappingAnswers() throws {
        let model = try defaultModel()
        let a = try #require(model.mapping(for: "4.1.4(1)(a)"))
        #expect(a.answers.map(\.topic) == ["certifications", "demarcation", "facility-location", "jurisdiction", "supply-chain"])
        #expect(a.answers.allSatisfy { $0.coverage == .full && $0.basis == .source && $0.arrowPage == 4 && $0.note == nil })
        let measure = try #require(model.mapping(for: "4.1.4(1)-1"))
        #expect(measure.answers.map(\.coverage) == [.customerOnly, .partial])
        #expect(measure.answers.map(\.arrowPage) == [7, 7])
        #expect(measure.answers[1].note?.ja.hasPrefix("約款上の3か月前の通知") == true)
        let item = try #require(model.mapping(for: "4.1.4(1)-1 b)"))
        #expect(item.answers.map(\.basis) == [.interpretation, .interpretation])
        #expect(item.answers.map(\.arrowPage) == [nil, nil])
        #expect(item.question != nil)
        #expect(model.mapping(for: "4.1.4(1)-1 a)")?.answers.isEmpty == true, "a gap")
        #expect(model.mapping(for: "4.1.4(1)-2 d)")?.answers.first?.arrowPage == 10)
    }

    @Test func mappingConsiderations() throws {
        let model = try defaultModel()
        let d = try #require(model.mapping(for: "4.1.4(1)-2 d)"))
        #expect(d.considerations.map(\.appliesTo) == [.multiTenant])
        #expect(d.considerations.first?.text.en == "the hypervisor vulnerabilities of multi-tenant environments that the commentary names")
        #expect(model.mapping.filter { !$0.considerations.isEmpty }.map(\.entry) == ["4.1.4(1)-2 d)"])
    }

    @Test func noOverrides() throws {
        #expect(try defaultModel().overrides.isEmpty)
        #expect(try exampleModel().overrides.isEmpty)
    }
}

@Suite("Decoding an inline model")
struct InlineModelDecodingTests {
    /// The base model plus a second offering, overrides and correspondences,
    /// and the optional fields the default model leaves out.
    static let yaml = ValidModel.file([
        ValidModel.header,
        ValidModel.model + """

              provider: 事業者
              notes: [{ja: 注, en: Note}]
            """,
        ValidModel.parties,
        ValidModel.layers,
        ValidModel.offerings + """

              - id: bare-metal
                name: {ja: 物理サーバ, en: Bare metal}
                tenancy: dedicated
                owners:
                  hardware: provider
                  hypervisor: {not-applicable: {ja: 仮想化層はない, en: No virtualisation layer}}
                  os: [customer, provider]
            """,
        ValidModel.topics + """

                    reference: {ja: 第7条, en: art. 7}
                    note: {ja: 補足, en: Remark}
                sic: true
                notes: [{ja: 注記, en: A note}]
            """,
        ValidModel.catalogue + """

              correspondences:
                - entry: "4.1.4(1)(a)"
                  edition: unified-standards-fy2018
                  other: "4.1.4(1)(a)"
                  relation: equivalent
                  note: {ja: 同じ条文, en: The same clause}
                - entry: "4.1.4(1)-1 a)"
                  edition: unified-standards-fy2018
                  other: "4.1.4(1)-1 b)"
                  relation: narrower
            """,
        ValidModel.mapping + """

                scope-basis: source
                answers:
                  - topic: isolation
                    coverage: customer-only
                    basis: source
                    arrow: {page: 9}
                    note: {ja: 注, en: Note}
                question: {ja: 質問, en: Question}
                notes: [{ja: 覚え書き, en: Memo}]
            """,
        ValidModel.overrides + """

              - entry: "4.1.4(1)-1 a)"
                offering: virtual-server
                does: [provider, customer]
                reason: {ja: 両者で行う, en: Both do it}
              - entry: "4.1.4(1)(a)"
                offering: bare-metal
                does: not-applicable
                reason: {ja: 該当しない, en: Does not apply}
            """,
    ])

    static let result = load(yaml)

    func model() throws -> Model { try #require(Self.result.model) }

    /// Only the provider's name, a plain string, lacks English (line 10).
    @Test func hasOnlyTheMissingEnglishWarning() {
        #expect(Self.result.rules == ["text-missing-en"], "\(Self.result.diagnostics)")
        expectDiagnostic(Self.result, "text-missing-en", line: 10, column: 13, severity: .warning)
        #expect(Self.result.model != nil)
    }

    @Test func overrides() throws {
        let overrides = try model().overrides
        #expect(overrides.map(\.entry) == ["4.1.4(1)(a)", "4.1.4(1)-1 a)", "4.1.4(1)(a)"])
        #expect(overrides.map(\.offering) == ["virtual-server", "virtual-server", "bare-metal"])
        #expect(overrides.map(\.does) == [["provider"], ["provider", "customer"], []], "not-applicable is no party")
        #expect(overrides[1].reason == Text(ja: "両者で行う", en: "Both do it"))
    }

    @Test func correspondences() throws {
        let correspondences = try model().catalogue.correspondences
        #expect(correspondences.count == 2)
        #expect(
            correspondences[0]
                == Correspondence(
                    entry: "4.1.4(1)(a)", edition: "unified-standards-fy2018", other: "4.1.4(1)(a)",
                    relation: .equivalent, note: Text(ja: "同じ条文", en: "The same clause"),
                    location: correspondences[0].location))
        #expect(correspondences[1].relation == .narrower)
        #expect(correspondences[1].other == "4.1.4(1)-1 b)")
        #expect(correspondences[1].note == nil)
    }

    @Test func optionalFields() throws {
        let model = try model()
        #expect(model.metadata.provider == Text(ja: "事業者"))
        #expect(model.metadata.notes == [Text(ja: "注", en: "Note")])
        let bare = try #require(model.offering("bare-metal"))
        #expect(bare.tenancy == .dedicated)
        #expect(bare.owners["os"] == .shared(["customer", "provider"]))
        #expect(bare.source == nil)
        let evidence = try #require(model.topic("isolation")?.evidence.first)
        #expect(evidence.validFrom == Day("2016-04-01"))
        #expect(evidence.validUntil == Day("2017-12-31"))
        #expect(evidence.reference == Text(ja: "第7条", en: "art. 7"))
        #expect(evidence.note == Text(ja: "補足", en: "Remark"))
        #expect(model.topic("isolation")?.sic == true)
        #expect(model.topic("isolation")?.notes.count == 1)
        let item = try #require(model.mapping(for: "4.1.4(1)-1 a)"))
        #expect(item.scopeBasis == .source)
        #expect(item.answers.map(\.coverage) == [.customerOnly])
        #expect(item.answers.first?.arrowPage == 9)
        #expect(item.question == Text(ja: "質問", en: "Question"))
        #expect(item.notes == [Text(ja: "覚え書き", en: "Memo")])
    }

    @Test func textForms() throws {
        let model = try model()
        // A plain string is Japanese only; English falls back to it.
        #expect(model.metadata.provider?.en == nil)
        #expect(model.metadata.provider?[.en] == "事業者")
        #expect(model.party("provider")?.name[.en] == "Provider")
    }
}
