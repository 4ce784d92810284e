import Dispatch
import Foundation
import DemarcGraphviz
import Synchronization

/// One diagram to render: DOT text, laid out once, and the formats wanted.
public struct RenderJob: Sendable, Hashable {
    /// Names the diagram in errors.
    public var name: String
    public var dot: String
    public var formats: [Graphviz.Format]
    /// Jobs of one group (a language) share most of their text, and a
    /// worker measures each text and loads each glyph once: a worker keeps
    /// to one group while it has jobs (`JobFeed.take(keeping:)`). Not sent
    /// to the worker.
    public var group: String

    public init(name: String, dot: String, formats: [Graphviz.Format], group: String = "") {
        self.name = name
        self.dot = dot
        self.formats = formats
        self.group = group
    }
}

/// What came of one job: the bytes of each format, in the job's order, or
/// why it failed.
public enum RenderOutcome: Sendable, Equatable {
    case success([[UInt8]])
    case failure(RenderFailure)
}

/// Why one diagram was not rendered, by cause, so callers (and tests) match
/// the case, not the wording.
public struct RenderFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Cause: Sendable, Hashable {
        /// Graphviz refused the diagram: what it said, message by message.
        case graphviz([String])
        /// The render took longer than the time-out (shown as given), and its worker was killed.
        case timedOut(String)
        /// The worker ended while rendering it: how (a status, a signal, a broken protocol).
        case workerEnded(String)
        /// No worker could be started: why.
        case workerUnavailable(String)
        /// Nothing rendered it (a bug of the pool).
        case notRendered
    }

    /// The diagram's name (its output path or id).
    public var diagram: String
    public var cause: Cause

    public init(diagram: String, cause: Cause) {
        self.diagram = diagram
        self.cause = cause
    }

    /// The failure of a Graphviz call.
    public init(diagram: String, error: any Error) {
        if let error = error as? GraphvizError {
            self.init(diagram: diagram, cause: .graphviz(error.messages))
        } else {
            self.init(diagram: diagram, cause: .graphviz(["\(error)"]))
        }
    }

    public var description: String {
        switch cause {
        case .graphviz(let messages):
            return "Graphviz failed on \(diagram): " + messages.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: " | ")
        case .timedOut(let limit):
            return "\(diagram): took longer than \(limit) to render (--render-timeout), so its worker was killed"
        case .workerEnded(let how):
            return "\(diagram): \(how) while rendering it"
        case .workerUnavailable(let why):
            return "\(diagram): cannot start a worker (\(why))"
        case .notRendered:
            return "\(diagram): no worker rendered it"
        }
    }
}

/// How many jobs a renderer has finished, read from another thread (the
/// build's progress line on a terminal).
public final class RenderProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = 0

    public init() {}

    private var feeds: [JobFeed] = []

    /// Jobs finished, and jobs known so far (a feed's count grows while the build adds jobs).
    public var state: (finished: Int, total: Int) {
        let (finished, feeds) = lock.withLock { (self.finished, self.feeds) }
        return (finished, feeds.reduce(0) { $0 + $1.count })
    }
    func follow(_ feed: JobFeed) { lock.withLock { feeds.append(feed) } }
    func finishedOne() { lock.withLock { finished += 1 } }
}

/// Renders jobs, in process or in worker processes.
public protocol Renderer: Sendable {
    /// Renders every job; the outcomes in job order.
    func render(_ jobs: [RenderJob]) async -> [RenderOutcome]
    /// Renders the jobs of `feed` as they are added, until it is closed,
    /// telling `done` each outcome (with the job's index) as soon as it is
    /// there, in any order. The build adds jobs while it is still making
    /// them, so rendering starts with the first.
    func render(_ feed: JobFeed, done: @escaping @Sendable (Int, RenderOutcome) -> Void) async
}

extension Renderer {
    /// A whole list through `render(_:done:)`, outcomes in job order (for
    /// renderers that render from a feed).
    func renderThroughFeed(_ jobs: [RenderJob]) async -> [RenderOutcome] {
        guard !jobs.isEmpty else { return [] }
        let results = Mutex([RenderOutcome?](repeating: nil, count: jobs.count))
        await render(JobFeed(jobs)) { index, outcome in results.withLock { $0[index] = outcome } }
        return results.withLock { $0 }.enumerated().map { index, outcome in
            outcome ?? .failure(RenderFailure(diagram: jobs[index].name, cause: .notRendered))
        }
    }

    /// For renderers that only take whole lists: waits for the feed to close.
    public func render(_ feed: JobFeed, done: @escaping @Sendable (Int, RenderOutcome) -> Void) async {
        let jobs = await feed.all()
        for ((index, _), outcome) in zip(jobs, await render(jobs.map(\.1))) { done(index, outcome) }
    }
}

/// Jobs handed to a renderer while they are being made: `add` from the
/// producer, `take` from the renderer's workers (waiting while it is empty
/// and open), `close` when no more come. Each job is taken once.
public final class JobFeed: Sendable {
    private struct State {
        var jobs: [RenderJob?] = []
        /// The indices of the jobs not yet taken, oldest first.
        var pending: [Int] = []
        var closed = false
        var waiting: [(group: String?, continuation: CheckedContinuation<(Int, RenderJob)?, Never>)] = []
        var closing: [CheckedContinuation<Void, Never>] = []
        /// The groups a taker keeps to.
        var kept: [String: Int] = [:]

        /// The job a taker keeping to `group` gets: the oldest of its group;
        /// else the oldest of a group nobody keeps to; else the oldest.
        mutating func pick(keeping group: String?) -> Int? {
            guard !pending.isEmpty else { return nil }
            let position =
                group.flatMap { g in pending.firstIndex { jobs[$0]!.group == g } }
                ?? pending.firstIndex { kept[jobs[$0]!.group, default: 0] == 0 } ?? 0
            return pending.remove(at: position)
        }
    }
    private let state = Mutex(State())

    public init() {}

    /// A feed holding `jobs`, closed.
    public convenience init(_ jobs: [RenderJob]) {
        self.init()
        for job in jobs { add(job) }
        close()
    }

    /// Adds a job; its index is the number of jobs added before it.
    /// `register` is told the index before any taker can see the job (its
    /// outcome may come back before `add` returns).
    @discardableResult public func add(_ job: RenderJob, register: (Int) -> Void = { _ in }) -> Int {
        let (index, waiter) = state.withLock { state -> (Int, CheckedContinuation<(Int, RenderJob)?, Never>?) in
            precondition(!state.closed, "a job added to a closed feed")
            let index = state.jobs.count
            register(index)
            state.jobs.append(job)
            guard !state.waiting.isEmpty else {
                state.pending.append(index)
                return (index, nil)
            }
            // Handed out at once: to a taker keeping to its group if one waits.
            state.jobs[index] = nil  // the DOT is not held once taken
            let taker = state.waiting.firstIndex { $0.group == job.group } ?? 0
            return (index, state.waiting.remove(at: taker).continuation)
        }
        waiter?.resume(returning: (index, job))
        return index
    }

    /// No more jobs: waiting takers get nil.
    public func close() {
        let (waiters, closers) = state.withLock { state in
            state.closed = true
            defer {
                state.waiting = []
                state.closing = []
            }
            return (state.waiting.map(\.continuation), state.closing)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        for closer in closers { closer.resume() }
    }

    /// The next job not yet taken, waiting for one while the feed is open;
    /// nil once it is closed and empty.
    public func take() async -> (Int, RenderJob)? {
        var group: String?
        return await take(keeping: &group)
    }

    /// As `take()`, for a taker that keeps to one group of jobs: the oldest
    /// job of `group` first; with no group yet, one of a group no other
    /// taker keeps to, which becomes its group. Any job rather than none.
    public func take(keeping group: inout String?) async -> (Int, RenderJob)? {
        let keeping = group
        let taken: (Int, RenderJob)? = await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> (Int, RenderJob)?? in
                if let index = state.pick(keeping: keeping) {
                    defer { state.jobs[index] = nil }  // the DOT is not held once taken
                    return .some((index, state.jobs[index]!))
                }
                if state.closed { return .some(nil) }
                state.waiting.append((keeping, continuation))
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
        if group == nil, let (_, job) = taken, !job.group.isEmpty {
            group = job.group
            state.withLock { $0.kept[job.group, default: 0] += 1 }
        }
        return taken
    }

    /// Every job not yet taken, once the feed is closed (for renderers that take lists).
    func all() async -> [(Int, RenderJob)] {
        await withCheckedContinuation { continuation in
            let closed = state.withLock { state -> Bool in
                if state.closed { return true }
                state.closing.append(continuation)
                return false
            }
            if closed { continuation.resume() }
        }
        var jobs: [(Int, RenderJob)] = []
        while let job = await take() { jobs.append(job) }
        return jobs
    }

    /// How many jobs were added.
    public var count: Int { state.withLock { $0.jobs.count } }
}

/// Renders in this process through the Graphviz door (`--jobs 0`).
public struct InProcessRenderer: Renderer {
    public var progress: RenderProgress?

    public init(progress: RenderProgress? = nil) { self.progress = progress }

    public func render(_ jobs: [RenderJob]) async -> [RenderOutcome] { await renderThroughFeed(jobs) }

    /// Graphviz works synchronously and may take long: it runs on a thread
    /// of its own (`onOwnThread`), so the Swift concurrency pool (two
    /// threads on two cores) is never blocked by it and other tasks —
    /// reading a child's output, say — go on.
    public func render(_ feed: JobFeed, done: @escaping @Sendable (Int, RenderOutcome) -> Void) async {
        progress?.follow(feed)
        while let (index, job) = await feed.take() {
            let outcome = await onOwnThread { Self.render(job) }
            progress?.finishedOne()
            done(index, outcome)
        }
    }

    static func render(_ job: RenderJob) -> RenderOutcome {
        do {
            return .success(try Graphviz.render(dot: job.dot, formats: job.formats, name: job.name))
        } catch {
            return .failure(RenderFailure(diagram: job.name, error: error))
        }
    }
}

/// The byte framing between the build and its workers over pipes.
/// Request: "DMRQ" u32 name-length name u8 format-count (u8 length format)… u32 dot-length dot.
/// Response: "DMRS" u8 status (0 bytes, 1 failure), then for bytes
/// u8 count (u32 length payload)…, for a failure u8 cause, u32 length diagram,
/// u8 count (u32 length text)….
public enum WorkerFrame {
    static let requestMagic = Array("DMRQ".utf8)
    static let responseMagic = Array("DMRS".utf8)

    static func u32(_ n: Int) -> [UInt8] {
        let v = UInt32(n)
        return [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)]
    }

    static func readU32(_ bytes: ArraySlice<UInt8>) -> Int {
        let b = Array(bytes.prefix(4))
        return Int(UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3]))
    }

    public static func request(_ job: RenderJob) -> [UInt8] {
        let name = Array(job.name.utf8), dot = Array(job.dot.utf8)
        var out = requestMagic + u32(name.count) + name + [UInt8(job.formats.count)]
        for format in job.formats {
            let f = Array(format.rawValue.utf8)
            out += [UInt8(f.count)] + f
        }
        return out + u32(dot.count) + dot
    }

    public static func response(_ outcome: RenderOutcome) -> [UInt8] {
        switch outcome {
        case .success(let outputs):
            var out = responseMagic + [0, UInt8(outputs.count)]
            for bytes in outputs { out += u32(bytes.count) + bytes }
            return out
        case .failure(let failure):
            let (cause, texts): (UInt8, [String])
            switch failure.cause {
            case .graphviz(let messages): (cause, texts) = (0, messages)
            case .timedOut(let limit): (cause, texts) = (1, [limit])
            case .workerEnded(let how): (cause, texts) = (2, [how])
            case .workerUnavailable(let why): (cause, texts) = (3, [why])
            case .notRendered: (cause, texts) = (4, [])
            }
            let diagram = Array(failure.diagram.utf8)
            var out = responseMagic + [1, cause] + u32(diagram.count) + diagram + [UInt8(min(texts.count, 255))]
            for text in texts.prefix(255) {
                let bytes = Array(text.utf8)
                out += u32(bytes.count) + bytes
            }
            return out
        }
    }

    /// A whole request at the front of `buffer`, removing it; nil if incomplete.
    /// Throws on bytes that are not a request.
    public static func takeRequest(_ buffer: inout [UInt8]) throws -> RenderJob? {
        guard buffer.count >= 8 else { return nil }
        guard Array(buffer[0..<4]) == requestMagic else { throw FrameError() }
        let nameLength = readU32(buffer[4...])
        var offset = 8 + nameLength
        guard buffer.count >= offset + 1 else { return nil }
        let count = Int(buffer[offset])
        offset += 1
        var formats: [Graphviz.Format] = []
        for _ in 0..<count {
            guard buffer.count >= offset + 1 else { return nil }
            let length = Int(buffer[offset])
            guard buffer.count >= offset + 1 + length else { return nil }
            let name = String(decoding: buffer[offset + 1..<offset + 1 + length], as: UTF8.self)
            guard let format = Graphviz.Format(rawValue: name) else { throw FrameError() }
            formats.append(format)
            offset += 1 + length
        }
        guard buffer.count >= offset + 4 else { return nil }
        let dotLength = readU32(buffer[offset...])
        offset += 4
        guard buffer.count >= offset + dotLength else { return nil }
        let job = RenderJob(
            name: String(decoding: buffer[8..<8 + nameLength], as: UTF8.self),
            dot: String(decoding: buffer[offset..<offset + dotLength], as: UTF8.self), formats: formats)
        buffer.removeFirst(offset + dotLength)
        return job
    }

    /// A whole response at the front of `buffer`, removing it; nil if incomplete.
    public static func takeResponse(_ buffer: inout [UInt8]) throws -> RenderOutcome? {
        guard buffer.count >= 5 else { return nil }
        guard Array(buffer[0..<4]) == responseMagic else { throw FrameError() }
        if buffer[4] == 1 {
            guard buffer.count >= 10 else { return nil }
            let cause = buffer[5]
            let diagramLength = readU32(buffer[6...])
            var offset = 10 + diagramLength
            guard buffer.count >= offset + 1 else { return nil }
            let diagram = String(decoding: buffer[10..<offset], as: UTF8.self)
            let count = Int(buffer[offset])
            offset += 1
            var texts: [String] = []
            for _ in 0..<count {
                guard buffer.count >= offset + 4 else { return nil }
                let length = readU32(buffer[offset...])
                guard buffer.count >= offset + 4 + length else { return nil }
                texts.append(String(decoding: buffer[offset + 4..<offset + 4 + length], as: UTF8.self))
                offset += 4 + length
            }
            let first = texts.first ?? ""
            let failure: RenderFailure.Cause
            switch cause {
            case 0: failure = .graphviz(texts)
            case 1: failure = .timedOut(first)
            case 2: failure = .workerEnded(first)
            case 3: failure = .workerUnavailable(first)
            case 4: failure = .notRendered
            default: throw FrameError()
            }
            buffer.removeFirst(offset)
            return .failure(RenderFailure(diagram: diagram, cause: failure))
        }
        guard buffer.count >= 6 else { return nil }
        let count = Int(buffer[5])
        var offset = 6
        var outputs: [[UInt8]] = []
        for _ in 0..<count {
            guard buffer.count >= offset + 4 else { return nil }
            let length = readU32(buffer[offset...])
            guard buffer.count >= offset + 4 + length else { return nil }
            outputs.append(Array(buffer[offset + 4..<offset + 4 + length]))
            offset += 4 + length
        }
        buffer.removeFirst(offset)
        return .success(outputs)
    }

    public struct FrameError: Error, CustomStringConvertible {
        public var description: String { "the worker protocol was broken (unexpected bytes on the pipe)" }
    }
}
