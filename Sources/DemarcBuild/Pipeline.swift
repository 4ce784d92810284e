import DemarcModel
import DemarcTrace
import DemarcOutput
import DemarcRender
import Synchronization

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
        let taken = state.withLock { state -> Bool in
            if let other = state.owners[path] {
                state.collisions[path, default: [other]].insert(part)
                return true
            }
            state.owners[path] = part
            return false
        }
        if !taken { replace(path, bytes) }
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

    init(cache: RenderCache?, collector: Collector) {
        self.cache = cache
        self.collector = collector
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
