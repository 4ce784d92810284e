import Foundation
import Testing

/// One way to name the model: the last positional argument on every command,
/// `--model` as well; and overlays from `demarc init --extends`.
@Suite("The model on the command line, and overlays from init (end to end)")
struct ModelArgumentTests {
    static let p2 = Demarc.packageRoot.appendingPathComponent("Models/iij-gio-p2").path
    static let overlay = Demarc.packageRoot.appendingPathComponent("Models/examples/agency-contractor").path

    @Test func everyCommandTakesTheModelLastOrAsAnOption() async throws {
        let entry = "4.1.4(1)-2 d)"
        let forms: [[String]] = [
            ["explain", entry, Self.overlay, "--lang", "en"], ["explain", entry, "--lang", "en", "--model", Self.overlay],
            ["explain", "--all", Self.overlay], ["obligations", Self.overlay, "--lang", "en"], ["obligations", "--model", Self.overlay],
            ["check", Self.overlay], ["check", "--model", Self.overlay],
        ]
        for arguments in forms {
            let r = try await Demarc.run(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            #expect(r.stdout.contains("受注者") || r.stdout.contains("Contractor") || r.stdout.contains("3 parties"), "\(arguments) read the default model")
        }
        let named = try await Demarc.run(["explain", entry, Self.overlay, "--lang", "en"])
        #expect(
            named.stdout.contains("(agency and contractor example) (v1.0.0, as of 2017-03-31)\nBuilt on: iij-gio-p2 v1.0.0 (an overlay)"),
            "both versions in the header")
        let option = try await Demarc.run(["explain", entry, "--lang", "en", "--model", Self.overlay])
        #expect(named.stdout == option.stdout)
    }

    /// The contractor holds the contract with the provider: what the provider owes becomes its duty to pass on.
    @Test func theContractHolderPassesOnWhatTheProviderOwes() async throws {
        let r = try await Demarc.run(["obligations", Self.overlay, "--offering", "vw-series", "--lang", "en"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains("The contractor holds the contract with the provider: what the provider owes under it, the contractor passes on to the agency"))
        #expect(
            r.stdout.contains(
                "- The provider notifies the contracting party at least three months before discontinuing all or part of the service (p16): make it known, and pass on any notice under it as soon as it comes"
            ))
        #expect(r.stdout.contains("- SOC 2 Type 2 report (availability, security) (p15): obtain it (under NDA where the provider asks) and hand it on"))
        #expect(r.stdout.contains("Article 26 (Discontinuation of the service) (p16): its terms bind the contract holder"))
        #expect(
            r.stdout.contains(
                "The agency's requirements\n    - Example agency's requirements for the system's procurement (example-agency-requirements 1.0.0, approved 2017-02-15)"
            ))
        #expect(r.stdout.contains("a next contractor must inherit: 4.1.4(1)-1 b)"))
        #expect(r.stdout.contains("parameter \"Log retention period\": five years"), "the agency's value, not the catalogue's")
        let ja = try await Demarc.run(["obligations", Self.overlay, "--offering", "vw-series"])
        #expect(ja.stdout.contains("受注者が事業者との契約の当事者である。"))
        let plain = try await Demarc.run(["obligations", "--offering", "vw-series", "--lang", "en"])
        #expect(!plain.stdout.contains("holds the contract"), "the accountable party holding the contract passes nothing on")
    }

    @Test func aModelNamedTwiceDifferentlyIsAUsageError() async throws {
        let r = try await Demarc.run(["explain", "4.1.4(1)-2 d)", Self.p2, "--model", Self.overlay])
        #expect(r.status != 0)
        #expect(r.stderr.contains("the model is named twice"))
    }

    @Test func initExtendsABuiltInModelWithAPinnedOverlay() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try await Demarc.run(["init", dir + "/project", "--extends", "iij-gio-p2"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: dir + "/project/overlay.yaml", encoding: .utf8)
        #expect(text.contains("base: {built-in: iij-gio-p2}"))
        #expect(text.contains("pin: {id: iij-gio-p2, version: 1.0.0, sha256: "))
        let check = try await Demarc.run(["check", dir + "/project"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(!check.stderr.contains("base-unpinned"), "the starter is pinned")
        #expect(check.stdout.contains("iij-gio-p2-project"))
    }

    @Test func initExtendsAFolderByItsRelativePath() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let copy = try await Demarc.run(["init", dir + "/provider"])
        #expect(copy.status == 0)
        let r = try await Demarc.run(["init", "project", "--extends", "provider"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: dir + "/project/overlay.yaml", encoding: .utf8).contains("base: ../provider\n"))
        let check = try await Demarc.run(["check", "project"], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        // The provider publishes a new version: the overlay is refused until its pin moves.
        let model = dir + "/provider/model.yaml"
        let text = try String(contentsOfFile: model, encoding: .utf8).replacingOccurrences(of: "  version: 1.0.0", with: "  version: 1.1.0")
        try text.write(toFile: model, atomically: true, encoding: .utf8)
        let refused = try await Demarc.run(["check", "project"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("project/overlay.yaml:7:8: error: the base is not the one this overlay was written against"))
        #expect(refused.stderr.contains("[base-changed]"))
    }

    @Test func initExtendsNothingThereIsRefusedAndWritesNothing() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try await Demarc.run(["init", dir + "/project", "--extends", "iij-gio-p3"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("did you mean 'iij-gio-p2'?"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/project"))
    }

    @Test func aMissingBaseIsOneErrorAtItsPlace() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "demarc: 1\noverlay:\n  base: ../gone\nmodel:\n  id: project\n".write(toFile: dir + "/o.yaml", atomically: true, encoding: .utf8)
        let r = try await Demarc.run(["check", "o.yaml"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("o.yaml:3:9: error: the base '../gone' is not there"), "\(r.stderr)")
        #expect(r.stderr.contains("[base-missing]"))
        #expect(r.stderr.contains("1 error"), "no cascade from the overlay's fragments: \(r.stderr)")
    }

    @Test func theBuiltInModelsAreNamedByTheirOwnIds() async throws {
        for id in ["iij-gio-p2", "iij-gio-p2-agency-contractor"] {
            let dir = try Demarc.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try "overlay:\n  base: {built-in: \(id)}\n".write(toFile: dir + "/o.yaml", atomically: true, encoding: .utf8)
            let check = try await Demarc.run(["check", dir + "/o.yaml"])
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stdout.contains(": \(id) 1.0.0"), "\(check.stdout)")
        }
    }
}
