import Foundation
import Testing

@Suite("demarc explain (end to end)")
struct ExplainCommandTests {
    @Test func vulnerabilityCountermeasuresDifferBetweenVirtualServerAndVWSeries() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)-2 d)", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        let sections = r.stdout.components(separatedBy: "  ■ ")
        #expect(sections.count == 4)
        let virtual = sections.first { $0.hasPrefix("Virtual server") } ?? ""
        let vw = sections.first { $0.hasPrefix("Virtualization platform VW series") } ?? ""
        #expect(virtual.contains("decides:            Customer"))
        #expect(virtual.contains("does (confirmed):   Provider: Hardware and Hypervisor\n                        Customer: OS and Application"))
        #expect(virtual.contains("applies here"))
        #expect(vw.contains("Provider: Hardware\n                        Customer: Hypervisor, OS and Application"))
        #expect(vw.contains("hardly arises here"))
        #expect(vw.contains("accountable:        Customer"))
        #expect(vw.contains("(the provider runs here: Hardware)"), "VW's question does not ask about a provider hypervisor")
        #expect(!r.stdout.contains("[customer]"), "no ids unless asked for")
    }

    @Test func theHeaderNamesTheModelVersionAsOfAndSource() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)(a)", "--lang", "en"])
        let head = r.stdout.split(separator: "\n").prefix(3).joined(separator: "\n")
        #expect(head.contains("IIJ GIO Infrastructure P2 × Unified Standards 4.1.4 (v1.0.0, as of 2017-03-31)"))
        #expect(head.contains("Standard: Unified Standards for Information Security Measures for Government Agencies, FY2016"))
        #expect(head.contains("Source: Information provided for the Unified Standards"))
        let ids = try await Demarc.run(["explain", "4.1.4(1)(a)", "--lang", "en", "--ids"])
        #expect(ids.stdout.contains("Customer [customer]") && ids.stdout.contains("[certifications]"))
    }

    @Test func japaneseIsTheDefault() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)-2 d)", "--offering", "vw-series"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("脆弱性対策"))
        #expect(r.stdout.contains("判断:               利用者"))
        #expect(r.stdout.contains("ほとんど生じない"))
        #expect(!r.stdout.contains("仮想サーバ\n"))
    }

    @Test func customerOnlyEntry() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)-2 b)", "--offering", "virtual-server", "--lang", "en"])
        #expect(r.stdout.contains("does:               Customer"))
        #expect(r.stdout.contains("coverage:           customer's job only"))
        #expect(r.stdout.contains("Monitoring of communications (p16)"))
    }

    /// Issue 12's acceptance: the agency evaluates, the provider supplies the
    /// SOC and ISO evidence with its page, and what is missing is said.
    @Test func theAgencyEvaluatesTheProviderSuppliesTheEvidence() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)(e)", "--lang", "en"])
        #expect(r.stdout.contains("■ All offerings"), "said once for every offering")
        #expect(r.stdout.contains("decides:            Customer"))
        #expect(r.stdout.contains("does:               Customer"))
        #expect(
            r.stdout.contains(
                "supplies evidence:  Provider: SOC 1 Type 2 report, SOC 2 Type 2 report (availability, security), ISO/IEC 27017:2015 certification"))
        #expect(r.stdout.contains("(p15)"))
        #expect(r.stdout.contains("not disclosed:      the audit reports' period, scope and any exceptions"))
        #expect(r.stdout.contains("asks the customer for its own judgement: it decides in every offering"))
        #expect(!r.stdout.contains("does:               Provider"))
        let ja = try await Demarc.run(["explain", "4.1.4(1)(e)"])
        #expect(ja.stdout.contains("判断:               利用者") && ja.stdout.contains("情報提供:           事業者: SOC1 Type2 報告書"))
    }

    @Test func gapEntry() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)-2 e)", "--lang", "en"])
        #expect(r.stdout.contains("coverage:           gap"))
        #expect(r.stdout.contains("ask the provider:"))
        #expect(r.stdout.contains("(follows the layers; nothing disclosed)"))
        #expect(r.stdout.contains("why:                Nothing is disclosed on this"), "a gap says so first")
    }

    @Test func everyEntryCanBeExplained() async throws {
        let r = try await Demarc.run(["explain", "--all"])
        #expect(r.status == 0)
        #expect(r.stdout.components(separatedBy: "\n4.1.4").count == 17 + 1)
        #expect(!r.stdout.contains("⟦"))
    }

    @Test func unknownEntrySuggestsTheClosest() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)-2 z)"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("did you mean"))
        let offering = try await Demarc.run(["explain", "4.1.4(1)(a)", "--offering", "vw-serie"])
        #expect(offering.status == 2)
        #expect(offering.stderr.contains("did you mean 'vw-series'?"))
    }

    @Test func entryBySlugOrFullWidthForm() async throws {
        let bySlug = try await Demarc.run(["explain", "4-1-4-1-2-d", "--offering", "vw-series"])
        let byFullWidth = try await Demarc.run(["explain", "４.１.４(１)-２ d)", "--offering", "vw-series"])
        let byID = try await Demarc.run(["explain", "4.1.4(1)-2 d)", "--offering", "vw-series"])
        #expect(bySlug.stdout == byID.stdout)
        #expect(byFullWidth.stdout == byID.stdout)
    }
}
