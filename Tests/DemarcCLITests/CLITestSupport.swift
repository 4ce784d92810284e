import Foundation
import Subprocess
import Testing

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// The result of running the built `demarc` binary.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built binary as a child process, under coreutils `timeout` so a
/// hang fails the test instead of stalling the suite (no timed assertions):
/// a timeout exits 124; a process that was killed exits 128 + the signal.
enum Demarc {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `DEMARC_BINARY`, else `demarc` beside the test bundle, else `.build/debug/demarc`.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["DEMARC_BINARY"] { return path }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("demarc").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("demarc").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/demarc").path
    }()

    static func fixture(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/DemarcCLITests/Fixtures").appendingPathComponent(name).path
    }

    @discardableResult
    static func run(
        _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
        timeout seconds: Int = 120, executable: String = binary
    ) async throws -> CommandResult {
        var env: [Environment.Key: String?] = [:]
        for (k, v) in environment { env[Environment.Key(stringLiteral: k)] = v }
        // A render cache of its own for each run (a test's renders are never
        // taken from another test's), unless the test names one.
        var ownCache: String?
        if environment["DEMARC_CACHE_DIR"] == nil {
            ownCache = FileManager.default.temporaryDirectory.appendingPathComponent("demarc-test-cache-\(UUID().uuidString)").path
            env["DEMARC_CACHE_DIR"] = ownCache
        }
        defer { if let ownCache { try? FileManager.default.removeItem(atPath: ownCache) } }
        let result = try await Subprocess.run(
            .path(FilePath("/usr/bin/timeout")),
            arguments: Arguments(["-s", "TERM", "-k", "10", String(seconds), executable] + arguments),
            environment: .inherit.updating(env),
            workingDirectory: directory.map { FilePath($0) },
            output: .string(limit: 16 * 1024 * 1024),
            error: .string(limit: 16 * 1024 * 1024)
        )
        let status: Int32
        switch result.terminationStatus {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        }
        #expect(status != 124, "timed out after \(seconds) s: demarc \(arguments.joined(separator: " "))")
        return CommandResult(status: status, stdout: result.standardOutput, stderr: result.standardError)
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("demarc-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
