import ArgumentParser
import DemarcModel
import DemarcOutput
import Dispatch
import Foundation

/// `demarc watch [MODEL] [build options]`: builds, then rebuilds whenever a
/// model file, a base, the requirements or a template changes.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Build, then rebuild whenever a model file, its base, its requirements or a template changes; Ctrl-C stops.",
        discussion: """
            Takes every option of demarc build. Changes are looked for every 200 ms and a rebuild waits until
            the files have been still for the debounce time, so an editor's save — a new file renamed over the
            old one, a file deleted and written again, a new file in the model's folder — is one rebuild. An
            invalid edit prints its diagnostics and leaves the last good output as it is; the next good one
            rebuilds. Ctrl-C (SIGINT) or SIGTERM stops it, with exit status 0.
            """
    )

    @OptionGroup var build: BuildCommand

    @Option(name: .long, help: "Milliseconds the files must be still before a rebuild (default 300).")
    var debounce: Int = 300

    @Option(name: .long, help: .hidden)
    var maxRebuilds: Int?

    func validate() throws {
        if debounce < 0 || debounce > 60_000 { throw ValidationError("--debounce is 0 to 60000 milliseconds") }
    }

    func run() async throws {
        let stop = Self.stopOnSignals()
        let modelPath = try build.modelOption.path(positional: build.modelPath)
        var rebuilds = 0
        var watched = await buildOnce(modelPath)
        if watched.isEmpty, build.templates == nil {
            printError("demarc: watching nothing: the embedded default model does not change (name a model folder or file)")
        }
        var last = Self.snapshot(watched)
        printError("demarc: watching \(watched.count) files and folders; Ctrl-C stops")
        while !stop.isSet {
            try? await Task.sleep(for: .milliseconds(200))
            var now = Self.snapshot(watched)
            guard now != last else { continue }
            // Debounced: still for `debounce` ms.
            while !stop.isSet {
                try? await Task.sleep(for: .milliseconds(debounce))
                let again = Self.snapshot(watched)
                if again == now { break }
                now = again
            }
            if stop.isSet { break }
            let changed = Set(now.keys).union(last.keys).filter { now[$0] != last[$0] }.sorted()
            printError("demarc: changed: " + changed.prefix(5).map { Self.relative($0) }.joined(separator: ", ") + (changed.count > 5 ? " …" : ""))
            watched = await buildOnce(modelPath)
            // What changes while it builds is seen next time round: the paths
            // watched before keep the state the build started from.
            var next = Self.snapshot(watched)
            for (path, state) in now where next[path] != nil { next[path] = state }
            last = next
            rebuilds += 1
            if let maxRebuilds, rebuilds >= maxRebuilds { break }
        }
        printError("demarc: stopped watching")
    }

    /// One build, its failure printed rather than thrown; the paths to watch next.
    func buildOnce(_ modelPath: String?) async -> [String] {
        do {
            try await build.run()
        } catch let failure as CommandFailure {
            if let message = failure.message { printError("error: \(message)") }
            printError("demarc: the last good output is kept; waiting for the next change")
        } catch {
            printError("error: \(error)")
        }
        var paths: [String] = []
        if let modelPath, let (result, _) = try? ModelInput.load(modelPath) {
            paths = BuildCommand.inputs(modelPath: modelPath, read: result.files) ?? result.files.map(OutputWriter.absolutePath)
        }
        if let folder = build.templates {
            let absolute = OutputWriter.absolutePath(folder)
            paths.append(absolute)
            paths += ((try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []).map { absolute + "/" + $0 }
        }
        return Array(Set(paths)).sorted()
    }

    /// How each path stands now (nil: nothing there).
    static func snapshot(_ paths: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for path in paths { result[path] = BuildStamp.snapshot(absolute: path) ?? "-" }
        return result
    }

    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    /// A flag set on SIGINT or SIGTERM (the signals then no longer end the process).
    static func stopOnSignals() -> StopFlag {
        let flag = StopFlag()
        for signal in [SIGINT, SIGTERM] {
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler { flag.set() }
            source.resume()
            flag.sources.append(source)
        }
        return flag
    }

    final class StopFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var sources: [any DispatchSourceSignal] = []
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }
}
