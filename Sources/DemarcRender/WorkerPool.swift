import DemarcTrace
import Foundation
import Subprocess
import Synchronization

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Renders through worker processes: the same binary re-executed in its
/// hidden worker mode, fed DOT and returning bytes over pipes. This gives
/// parallelism despite libgvc's global state, confines a crash inside libgvc
/// to the one diagram in flight (reported by name), and bounds libgvc's
/// per-render leak by recycling each worker after `rendersPerWorker` jobs.
/// Results come back in job order, so output does not depend on `workers`.
public struct WorkerPool: Renderer {
    /// The executable to run as a worker (injectable: under `swift test` the
    /// running binary is not `demarc`).
    public var executable: String
    public var arguments: [String]
    public var workers: Int
    public var rendersPerWorker: Int
    public var environment: [String: String]
    /// The longest one render may take; a worker that has not answered by
    /// then (hung, stopped, looping) is killed and the diagram named.
    public var renderTimeout: Duration?
    /// Counts the jobs done, for a progress line.
    public var progress: RenderProgress?
    /// When set, every worker starts at once, not with its first job, and
    /// renders this first, its outcome dropped: Graphviz, fontconfig and the
    /// fonts loaded before the jobs come (a build whose every diagram will
    /// render starts its workers while it reads the model).
    public var warmUp: RenderJob?

    public init(
        executable: String, arguments: [String] = ["__render-worker"], workers: Int,
        rendersPerWorker: Int = 400, environment: [String: String] = [:], renderTimeout: Duration? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.workers = max(1, workers)
        self.rendersPerWorker = max(1, rendersPerWorker)
        self.environment = environment
        self.renderTimeout = renderTimeout
    }

    public func render(_ jobs: [RenderJob]) async -> [RenderOutcome] { await renderThroughFeed(jobs) }

    /// Starts the workers at once (their start-up overlaps the making of the
    /// first jobs) and feeds each the next job as soon as it answers.
    public func render(_ feed: JobFeed, done: @escaping @Sendable (Int, RenderOutcome) -> Void) async {
        progress?.follow(feed)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<workers {
                group.addTask { await serve(feed, done: done) }
            }
        }
    }

    /// One worker slot: starts a worker once there is a job for it (a build
    /// whose diagrams all come from the cache starts none) — or at once, to
    /// warm up, with `warmUp` — feeds it jobs until it has done its share or
    /// the feed is done, and starts another when it dies or is due for
    /// recycling.
    private func serve(_ feed: JobFeed, done: @escaping @Sendable (Int, RenderOutcome) -> Void) async {
        var env: [Environment.Key: String?] = [:]
        for (key, value) in environment { env[Environment.Key(stringLiteral: key)] = value }
        /// The warm-up, as a job of no index: its outcome goes nowhere.
        var warming = warmUp.map { (index: Self.warmUpIndex, job: $0) }
        /// The group of jobs this slot keeps to (its worker's texts and glyphs are loaded).
        var group: String?
        var next = warming == nil ? await feed.take(keeping: &group) : nil
        while next != nil || warming != nil {
            var inFlight: (index: Int, name: String)?
            var served = 0
            var protocolError: String?
            let timedOut = Flag()
            do {
                Trace.mark("pool: spawn")
                let result = try await Subprocess.run(
                    .path(FilePath(executable)),
                    arguments: Arguments(arguments),
                    environment: .inherit.updating(env),
                    input: .inputWriter,
                    output: .sequence,
                    error: .discarded
                ) { execution in
                    var iterator = execution.standardOutput.makeAsyncIterator()
                    var buffer: [UInt8] = []
                    while served < rendersPerWorker {
                        var taken = warming ?? next
                        if warming != nil { warming = nil } else { next = nil }
                        if taken == nil { taken = await feed.take(keeping: &group) }
                        guard let (index, job) = taken else { break }
                        let isWarmUp = index == Self.warmUpIndex
                        inFlight = isWarmUp ? nil : (index, job.name)
                        // A worker that died cannot take the request: the job stays in flight and fails below.
                        guard (try? await execution.standardInputWriter.write(WorkerFrame.request(job))) != nil else { break }
                        // The watchdog: kills the worker if this render outlasts the limit
                        // (SIGKILL ends a stopped process too); its output then ends.
                        let watchdog = renderTimeout.map { limit in
                            Task {
                                try? await Task.sleep(for: limit)
                                guard !Task.isCancelled else { return }
                                timedOut.set()
                                try? execution.send(signal: .kill)
                            }
                        }
                        defer { watchdog?.cancel() }
                        var outcome: RenderOutcome?
                        while outcome == nil {
                            do {
                                if let o = try WorkerFrame.takeResponse(&buffer) {
                                    outcome = o
                                    break
                                }
                            } catch {
                                protocolError = "\(error)"
                                break
                            }
                            guard let chunk = try await iterator.next() else { break }
                            chunk.withUnsafeBytes { buffer += $0 }
                        }
                        guard let outcome else { break }  // end of output: the worker died
                        if isWarmUp { continue }
                        progress?.finishedOne()
                        done(index, outcome)
                        inFlight = nil
                        served += 1
                    }
                    try? await execution.standardInputWriter.finish()
                }
                if let (index, name) = inFlight {
                    let how: String
                    switch result.terminationStatus {
                    case .exited(let code): how = "exited with status \(code)"
                    case .signaled(let signal): how = "was killed by signal \(signal)\(signal == 6 ? " (abort)" : signal == 11 ? " (segmentation fault)" : "")"
                    }
                    if timedOut.isSet {
                        done(index, .failure(RenderFailure(diagram: name, cause: .timedOut(Self.seconds(renderTimeout)))))
                    } else {
                        done(index, .failure(RenderFailure(diagram: name, cause: .workerEnded(protocolError ?? "the worker \(how)"))))
                    }
                }
            } catch {
                if let (index, name) = inFlight {
                    done(index, .failure(RenderFailure(diagram: name, cause: .workerEnded("the worker failed: \(error)"))))
                } else if served == 0 {
                    // The worker could not even start: fail what is left rather than loop.
                    if let (index, job) = next {
                        done(index, .failure(RenderFailure(diagram: job.name, cause: .workerUnavailable("\(executable): \(error)"))))
                    }
                    while let (index, job) = await feed.take() {
                        done(index, .failure(RenderFailure(diagram: job.name, cause: .workerUnavailable("\(executable): \(error)"))))
                    }
                    return
                }
            }
            if next == nil { next = await feed.take(keeping: &group) }
        }
    }
}

extension WorkerPool {
    /// The warm-up's place where a job's index goes.
    static let warmUpIndex = -1

    static func seconds(_ duration: Duration?) -> String {
        guard let duration else { return "?" }
        let (s, attoseconds) = duration.components
        let value = Double(s) + Double(attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

/// A flag set once, from any task.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
