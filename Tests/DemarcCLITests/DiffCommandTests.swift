import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing

/// `demarc diff` and `demarc build --check` as a user runs them.
@Suite("diff and build --check on the command line")
struct DiffCommandTests {
    static let root = Demarc.packageRoot.path

    /// A copy of the default model and its catalogue in `dir`, the VW series' hypervisor given to `owner`.
    static func copy(to dir: String, hypervisor owner: String = "customer") throws -> String {
        try FileManager.default.createDirectory(atPath: dir + "/Models", withIntermediateDirectories: true)
        for folder in ["iij-gio-p2", "catalogues"] {
            try FileManager.default.copyItem(atPath: root + "/Models/" + folder, toPath: dir + "/Models/" + folder)
        }
        if owner != "customer" { try Self.give(dir + "/Models/iij-gio-p2", hypervisor: owner) }
        return dir + "/Models/iij-gio-p2"
    }

    static func give(_ model: String, hypervisor owner: String) throws {
        let file = model + "/model.yaml"
        var lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        let vw = try #require(lines.firstIndex(of: "  - id: vw-series"))
        let at = try #require(lines[vw...].firstIndex(of: "      hypervisor: customer"))
        lines[at] = "      hypervisor: \(owner)"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test func twoModelsTheirFormsAndTheExitCodes() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let old = try Self.copy(to: dir + "/old"), new = try Self.copy(to: dir + "/new", hypervisor: "provider")
        let text = try await Demarc.run(["diff", old, new, "--lang", "en"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("- Hypervisor (virtualisation platform): Customer → Provider [duty moved to the provider side]"))
        let json = try await Demarc.run(["diff", old, new, "--format", "json"])
        #expect(json.stdout.hasPrefix("{\n  \"changed\": true,"))
        let again = try await Demarc.run(["diff", old, new, "--format", "json"])
        #expect(again.stdout == json.stdout, "stable")
        let notice = try await Demarc.run(["diff", old, new, "--format", "markdown"])
        #expect(notice.stdout.hasPrefix("# 改版のお知らせ：IIJ GIOインフラストラクチャーP2"))
        // "Changed" is 3, never an error's code; --fail-on narrows it.
        #expect(try await Demarc.run(["diff", old, new, "--exit-code"]).status == 3)
        #expect(try await Demarc.run(["diff", old, new, "--exit-code", "--fail-on", "duty"]).status == 3)
        #expect(try await Demarc.run(["diff", old, new, "--exit-code", "--fail-on", "coverage,disclosure"]).status == 0)
        #expect(try await Demarc.run(["diff", old, old, "--exit-code"]).status == 0)
        // The change diagram: changed owners marked by text and a dashed border, not colour alone.
        let svg = try await Demarc.run(["diff", old, new, "--format", "svg", "--lang", "en", "--out", dir + "/changes.svg"])
        #expect(svg.status == 0, "\(svg.stderr)")
        let drawn = try String(contentsOfFile: dir + "/changes.svg", encoding: .utf8)
        #expect(drawn.contains("<title id=\"changes-title\">Changes from IIJ GIO Infrastructure P2"))
        #expect(drawn.contains("▲ was: Customer") && drawn.contains("stroke-dasharray"))
        #expect(XMLParser(data: Data(drawn.utf8)).parse())
        let png = try await Demarc.run(["diff", old, new, "--format", "png", "--out", dir + "/changes.png"])
        let pngBytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/changes.png"))
        #expect(png.status == 0 && pngBytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let bad = try await Demarc.run(["diff", old, new, "--fail-on", "dutty"])
        #expect(bad.status == 2 && bad.stderr.contains("unknown aspect 'dutty' in --fail-on"), "\(bad.stderr)")
        #expect(try await Demarc.run(["diff", old]).status == 2)
    }

    /// What a new provider version would move onto the agency and the contractor.
    @Test func anOverlayAgainstANewBase() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let newBase = try Self.copy(to: dir, hypervisor: "provider")
        let overlay = Self.root + "/Models/examples/agency-contractor"
        let r = try await Demarc.run(["diff", overlay, "--base", newBase, "--lang", "en", "--exit-code", "--fail-on", "duty"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stdout.contains("- Hypervisor (virtualisation platform): Contractor → Provider [duty moved to the provider side]"), "\(r.stdout)")
        #expect(r.stderr.contains("(its pin not checked)"))
        let same = try await Demarc.run(["diff", overlay, "--base", Self.root + "/Models/iij-gio-p2", "--exit-code"])
        #expect(same.status == 0, "the pinned base itself moves nothing: \(same.stdout)\(same.stderr)")
        let notOverlay = try await Demarc.run(["diff", newBase, "--base", newBase])
        #expect(notOverlay.status == 2 && notOverlay.stderr.contains("is not an overlay"))
    }

    /// The agency-contractor example's overlay and requirements at `folder`, on the base at `base` (relative).
    static func agencyProject(at folder: String, base: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["overlay.yaml", "requirements.yaml"] {
            let text = try String(contentsOfFile: Self.root + "/Models/examples/agency-contractor/" + name, encoding: .utf8)
            try text.replacingOccurrences(of: "base: ../../iij-gio-p2", with: "base: " + base).write(
                toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// A repository with the default model committed.
    static func repository(_ dir: String, copyModel: Bool = true) throws -> String {
        let model = copyModel ? try Self.copy(to: dir) : dir
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-q", "-m", "v1"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            p.arguments = ["-C", dir] + arguments
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(arguments)")
        }
        return model
    }

    /// `build --baseline REV`: the site gains a page of what changed since REV, linked from the index.
    @Test func aBuildWithABaselineHasAChangesPage() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try Self.repository(dir)
        try Self.give(model, hypervisor: "provider")
        let r = try await Demarc.run(["build", model, "--baseline", "HEAD", "--out", dir + "/o", "--format", "svg", "--jobs", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOfFile: dir + "/o/en/pages/changes.html", encoding: .utf8)
        #expect(page.contains("What changed since HEAD"))
        #expect(page.contains("Hypervisor (virtualisation platform): Customer → Provider"), "\(page.prefix(3000))")
        #expect(page.contains("[duty moved to the provider side]"))
        let ja = try String(contentsOfFile: dir + "/o/ja/pages/changes.html", encoding: .utf8)
        #expect(ja.contains("HEADからの変更"))
        let index = try String(contentsOfFile: dir + "/o/en/pages/index.html", encoding: .utf8)
        #expect(index.contains("<a href=\"changes.html\">What changed since HEAD</a>"))
        let plain = try await Demarc.run(["build", model, "--out", dir + "/p", "--format", "svg", "--jobs", "0"])
        #expect(plain.status == 0 && !FileManager.default.fileExists(atPath: dir + "/p/en/pages/changes.html"))
    }

    /// An overlay in a repository on a base outside it: the base as it is now, and said so.
    @Test func gitUsesABaseOutsideTheRepositoryAsItIsNow() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = try Self.copy(to: dir + "/shared")
        let project = try Self.agencyProject(at: dir + "/repo/project", base: "../../shared/Models/iij-gio-p2")
        #expect(FileManager.default.fileExists(atPath: base + "/model.yaml"))
        _ = try Self.repository(dir + "/repo", copyModel: false)
        let overlay = project + "/overlay.yaml"
        let text = try String(contentsOfFile: overlay, encoding: .utf8)
        try text.replacingOccurrences(of: "        hypervisor: contractor\n", with: "        hypervisor: agency\n").write(
            toFile: overlay, atomically: true, encoding: .utf8)
        let r = try await Demarc.run(["diff", "--git", "HEAD", project, "--lang", "en", "--exit-code"])
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Hypervisor (virtualisation platform): Contractor → Agency"), "\(r.stdout)")
        #expect(r.stderr.contains("outside the repository, used as it is now: \(dir)/shared/Models/iij-gio-p2/"), "\(r.stderr)")
    }

    /// An overlay whose base (in the same repository) changed since REV: the
    /// pin would refuse it in a build; the diff shows what moving it changes.
    @Test func gitOnAnOverlayWhoseBaseChanged() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = try Self.copy(to: dir)
        let project = try Self.agencyProject(at: dir + "/project", base: "../Models/iij-gio-p2")
        _ = try Self.repository(dir, copyModel: false)
        try Self.give(base, hypervisor: "provider")
        let check = try await Demarc.run(["check", project])
        #expect(check.status == 1 && check.stderr.contains("[base-changed]"), "a build refuses the moved base")
        let r = try await Demarc.run(["diff", "--git", "HEAD", project, "--lang", "en", "--exit-code"])
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Hypervisor (virtualisation platform): Contractor → Provider [duty moved to the provider side]"), "\(r.stdout)")
        #expect(r.stderr.contains("warning: the base is not the one this overlay was written against"), "\(r.stderr)")
    }

    @Test func gitComparesTheCommittedModelWithTheWorkingTree() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try Self.repository(dir)
        let clean = try await Demarc.run(["diff", "--git", "HEAD", model, "--exit-code", "--lang", "en"])
        #expect(clean.status == 0 && clean.stdout.contains("No changes."), "\(clean.stdout)\(clean.stderr)")
        try Self.give(model, hypervisor: "provider")
        let moved = try await Demarc.run(["diff", "--git", "HEAD", model, "--lang", "en", "--exit-code"], in: dir)
        #expect(moved.status == 3, "\(moved.stderr)")
        #expect(moved.stdout.contains("4.1.4(1)-2 d) Vulnerability countermeasures — Customer does: Hypervisor, OS and Application → OS and Application"))
        #expect(moved.stderr.contains("note: Models/iij-gio-p2 at HEAD is compared with the working tree"))
        let unknown = try await Demarc.run(["diff", "--git", "no-such-rev", model])
        #expect(unknown.status == 2 && unknown.stderr.contains("no commit 'no-such-rev'"), "\(unknown.stderr)")
    }

    @Test func buildCheckOnAFreshAStaleAndASystemChangedTree() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/o"
        let arguments = ["--out", out, "--format", "svg", "--diagrams", "comparison", "--jobs", "0"]
        let none = try await Demarc.run(["build", "--check"] + arguments)
        #expect(none.status == 4 && none.stdout.contains("not built yet"))
        #expect(!FileManager.default.fileExists(atPath: out), "--check writes nothing")
        #expect(try await Demarc.run(["build"] + arguments).status == 0)
        let fresh = try await Demarc.run(["build", "--check", "--no-cache"] + arguments)
        #expect(fresh.status == 0 && fresh.stdout.contains("up to date"), "\(fresh.stdout)")
        // Stale: a report edited.
        let report = out + "/en/explain.txt"
        let original = try Data(contentsOf: URL(fileURLWithPath: report))
        try (original + Data("x".utf8)).write(to: URL(fileURLWithPath: report))
        let stale = try await Demarc.run(["build", "--check"] + arguments)
        #expect(stale.status == 4 && stale.stdout.contains("changed: en/explain.txt"), "\(stale.stdout)")
        try original.write(to: URL(fileURLWithPath: report))
        // Another system: the manifest records other versions, and a diagram's bytes differ.
        let manifest = out + "/manifest.json"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "\"graphviz\" : \"", with: "\"graphviz\" : \"0.old-").write(toFile: manifest, atomically: true, encoding: .utf8)
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) != text, "the manifest names graphviz")
        let svg = out + "/en/diagrams/comparison.svg"
        try (try Data(contentsOf: URL(fileURLWithPath: svg)) + Data(" ".utf8)).write(to: URL(fileURLWithPath: svg))
        let system = try await Demarc.run(["build", "--check"] + arguments)
        #expect(system.status == 5, "\(system.stdout)")
        #expect(system.stdout.contains("only the system stack differs: graphviz 0.old-"), "\(system.stdout)")
    }

    /// `check --date D` looks ahead for evidence that lapses [evidence-expires-by].
    @Test func checkDateWarnsAboutEvidenceThatLapsesByThen() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try Self.copy(to: dir)
        let file = model + "/topics.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let soc = "        title: {ja: SOC1 Type2 報告書, en: SOC 1 Type 2 report}\n"
        #expect(text.contains(soc))
        try text.replacingOccurrences(of: soc, with: soc + "        valid-from: 2016-04-01\n        valid-until: 2018-03-31\n").write(
            toFile: file, atomically: true, encoding: .utf8)
        let now = try await Demarc.run(["check", model])
        #expect(now.status == 0 && !now.stderr.contains("evidence-expires-by"), "\(now.stderr)")
        let ahead = try await Demarc.run(["check", model, "--date", "2018-06-30"])
        #expect(ahead.status == 0, "warnings only")
        #expect(
            ahead.stderr.contains(
                "topics.yaml:53:9: warning: evidence 'soc1-type2' of topic 'certifications' is valid until 2018-03-31, on or before 2018-06-30"),
            "\(ahead.stderr)")
        #expect(ahead.stderr.contains("[evidence-expires-by]"))
        #expect(try await Demarc.run(["check", model, "--date", "2018-03-30"]).stderr.contains("evidence-expires-by") == false)
        #expect(try await Demarc.run(["check", model, "--date", "June"]).status == 2)
    }
}
