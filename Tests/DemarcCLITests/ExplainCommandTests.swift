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
        let vw = sections.first { $0.contains("[vw-series]") } ?? ""
        #expect(virtual.contains("does:             shared: Provider [provider] + Customer [customer]"))
        #expect(virtual.contains("applies here"))
        #expect(vw.contains("does:             Customer [customer]"))
        #expect(vw.contains("Hypervisor (virtualisation platform), Operating system (OS) and Middleware and applications are run by Customer"))
        #expect(vw.contains("hardly arises here"))
        #expect(vw.contains("accountable:      Customer [customer]"))
    }

    @Test func japaneseIsTheDefault() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)-2 d)", "--offering", "vw-series"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("脆弱性対策"))
        #expect(r.stdout.contains("実施:             利用者 [customer]"))
        #expect(r.stdout.contains("ほとんど生じない"))
        #expect(!r.stdout.contains("[virtual-server]"))
    }

    @Test func customerOnlyEntry() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)-2 b)", "--offering", "virtual-server", "--lang", "en"])
        #expect(r.stdout.contains("does:             Customer [customer]"))
        #expect(r.stdout.contains("coverage:         customer's job only"))
        #expect(r.stdout.contains("Monitoring of communications (p16)"))
    }

    @Test func providerOnlyEntry() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)(e)", "--offering", "bare-metal", "--lang", "en"])
        #expect(r.stdout.contains("does:             Provider [provider]"))
        #expect(r.stdout.contains("coverage:         covered"))
        #expect(r.stdout.contains("SOC"))
        #expect(r.stdout.contains("concerns the organisation or the contract, not a layer"))
    }

    @Test func gapEntry() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)-2 e)", "--lang", "en"])
        #expect(r.stdout.contains("coverage:         gap"))
        #expect(r.stdout.contains("ask the provider:"))
        #expect(r.stdout.components(separatedBy: "coverage:         gap").count == 4)
    }

    @Test func everyEntryCanBeExplained() async throws {
        let r = try await Demarc.run(["explain", "--all"])
        #expect(r.status == 0)
        #expect(r.stdout.components(separatedBy: "  ■ ").count == 17 * 3 + 1)
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
