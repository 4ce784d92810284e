import DemarcModel
import DemarcTrace
import DemarcOutput
import DemarcRender
import Synchronization

/// The renders of one build and where their files go: the feed the parts
/// fill, the renderer working through it, what each job is for. Made
/// before the builder when it is known that diagrams will render (no
/// cache): the font check is then the first job at once, and the workers
/// start — with `WorkerPool.warmUp` — while the model is read.
public final class RenderSession: Sendable {
    let feed: JobFeed
    let collector: Collector
    let waiting: Waiting
    let renders: RenderBook
    let store: OutputFiles
    let cache: RenderCache?
    private let rendering: Task<Void, Never>

    /// Starts `renderer` on the session's feed; with `checkFontNow`, the font
    /// check is its first job now rather than with the first diagram.
    public convenience init(renderer: any Renderer, cache: RenderCache?, store: OutputFiles, checkFontNow: Bool = false) {
        self.init(renderer: renderer, cache: cache, store: store, checkFontNow: checkFontNow, waitingMemory: 64 << 20)
    }

    /// With `waitingMemory`, the bytes of waiting files held in memory at most (past it, spooled).
    init(renderer: any Renderer, cache: RenderCache?, store: OutputFiles, checkFontNow: Bool, waitingMemory: Int) {
        let collector = Collector(store: store)
        let waiting = Waiting(collector: collector, memoryBudget: waitingMemory)
        let renders = RenderBook(cache: cache, collector: collector, waiting: waiting)
        let feed = JobFeed()
        self.feed = feed
        self.collector = collector
        self.waiting = waiting
        self.renders = renders
        self.store = store
        self.cache = cache
        if checkFontNow, renders.claimFontCheck() { feed.add(FontCheck.job) { renders.expectFontCheck(at: $0) } }
        rendering = Task { await renderer.render(feed) { index, outcome in renders.finished(index, outcome) } }
    }

    /// Ends a session no build will use (the model did not load): no more
    /// jobs, the workers stop.
    public func cancel() async {
        feed.close()
        await rendering.value
    }

    /// When every job fed has an outcome (the feed closed).
    func finished() async { await rendering.value }
}

/// Files waiting for what they embed (pages for their diagrams): each is
/// filled on the thread that stores the last rendered file it needs, as
/// soon as that is stored, rather than after every render is done. While
/// they wait, their bytes are held in memory up to `memoryBudget` in all,
/// and spooled (and read back) past it, so memory stays bounded.
final class Waiting: Sendable {
    private let collector: Collector
    private let memoryBudget: Int
    private let state = Mutex(State())

    private struct State {
        /// By the rendered file each waits for.
        var files: [String: [AssembledFile]] = [:]
        var heldBytes = 0
    }

    init(collector: Collector, memoryBudget: Int = 64 << 20) {
        self.collector = collector
        self.memoryBudget = memoryBudget
    }

    /// Stores `file` filled when what it embeds is there, else keeps it
    /// (held, or its own bytes spooled) until it is.
    func add(_ file: AssembledFile, part: String) {
        guard collector.claim(file.path, part: part) else { return }
        let ready = state.withLock { state -> Bool in
            // Under the lock: a render stored after this look finds the file waiting.
            guard let missing = file.embeds.first(where: { !collector.store.contains($0) }) else { return true }
            let size = file.heldBytes
            if state.heldBytes + size <= memoryBudget {
                state.heldBytes += size
                state.files[missing, default: []].append(file)
            } else {
                let (bytes, parked) = file.parked()
                collector.replace(file.path, bytes)
                state.files[missing, default: []].append(parked)
            }
            return false
        }
        if ready { fill(file) }
    }

    /// Fills the files waiting for `paths` (just stored) that now have all they embed.
    func stored(_ paths: [String]) {
        let taken = state.withLock { state in paths.flatMap { state.files.removeValue(forKey: $0) ?? [] } }
        for file in taken {
            if let missing = file.embeds.first(where: { !collector.store.contains($0) }) {
                state.withLock { $0.files[missing, default: []].append(file) }
                continue
            }
            fill(file)
            state.withLock { $0.heldBytes -= file.heldBytes }
        }
    }

    /// Files still waiting (a render that failed): each with what it lacks.
    func left() -> [AssembledFile.Missing] {
        state.withLock { state in
            state.files.sorted { $0.key < $1.key }.flatMap { path, files in files.map { AssembledFile.Missing(file: $0.path, rendered: path) } }
        }
    }

    private func fill(_ file: AssembledFile) {
        switch file.filled(from: collector.store.bytes) {
        case .success(let bytes):
            collector.replace(file.path, bytes)
        case .failure(let missing):
            collector.fail(Builder.Failure.pages([.diagramMissing(page: missing.file, diagram: missing.rendered)]))
        }
    }
}

/// The files of a build as the parts make them, from any thread: each into
/// the store at once, with the part that made it, so that two parts writing
/// one path are caught.
final class Collector: Sendable {
    let store: OutputFiles
    private let state = Mutex(State())

    private struct State {
        var owners: [String: String] = [:]
        var collisions: [String: Set<String>] = [:]
        var failure: (any Error)?
    }

    init(store: OutputFiles) {
        self.store = store
    }

    func add(_ path: String, _ bytes: [UInt8], part: String) {
        if claim(path, part: part) { replace(path, bytes) }
    }

    /// Records that `part` writes `path`; false when another part does (a collision).
    func claim(_ path: String, part: String) -> Bool {
        state.withLock { state -> Bool in
            if let other = state.owners[path] {
                state.collisions[path, default: [other]].insert(part)
                return false
            }
            state.owners[path] = part
            return true
        }
    }

    /// Puts new bytes for a file already added (a page whose holes are filled).
    func replace(_ path: String, _ bytes: [UInt8]) {
        do {
            try store.put(path, bytes)
        } catch {
            state.withLock { state in
                if state.failure == nil { state.failure = error }
            }
        }
    }

    /// Records a failure of the build (the first is kept).
    func fail(_ error: any Error) {
        state.withLock { state in
            if state.failure == nil { state.failure = error }
        }
    }

    /// The first path (in order) that two parts wrote, or the first file the
    /// store could not take.
    func firstCollision() -> (any Error)? {
        state.withLock { state -> (any Error)? in
            if let failure = state.failure { return failure }
            guard let path = state.collisions.keys.min() else { return nil }
            return Builder.Failure.collision(path: path, parts: state.collisions[path]!.sorted())
        }
    }
}

/// The renders of a build: what each job of the feed is for, and what came
/// of it. Each rendered diagram is finished (`deliver`) and its files handed
/// to the collector on the thread that received it; it is stored in the
/// cache only once the font check has passed (until then, held).
final class RenderBook: Sendable {
    private let cache: RenderCache?
    private let collector: Collector
    private let waiting: Waiting
    private let state = Mutex(State())

    private struct Expected: Sendable {
        var part: String
        var render: PartRender
        var key: String?
    }

    private enum Font {
        case none, pending(at: Int), passed, failed(any Error)
    }

    private struct State {
        var expected: [Int: Expected] = [:]
        var font = Font.none
        /// Renders waiting for the font check before they go into the cache.
        var unstored: [(key: String, files: [String: [UInt8]])] = []
        var failures: [(index: Int, failure: RenderFailure)] = []
        var rendered = 0
        var cached = 0
        var damaged = 0
    }

    init(cache: RenderCache?, collector: Collector, waiting: Waiting) {
        self.cache = cache
        self.collector = collector
        self.waiting = waiting
    }

    /// True for the first caller only: that one adds the font check. From
    /// then on renders wait for its verdict before they go into the cache.
    func claimFontCheck() -> Bool {
        state.withLock { state in
            guard case .none = state.font else { return false }
            state.font = .pending(at: -1)
            return true
        }
    }

    func expectFontCheck(at index: Int) { state.withLock { $0.font = .pending(at: index) } }

    func expect(_ index: Int, part: String, render: PartRender, key: String?) {
        state.withLock { $0.expected[index] = Expected(part: part, render: render, key: key) }
    }

    func tookFromCache() { state.withLock { $0.cached += 1 } }
    func foundDamaged() { state.withLock { $0.damaged += 1 } }

    func finished(_ index: Int, _ outcome: RenderOutcome) {
        Trace.mark("render \(index) back")
        defer { Trace.mark("render \(index) stored") }
        let (expected, isFontCheck) = state.withLock { state -> (Expected?, Bool) in
            if case .pending(let at) = state.font, at == index { return (nil, true) }
            return (state.expected.removeValue(forKey: index), false)
        }
        if isFontCheck { return checkedFont(outcome) }
        guard let expected else { return }
        switch outcome {
        case .failure(let failure):
            state.withLock { $0.failures.append((index, failure)) }
        case .success(let outputs):
            let files = expected.render.deliver(outputs)
            for (path, bytes) in files.sorted(by: { $0.key < $1.key }) { collector.add(path, bytes, part: expected.part) }
            waiting.stored(Array(files.keys))
            let store = state.withLock { state -> Bool in
                state.rendered += 1
                guard let key = expected.key else { return false }
                switch state.font {
                case .passed: return true
                case .pending: state.unstored.append((key, files))
                case .none, .failed: break
                }
                return false
            }
            if store, let key = expected.key { _ = cache?.store(key, files) }
        }
    }

    private func checkedFont(_ outcome: RenderOutcome) {
        let verdict: Font
        switch outcome {
        case .success(let outputs):
            do {
                try FontCheck.verify(xdot: outputs.first ?? [])
                verdict = .passed
            } catch let failure as FontCheck.Failure {
                verdict = .failed(Builder.Failure.font(failure))
            } catch {
                verdict = .failed(error)
            }
        case .failure(let failure):
            verdict = .failed(Builder.Failure.renders([failure]))
        }
        let unstored = state.withLock { state in
            state.font = verdict
            defer { state.unstored = [] }
            return state.unstored
        }
        if case .passed = verdict, let cache {
            for (key, files) in unstored { _ = cache.store(key, files) }
        }
    }

    /// Throws when the font check failed or never came back.
    func verifyFont() throws {
        let font = state.withLock { $0.font }
        switch font {
        case .none, .passed: return
        case .failed(let error): throw error
        case .pending: throw Builder.Failure.renders([RenderFailure(diagram: FontCheck.job.name, cause: .notRendered)])
        }
    }

    /// The failures in job order, and the counts. A job no renderer answered is a failure too.
    func summary() -> (failures: [RenderFailure], rendered: Int, cached: Int, damaged: Int) {
        state.withLock { state in
            let unanswered = state.expected.map { (index: $0.key, failure: RenderFailure(diagram: $0.value.render.job.name, cause: .notRendered)) }
            let failures = (state.failures + unanswered).sorted { $0.index < $1.index }.map(\.failure)
            return (failures, state.rendered, state.cached, state.damaged)
        }
    }
}

extension FontCheck {
    /// The font check as a render job (added before a build's first render).
    static let job = RenderJob(name: "font check", dot: FontCheck.dot, formats: [.xdot])
}

extension Builder {
    /// What a worker renders to warm up (`WorkerPool.warmUp`): the font
    /// check's Japanese text, which loads fontconfig, pango and Noto CJK.
    public static var warmUpJob: RenderJob { FontCheck.job }
}

/// Calls `then` once `count` producers have arrived (the feed closes when
/// every language's plans are made).
final class Barrier: Sendable {
    private let left: Mutex<Int>
    private let then: @Sendable () -> Void

    init(count: Int, then: @escaping @Sendable () -> Void) {
        left = Mutex(count)
        self.then = then
        if count == 0 { then() }
    }

    func arrive() {
        if left.withLock({ left in
            left -= 1
            return left == 0
        }) {
            then()
        }
    }
}
