import Foundation
import Testing

@Suite("demarc build: workers, the output writer, formats (end to end)")
struct BuildCommandTests {
    static let agencyContractor = Demarc.packageRoot.appendingPathComponent("Models/examples/agency-contractor").path

    @Test func buildWritesTheDocumentedLayout() async throws {
        let out = try await SharedBuilds.shared.output("all", ["--format", "svg,png,pdf,dot"])
        let tree = Tree.read(out)
        let stems = ["virtual-server", "bare-metal", "vw-series"].map { "offering-\($0)" } + ["comparison", "control-4-1-4-1-a", "control-4-1-4-1-2-d"]
        for lang in ["ja", "en"] {
            for stem in stems {
                for ext in ["svg", "png", "pdf", "dot"] {
                    #expect(tree["\(lang)/diagrams/\(stem).\(ext)"] != nil, "\(lang) \(stem) \(ext)")
                }
                #expect(tree["\(lang)/diagrams/inline/\(stem).svg"] != nil)
            }
        }
        for lang in ["ja", "en"] {
            for page in ["index", "offering-vw-series", "entry-4-1-4-1-2-d", "topic-certifications"] {
                #expect(tree["\(lang)/pages/\(page).html"] != nil, "\(lang) \(page)")
            }
            #expect(tree["\(lang)/explain.txt"] != nil && tree["\(lang)/obligations-vw-series.txt"] != nil)
        }
        // Per language: 21 diagrams in 5 files each; 1 + 3 + 17 + 13 pages; explain and 3 obligations.
        let expected: Int = 2 * (21 * 5 + 34 + 4) + 1
        #expect(tree.count == expected)
        let manifest = try #require(tree["manifest.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: manifest) as? [String: Any])
        let files = try #require(json["files"] as? [String: String])
        #expect(Set(files.keys) == Set(tree.keys).subtracting(["manifest.json"]))
        let system = try #require(json["system"] as? [String: String])
        #expect(system["graphviz"] != nil && system["fonts-noto-cjk"] != nil && system["cairo"] != nil)
        #expect((json["model"] as? [String: String])?["asOf"] == "2017-03-31")
    }

    @Test func jobsOneAndFourAndInProcessGiveIdenticalTrees() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var trees: [[String: Data]] = []
        for jobs in ["1", "4", "0"] {
            let r = try await Demarc.run(["build", "--out", "\(dir)/out\(jobs)", "--jobs", jobs, "--format", "svg,png,pdf"], timeout: 300)
            #expect(r.status == 0, "\(r.stderr)")
            trees.append(Tree.read("\(dir)/out\(jobs)"))
        }
        #expect(!trees[0].isEmpty)
        #expect(trees[0] == trees[1])
        #expect(trees[0] == trees[2])
    }

    @Test func deterministicAcrossWorkingDirectoryOutFolderAndTimeZone() async throws {
        let a = try Demarc.temporaryDirectory(), b = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let r1 = try await Demarc.run(["build", "--format", "svg,png,pdf,dot"], in: a, environment: ["TZ": "UTC"], timeout: 300)
        let r2 = try await Demarc.run(
            ["build", "--out", b + "/site/diagrams-out", "--format", "svg,png,pdf,dot"], in: "/",
            environment: ["TZ": "Asia/Tokyo", "LANG": "ja_JP.UTF-8"], timeout: 300)
        #expect(r1.status == 0 && r2.status == 0, "\(r1.stderr)\(r2.stderr)")
        let t1 = Tree.read(a + "/Output"), t2 = Tree.read(b + "/site/diagrams-out")
        #expect(!t1.isEmpty)
        #expect(t1 == t2)
        // No absolute paths or clock in the output.
        for (path, data) in t1 where [".svg", ".dot", ".json", ".html", ".txt"].contains(where: path.hasSuffix) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(a) && !text.contains("/tmp/"), "\(path) names a path")
        }
    }

    @Test func aWorkerCrashFailsThatDiagramOnlyAndLeavesOutputUntouched() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try await Demarc.run(["build", "--out", dir + "/Output", "--format", "svg"], timeout: 300)
        #expect(first.status == 0)
        let before = Tree.read(dir + "/Output"), stamps = Tree.stamps(dir + "/Output")
        let r = try await Demarc.run(
            ["build", Self.agencyContractor, "--out", dir + "/Output", "--format", "svg", "--jobs", "2"],
            environment: ["DEMARC_FAULT_WORKER_ABORT_ON": "ja/diagrams/offering-bare-metal"], timeout: 300)
        #expect(r.status == 1)
        #expect(r.stderr.contains("1 diagram failed"))
        #expect(r.stderr.contains("ja/diagrams/offering-bare-metal: the worker was killed by signal 6 (abort)"))
        #expect(r.stderr.contains("nothing was written"))
        #expect(Tree.read(dir + "/Output") == before)
        #expect(Tree.stamps(dir + "/Output") == stamps)
    }

    @Test func aNoOpBuildRewritesNothing() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try await Demarc.run(["build", "--out", dir + "/Output", "--format", "svg,png"], timeout: 300)
        var st = stat()
        stat(dir + "/Output", &st)
        let folderInode = st.st_ino
        let before = Tree.stamps(dir + "/Output")
        let r = try await Demarc.run(["build", "--out", dir + "/Output", "--format", "svg,png"], timeout: 300)
        #expect(r.status == 0)
        #expect(r.stdout.contains("up to date"))
        #expect(Tree.stamps(dir + "/Output") == before)
        stat(dir + "/Output", &st)
        #expect(st.st_ino == folderInode, "the folder itself was not swapped")
    }

    @Test func changedFilesOnlyAreRewrittenStaleOnesRemovedAndYoursKept() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/Output"
        _ = try await Demarc.run(["build", "--out", out, "--parts", "diagrams", "--format", "svg,dot"], timeout: 300)
        try "my notes".write(toFile: out + "/NOTES.md", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: out + "/ja/mine", withIntermediateDirectories: true)
        try "x".write(toFile: out + "/ja/mine/keep.txt", atomically: true, encoding: .utf8)
        let before = Tree.stamps(out)
        // Japanese only: the English files are stale and go; Japanese ones are unchanged and keep their times.
        let r = try await Demarc.run(["build", "--out", out, "--parts", "diagrams", "--format", "svg,dot", "--lang", "ja"], timeout: 300)
        #expect(r.status == 0, "\(r.stderr)")
        let after = Tree.stamps(out)
        #expect(!after.keys.contains { $0.hasPrefix("en/") })
        for (path, stamp) in before where path.hasPrefix("ja/diagrams/") {
            #expect(after[path] == stamp, "\(path) was rewritten")
        }
        #expect(Tree.read(out)["NOTES.md"] == Data("my notes".utf8))
        #expect(Tree.read(out)["ja/mine/keep.txt"] == Data("x".utf8))
        #expect(r.stdout.contains("0 written"))
        #expect(r.stdout.contains("2 of yours carried over"))
    }

    /// SIGKILL at every step of the writer, and at a few moments from outside:
    /// the output is always exactly the old tree or exactly the new one.
    @Test func aBuildKilledAtAnyPointLeavesOldOrNewTreeNeverAMix() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/Output"
        let args = ["--out", out, "--format", "svg,png", "--lang", "ja", "--jobs", "0", "--diagrams", "offering"]
        _ = try await Demarc.run(["build"] + args, timeout: 300)
        try "mine".write(toFile: out + "/mine.txt", atomically: true, encoding: .utf8)
        let old = Tree.read(out)
        // The new tree, built elsewhere, for comparison.
        let reference = dir + "/reference"
        _ = try await Demarc.run(["build", Self.agencyContractor, "--out", reference] + Array(args.dropFirst(2)), timeout: 300)
        var new = Tree.read(reference)
        new["mine.txt"] = Data("mine".utf8)
        #expect(old != new)
        var killed = 0, step = 1
        while true {
            let r = try await Demarc.run(["build", Self.agencyContractor] + args, environment: ["DEMARC_FAULT_KILL_AT_STEP": String(step)], timeout: 300)
            let now = Tree.read(out)
            #expect(now == old || now == new, "a mix after SIGKILL at step \(step)")
            if r.status == 137 || r.status == 128 + 9 { killed += 1 }
            if r.status == 0 { break }
            // Restore the old tree for the next point when the swap went through.
            if now == new {
                _ = try await Demarc.run(["build"] + args, timeout: 300)
            }
            step += 1
            if step > 100 { Issue.record("the writer never finished"); break }
        }
        #expect(killed >= 5, "killed at \(killed) points")
        // From outside, at arbitrary moments.
        _ = try await Demarc.run(["build"] + args, timeout: 300)
        for delay in ["0.05", "0.15", "0.3", "0.6"] {
            _ = try await tool(["timeout", "-s", "KILL", delay, Demarc.binary, "build", Self.agencyContractor] + args)
            let now = Tree.read(out)
            #expect(now == old || now == new, "a mix after SIGKILL at \(delay) s")
            if now == new { _ = try await Demarc.run(["build"] + args, timeout: 300) }
        }
        // No staging folders left behind by the next successful build.
        _ = try await Demarc.run(["build"] + args, timeout: 300)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func twoConcurrentBuildsDoNotInterleave() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/Output"
        let args = ["--out", out, "--format", "svg", "--jobs", "1", "--diagrams", "offering,comparison"]
        async let a = Demarc.run(["build"] + args, timeout: 300)
        async let b = Demarc.run(["build", Self.agencyContractor] + args, timeout: 300)
        let (ra, rb) = try await (a, b)
        #expect(ra.status == 0 && rb.status == 0, "\(ra.stderr)\(rb.stderr)")
        // The result is one complete build: every file matches the manifest.
        let tree = Tree.read(out)
        let manifestData = try #require(tree["manifest.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let files = try #require(manifest["files"] as? [String: String])
        #expect(Set(files.keys) == Set(tree.keys).subtracting(["manifest.json"]))
        let modelID = (manifest["model"] as? [String: String])?["id"]
        let dot = String(decoding: tree["ja/diagrams/offering-vw-series.svg"] ?? Data(), as: UTF8.self)
        #expect(dot.contains("受注者") == (modelID == "iij-gio-p2-agency-contractor"))
    }

    @Test func aHeldLockMakesTheBuildWaitThenFailClearly() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fd = open(dir + "/.Output.lock", O_CREAT | O_RDWR, 0o644)
        #expect(flock(fd, LOCK_EX) == 0)
        let r = try await Demarc.run(["build", "--out", dir + "/Output", "--format", "svg", "--lock-timeout", "1"], timeout: 300)
        close(fd)
        #expect(r.status == 1)
        #expect(r.stderr.contains("waiting for it to finish"))
        #expect(r.stderr.contains("another build is still writing"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/Output"))
        // Released: the next build proceeds (a killed build's flock goes with its process).
        let again = try await Demarc.run(["build", "--out", dir + "/Output", "--format", "svg", "--lock-timeout", "1"], timeout: 300)
        #expect(again.status == 0)
    }

    @Test func aMountPointIsRefused() async throws {
        let r = try await Demarc.run(["build", "--out", "/proc", "--format", "svg"], timeout: 300)
        #expect(r.status == 1)
        #expect(r.stderr.contains("is a mount point"))
    }

    @Test func aBuildThatRendersNothingDoesNotNeedGraphviz() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try await Demarc.run(["build", "--out", dir + "/Output", "--parts", "diagrams", "--format", "dot", "--jobs", "0"], timeout: 300)
        #expect(r.status == 0)
        #expect(Tree.files(Tree.read(dir + "/Output"), suffix: ".dot").count == 2 * (3 + 1 + 17))
    }

    @Test func aTemplateWithAnUnknownKeyFailsWithItsLineAndWritesNothing() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/look", withIntermediateDirectories: true)
        try "{{% CONTENT_TYPE: HTML }}\n{{> head}}\n<p>{{titel}}</p>\n{{> foot}}\n".write(
            toFile: dir + "/look/topic.mustache", atomically: true, encoding: .utf8)
        let r = try await Demarc.run(["build", "--out", dir + "/Output", "--templates", dir + "/look", "--jobs", "0"], timeout: 300)
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(dir)/look/topic.mustache:3:4: error: unknown key 'titel' in the topic page (did you mean 'title'?)"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/Output"))
    }

    @Test func usageErrors() async throws {
        for args in [
            ["--format", "gif"], ["--lang", "fr"], ["--links", "absolute"], ["--links", "absolute", "--base-url", "http://x"],
            ["--parts", "pages"], ["--parts", "annex"], ["--diagrams", "comparison", "--parts", "diagrams,pages"], ["--jobs", "-1"], ["--diagrams", "pie"],
            ["--offerings", "vw-serie"], ["--cache-size", "0"], ["--cache-size", "-5"],
        ] {
            let r = try await Demarc.run(["build", "--out", "/nonexistent/never"] + args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
        }
    }
}
