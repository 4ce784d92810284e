import Foundation
import Testing

/// `demarc watch` as a real child process, every wait bounded.
@Suite("demarc watch")
struct WatchCommandTests {
    /// A running `demarc watch`, its output going to files the test reads.
    final class Watcher {
        let process = Process()
        let stdout: String, stderr: String

        init(_ arguments: [String], in dir: String) throws {
            stdout = dir + "/watch.out"
            stderr = dir + "/watch.err"
            _ = FileManager.default.createFile(atPath: stdout, contents: nil)
            _ = FileManager.default.createFile(atPath: stderr, contents: nil)
            process.executableURL = URL(fileURLWithPath: Demarc.binary)
            process.arguments = ["watch"] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(["DEMARC_CACHE_DIR": dir + "/cache"]) { _, b in b }
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
            try process.run()
        }

        func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        var out: String { text(stdout) }
        var err: String { text(stderr) }

        /// Waits until `condition` holds, at most `seconds`.
        func wait(_ what: String, seconds: Double = 60, _ condition: () -> Bool) async throws {
            let deadline = Date().addingTimeInterval(seconds)
            while !condition() {
                if Date() > deadline || !process.isRunning {
                    Issue.record("timed out waiting for \(what)\nstdout:\n\(out)\nstderr:\n\(err)")
                    throw CancellationError()
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }

        func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

        deinit { if process.isRunning { process.terminate() } }
    }

    static func save(_ text: String, to path: String) throws {
        // As editors do: a new file, renamed over the old one.
        let temporary = path + ".tmp~"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    @Test(.timeLimit(.minutes(5)))
    func picksUpEveryKindOfSaveSurvivesAnInvalidEditAndStopsOnSIGINT() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = dir + "/model", file = dir + "/model/model.yaml", out = dir + "/o"
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
        let original = try String(contentsOfFile: BeyondP2Tests.englishOnly + "/model.yaml", encoding: .utf8)
        try original.write(toFile: file, atomically: true, encoding: .utf8)
        let watcher = try Watcher([model, "--out", out, "--format", "svg", "--jobs", "0", "--debounce", "100"], in: dir)
        try await watcher.wait("the first build") { watcher.err.contains("watching") }
        #expect(watcher.out.contains("files — "), "\(watcher.out)")
        func builds() -> Int { watcher.count("\(out): ", in: watcher.out) }
        var seen = builds()

        // 1. An atomic save with new content.
        try Self.save(original.replacingOccurrences(of: "version: 2.0.0", with: "version: 2.0.1"), to: file)
        try await watcher.wait("the rebuild after an atomic save") { builds() > seen }
        seen = builds()
        #expect(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8).contains("\"version\" : \"2.0.1\""))

        // 2. Deleted and written again.
        try FileManager.default.removeItem(atPath: file)
        try original.replacingOccurrences(of: "version: 2.0.0", with: "version: 2.0.2").write(toFile: file, atomically: false, encoding: .utf8)
        try await watcher.wait("the rebuild after delete and recreate") { builds() > seen && watcher.out.contains("2.0.2") || builds() > seen }
        seen = builds()

        // 3. A new file in the model's folder.
        try "# notes to come\n".write(toFile: model + "/later.yaml", atomically: false, encoding: .utf8)
        try await watcher.wait("the rebuild after a new file") { builds() > seen }
        seen = builds()

        // 4. An invalid edit: diagnostics, the last good output kept.
        let before = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
        try Self.save("demarc: 1\nmodel: [\n", to: file)
        try await watcher.wait("the diagnostics of an invalid edit") { watcher.err.contains("the last good output is kept") }
        #expect(watcher.err.contains("model.yaml:"), "\(watcher.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")) == before)

        // 5. Fixed again: rebuilt.
        seen = builds()
        try Self.save(original, to: file)
        try await watcher.wait("the rebuild after the fix") { builds() > seen }
        #expect(try String(contentsOfFile: out + "/manifest.json", encoding: .utf8).contains("\"version\" : \"2.0.0\""))

        // 6. Ctrl-C: a clean stop.
        watcher.process.interrupt()
        try await watcher.wait("the exit after SIGINT", seconds: 20) { !watcher.process.isRunning }
        #expect(watcher.process.terminationReason == .exit && watcher.process.terminationStatus == 0)
        #expect(watcher.err.contains("stopped watching"))
    }
}
