import Foundation
import Testing

/// `demarc build` with the render cache, as a user runs it.
@Suite("The render cache on the command line")
struct RenderCacheCommandTests {
    static func tree(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = FileManager.default.contents(atPath: root + "/" + path)
            }
        }
        return files
    }

    @Test func twoBuildsAtOnceShareOneCacheAndARebuildRendersNothing() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["DEMARC_CACHE_DIR": dir + "/cache"]
        let arguments = ["--format", "svg,png", "--jobs", "1"]
        async let a = Demarc.run(["build", "--out", dir + "/a"] + arguments, environment: env, timeout: 300)
        async let b = Demarc.run(["build", "--out", dir + "/b"] + arguments, environment: env, timeout: 300)
        let (first, second) = try await (a, b)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        #expect(try Self.tree(dir + "/a") == Self.tree(dir + "/b"))

        // Nothing changed: nothing done, the folder untouched.
        var before = stat()
        stat(dir + "/a/ja/pages/index.html", &before)
        let again = try await Demarc.run(["build", "--out", dir + "/a"] + arguments, environment: env)
        #expect(again.status == 0)
        #expect(again.stdout == "\(dir)/a: up to date (202 files; nothing changed since the last build)\n", "\(again.stdout)")
        var after = stat()
        stat(dir + "/a/ja/pages/index.html", &after)
        #expect(before.st_mtim.tv_nsec == after.st_mtim.tv_nsec && before.st_ino == after.st_ino && before.st_ctim.tv_nsec == after.st_ctim.tv_nsec)

        // Another folder: every diagram from the cache, the same bytes.
        let other = try await Demarc.run(["build", "--out", dir + "/c"] + arguments, environment: env)
        #expect(other.stdout.contains("42 diagrams: 0 rendered, 42 from the cache"), "\(other.stdout)")
        #expect(try Self.tree(dir + "/c") == Self.tree(dir + "/b"))

        // A file of Demarc's edited by hand is still found.
        try Data("edited".utf8).write(to: URL(fileURLWithPath: dir + "/a/en/diagrams/comparison.svg"))
        let edited = try await Demarc.run(["build", "--out", dir + "/a"] + arguments, environment: env)
        #expect(edited.status != 0 && edited.stderr.contains("comparison.svg (edited since Demarc wrote it)"), "\(edited.stderr)")

        // --no-cache renders everything and gives the same bytes.
        let uncached = try await Demarc.run(["build", "--out", dir + "/d", "--no-cache"] + arguments, environment: env, timeout: 300)
        #expect(uncached.stdout.contains("42 diagrams: 42 rendered, 0 from the cache"), "\(uncached.stdout)")
        #expect(try Self.tree(dir + "/d") == Self.tree(dir + "/b"))
    }

    /// The shortcut of a rebuild with nothing to do never hides a change to
    /// the model: an edited file, a file added to its folder, other options.
    @Test func aRebuildSeesEveryChangeToTheModel() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = dir + "/model"
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: BeyondP2Tests.englishOnly + "/model.yaml", toPath: model + "/model.yaml")
        let env = ["DEMARC_CACHE_DIR": dir + "/cache"]
        func build(_ extra: [String] = []) async throws -> String {
            let r = try await Demarc.run(["build", model, "--out", dir + "/o", "--format", "svg", "--jobs", "0"] + extra, environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout
        }
        _ = try await build()
        #expect(try await build().contains("nothing changed since the last build"))
        // An edit (a new name for the model).
        let text = try String(contentsOfFile: model + "/model.yaml", encoding: .utf8)
        try text.replacingOccurrences(of: "version: 2.0.0", with: "version: 2.0.1").write(toFile: model + "/model.yaml", atomically: true, encoding: .utf8)
        #expect(text.contains("version: 2.0.0"))
        let edited = try await build()
        #expect(edited.contains("written") && !edited.contains("nothing changed"), "\(edited)")
        #expect(try await build().contains("nothing changed since the last build"))
        // A file added in a new folder of the model.
        try FileManager.default.createDirectory(atPath: model + "/more", withIntermediateDirectories: true)
        try "# nothing yet\n".write(toFile: model + "/more/later.yaml", atomically: true, encoding: .utf8)
        let added = try await build()
        #expect(!added.contains("nothing changed"), "\(added)")
        // Other options.
        #expect(try await build().contains("nothing changed since the last build"))
        #expect(!(try await build(["--theme", "dark"])).contains("nothing changed"))
        #expect(try await build(["--theme", "dark"]).contains("nothing changed since the last build"))
    }

    /// --cache-size MB caps the renders kept: past it, those used longest
    /// ago go until the cache is under 80% of the cap.
    @Test func theCacheKeepsToItsSize() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func renders() throws -> Int {
            var total = 0
            for folder in try FileManager.default.contentsOfDirectory(atPath: dir + "/cache/renders") {
                for name in try FileManager.default.contentsOfDirectory(atPath: dir + "/cache/renders/" + folder) {
                    let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/cache/renders/\(folder)/\(name)")
                    total += (attributes[.size] as? Int) ?? 0
                }
            }
            return total
        }
        let wide = try await Demarc.run(["build", "--out", dir + "/a", "--format", "svg,png", "--lang", "all", "--cache-dir", dir + "/cache"])
        #expect(wide.status == 0, "\(wide.stderr)")
        #expect(try renders() > 1 << 20, "the default model's renders take more than 1 MB")
        let capped = try await Demarc.run(
            ["build", "--out", dir + "/b", "--format", "svg,png", "--lang", "all", "--theme", "dark", "--cache-dir", dir + "/cache", "--cache-size", "1"])
        #expect(capped.status == 0, "\(capped.stderr)")
        #expect(try renders() <= 1 << 20)
    }

    @Test func anUnusableCacheIsSaidOnceAndTheBuildGoesOn() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("a file".utf8).write(to: URL(fileURLWithPath: dir + "/not-a-folder"))
        let r = try await Demarc.run(
            ["build", "--out", dir + "/o", "--format", "svg", "--diagrams", "comparison", "--cache-dir", dir + "/not-a-folder"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: the render cache \(dir)/not-a-folder is not a folder; building without it"), "\(r.stderr)")
    }

    /// On a terminal a build that takes long shows how far it is; in a log it says nothing of it.
    @Test func progressOnATerminalOnly() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let command = "\(Demarc.binary) build --out \(dir)/t --format svg --diagrams comparison --no-cache"
        let tty = try await Demarc.run(
            ["-qec", command, "/dev/null"], environment: ["DEMARC_PROGRESS_AFTER_MS": "0"], executable: "/usr/bin/script")
        #expect(tty.status == 0, "\(tty.stdout)\(tty.stderr)")
        #expect(
            tty.stdout.contains("demarc: rendering: ") || tty.stdout.contains("demarc: building…"), "script gives the terminal's output: \(tty.stdout)")
        #expect(tty.stdout.contains("\u{1B}[K"), "the line is cleared at the end")
        let log = try await Demarc.run(
            ["build", "--out", dir + "/l", "--format", "svg", "--diagrams", "comparison", "--no-cache"], environment: ["DEMARC_PROGRESS_AFTER_MS": "0"])
        #expect(log.status == 0 && !log.stderr.contains("demarc: ") && !log.stdout.contains("\u{1B}[K"), "\(log.stderr)")
    }

    /// DEMARC_TRACE=FILE: the build and its workers append their stages to
    /// one file, on one clock; a build without a cache starts its workers
    /// before the model is read.
    @Test func aTraceOfTheBuildAndItsWorkers() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try await Demarc.run(
            ["build", "--out", dir + "/o", "--format", "svg", "--diagrams", "comparison,offering", "--no-cache", "--jobs", "2"],
            environment: ["DEMARC_TRACE": dir + "/trace"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: dir + "/trace", encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ", maxSplits: 2) }
        #expect(lines.allSatisfy { $0.count == 3 && Int($0[0]) != nil && Double($0[1]) != nil })
        let events = lines.map { String($0[2]) }
        let pids = Set(lines.map { $0[0] })
        #expect(pids.count == 3, "the build and two workers: \(pids)")
        for event in [
            "build: start", "build: model loaded", "build: builder ready", "pool: spawn", "worker: start", "worker: job font check", "builder: renders done",
            "build: written",
        ] {
            #expect(events.contains(event), "\(event)")
        }
        let at = { (event: String) in lines.first { $0[2] == event[...] }.map { Double($0[1])! } ?? .infinity }
        #expect(at("pool: spawn") < at("build: model loaded"), "the workers start while the model is read")
    }
}
