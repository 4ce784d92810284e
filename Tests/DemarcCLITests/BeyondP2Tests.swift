import Foundation
import Testing

/// Models nothing like P2 check clean and build: ten layers, four offerings
/// (on premises, where the provider owns no layer; SaaS, where a shared layer
/// sits above a provider-only one), three parties, one working for the
/// provider, no colours given (the default palette), untitled entries.
@Suite("Models beyond P2 (end to end)")
struct BeyondP2Tests {
    static let tenLayers = Demarc.packageRoot.appendingPathComponent("Tests/DemarcModelTests/Fixtures/beyond-p2/ten-layers").path

    @Test func tenLayersFourOfferingsThreePartiesCheckCleanAndBuild() async throws {
        let check = try await Demarc.run(["check", Self.tenLayers])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("3 parties, 10 layers, 4 offerings"))
        #expect(check.stdout.contains("0 warnings"))
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let build = try await Demarc.run(["build", Self.tenLayers, "--out", dir + "/o", "--format", "svg", "--jobs", "0"])
        #expect(build.status == 0, "\(build.stderr)")
        for language in ["ja", "en"] {
            for name in ["offering-on-premises", "offering-iaas", "offering-paas", "offering-saas", "comparison"] {
                #expect(FileManager.default.fileExists(atPath: "\(dir)/o/\(language)/diagrams/\(name).svg"), "\(language) \(name)")
            }
            #expect(FileManager.default.fileExists(atPath: "\(dir)/o/\(language)/pages/index.html"))
        }
        let comparison = try String(contentsOfFile: dir + "/o/en/diagrams/comparison.svg", encoding: .utf8)
        #expect(comparison.contains("DC operator"), "the party working for the provider is drawn")
        #expect(comparison.contains("Apply patches"), "an untitled entry is named by its text")
        #expect(comparison.contains("#6a1b9a"), "the default palette's third colour for the third party")
        // The standard's own words for its levels of entry.
        let explain = try await Demarc.run(["explain", "C-1.1 a)", Self.tenLayers, "--lang", "en"])
        #expect(explain.stdout.contains("implementation guidance, measure, under C-1.1"), "\(explain.stdout.prefix(600))")
        let ja = try await Demarc.run(["explain", "C-1.1", Self.tenLayers])
        #expect(ja.stdout.contains("管理策"), "\(ja.stdout.prefix(600))")
        // …and for its roles and the documents a demand goes into.
        let obligations = try await Demarc.run(["obligations", "--offering", "saas", Self.tenLayers, "--lang", "en"])
        #expect(obligations.status == 0, "\(obligations.stderr)")
        #expect(obligations.stdout.contains("The cloud service customer's own decisions"), "\(obligations.stdout.prefix(800))")
        #expect(obligations.stdout.contains("What the statement of requirements, service agreement and selection criteria must say"))
        #expect(obligations.stdout.contains("[service agreement] C-1: State who is responsible for what"), "\(obligations.stdout)")
        let page = try String(contentsOfFile: dir + "/o/en/pages/index.html", encoding: .utf8)
        #expect(page.contains("what the cloud service customer must ask"))
        let jaObligations = try await Demarc.run(["obligations", "--offering", "saas", Self.tenLayers])
        #expect(jaObligations.stdout.contains("クラウドサービスカスタマが自ら判断する事項"), "\(jaObligations.stdout.prefix(600))")
        #expect(jaObligations.stdout.contains("要求事項書・サービス合意書・選定基準に記載する事項"))
    }

    static let englishOnly = Demarc.packageRoot.appendingPathComponent("Tests/DemarcModelTests/Fixtures/beyond-p2/english-only").path

    @Test func aModelWithNoJapaneseChecksAndBuildsInEnglishOnly() async throws {
        let check = try await Demarc.run(["check", Self.englishOnly])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("0 warnings"), "no warning about a missing translation")
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let build = try await Demarc.run(["build", Self.englishOnly, "--out", dir + "/o", "--format", "svg", "--jobs", "0"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/o").sorted() == ["en", "manifest.json"])
        let page = try String(contentsOfFile: dir + "/o/en/pages/index.html", encoding: .utf8)
        #expect(page.contains("Example SaaS against Example Controls"))
        #expect(!page.contains("../ja/") && !page.contains("/ja/pages"), "no link to a language the model is not written in")
        let explain = try await Demarc.run(["explain", "EC-1.1", Self.englishOnly])
        #expect(explain.status == 0 && explain.stdout.contains("supplies evidence:"), "English by default: \(explain.stderr)")
        for arguments in [["explain", "EC-1.1", Self.englishOnly, "--lang", "ja"], ["build", Self.englishOnly, "--lang", "ja", "--out", dir + "/x"]] {
            let refused = try await Demarc.run(arguments)
            #expect(refused.status == 2, "\(arguments)")
            #expect(refused.stderr.contains("the model is written in en only (model.languages), not 'ja'"))
        }
    }
}
