@testable import DemarcBuild
import DemarcModel
@testable import DemarcOutput
import DemarcRender
import Foundation
import Synchronization
import Testing

/// The build as a pipeline: jobs rendered while the build still makes them,
/// files spooled to disk as they come, pages filled from the spool.
@Suite("The streaming build")
struct StreamingTests {
    static func folder() throws -> String { try RenderCacheTests.folder() }

    /// A renderer that takes only whole lists would never answer the first
    /// job before the second is added: these renderers answer each job as it comes.
    @Test(.timeLimit(.minutes(1)))
    func aJobIsRenderedBeforeTheFeedCloses() async throws {
        try await Self.rendersAsJobsCome(InProcessRenderer())
    }

    /// Adds a job, waits for its outcome, then adds another (WorkerPoolTests runs it on the pool).
    static func rendersAsJobsCome(_ renderer: any Renderer) async throws {
        let feed = JobFeed()
        let answered = Mutex<[Int: RenderOutcome]>([:])
        async let rendering: Void = renderer.render(feed) { index, outcome in answered.withLock { $0[index] = outcome } }
        feed.add(RenderJob(name: "first", dot: "digraph { a -> b }", formats: [.svg]))
        while answered.withLock({ $0[0] }) == nil { try await Task.sleep(for: .milliseconds(5)) }
        feed.add(RenderJob(name: "second", dot: "digraph { c }", formats: [.svg]))
        feed.close()
        await rendering
        let outcomes = answered.withLock { $0 }
        #expect(outcomes.keys.sorted() == [0, 1])
        for (_, outcome) in outcomes {
            guard case .success(let bytes) = outcome else {
                Issue.record("\(outcome)")
                continue
            }
            #expect(String(decoding: bytes[0], as: UTF8.self).contains("<svg"))
        }
    }

    @Test func aFeedHandsEachJobOutOnceAndEndsWhenClosed() async {
        let feed = JobFeed()
        async let waiting = feed.take()
        try? await Task.sleep(for: .milliseconds(20))
        feed.add(RenderJob(name: "a", dot: "", formats: []))
        feed.add(RenderJob(name: "b", dot: "", formats: []))
        let first = await waiting
        let second = await feed.take()
        feed.close()
        let third = await feed.take()
        #expect(first?.0 == 0 && first?.1.name == "a")
        #expect(second?.0 == 1 && second?.1.name == "b")
        #expect(third == nil)
        #expect(feed.count == 2)
    }

    /// A job's index is registered before any taker can see the job: its
    /// outcome may come back before `add` returns (the font check once did,
    /// and was lost).
    @Test func aJobIsRegisteredBeforeATakerGetsIt() async {
        let feed = JobFeed()
        let registered = Mutex<Set<Int>>([])
        async let taken: Bool = {
            guard let (index, _) = await feed.take() else { return false }
            return registered.withLock { $0.contains(index) }
        }()
        try? await Task.sleep(for: .milliseconds(20))
        feed.add(RenderJob(name: "a", dot: "", formats: [])) { index in registered.withLock { _ = $0.insert(index) } }
        #expect(await taken)
        feed.close()
    }

    /// Takers keep to a group of jobs (a worker to a language, whose texts
    /// and glyphs it has loaded): a taker without one takes a job of a
    /// group nobody keeps to; any job rather than none.
    @Test func takersKeepToTheirGroupOfJobs() async {
        let feed = JobFeed()
        for (name, group) in [("ja-1", "ja"), ("ja-2", "ja"), ("en-1", "en"), ("ja-3", "ja"), ("en-2", "en"), ("font", "")] {
            feed.add(RenderJob(name: name, dot: "", formats: [], group: group))
        }
        feed.close()
        var first: String?, second: String?
        let a1 = await feed.take(keeping: &first), b1 = await feed.take(keeping: &second)
        let a2 = await feed.take(keeping: &first), b2 = await feed.take(keeping: &second)
        let a3 = await feed.take(keeping: &first), a4 = await feed.take(keeping: &first)
        #expect([a1?.1.name, a2?.1.name, a3?.1.name] == ["ja-1", "ja-2", "ja-3"])
        #expect([b1?.1.name, b2?.1.name] == ["en-1", "en-2"])
        #expect((first, second) == ("ja", "en"))
        #expect(a4?.1.name == "font", "nothing of its group left: any job")
        #expect(await feed.take(keeping: &first) == nil)
    }

    /// A taker waiting when a job comes gets it if it keeps to its group.
    @Test func aWaitingTakerOfTheJobsGroupGetsIt() async throws {
        let feed = JobFeed()
        feed.add(RenderJob(name: "ja-1", dot: "", formats: [], group: "ja"))
        feed.add(RenderJob(name: "en-1", dot: "", formats: [], group: "en"))
        var ja: String?, en: String?
        _ = await feed.take(keeping: &ja)
        _ = await feed.take(keeping: &en)
        let (jaGroup, enGroup) = (ja, en)
        async let enNext: String? = {
            var group = enGroup
            return await feed.take(keeping: &group)?.1.name
        }()
        try await Task.sleep(for: .milliseconds(20))
        async let jaNext: String? = {
            var group = jaGroup
            return await feed.take(keeping: &group)?.1.name
        }()
        try await Task.sleep(for: .milliseconds(20))
        feed.add(RenderJob(name: "ja-2", dot: "", formats: [], group: "ja"))
        feed.add(RenderJob(name: "en-2", dot: "", formats: [], group: "en"))
        #expect(await jaNext == "ja-2")
        #expect(await enNext == "en-2")
        feed.close()
    }

    /// Pages wait for their diagrams in memory or, past the budget, in the
    /// spool: the same bytes either way, filled as the diagrams come.
    @Test func pagesHeldOrSpooledWhileTheyWaitGiveTheSameBytes() async throws {
        let builder = try Builder(
            derivation: Fixture.p2, options: BuildOptions(parts: [.diagrams, .pages, .reports], languages: [.ja, .en], formats: [.svg]))
        let reference = try await builder.build(renderer: InProcessRenderer())
        for budget in [0, 64 << 20] {
            let dir = try Self.folder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let store = try OutputFiles(spoolingBeside: dir + "/site")
            let session = RenderSession(renderer: SlowRenderer(), cache: nil, store: store, checkFontNow: true, waitingMemory: budget)
            let output = try await builder.build(in: session)
            #expect(output.files == reference, "budget \(budget)")
            store.discard()
        }
    }

    /// A session begun before its build (the model failed to load): cancelled, its renderer ends.
    @Test(.timeLimit(.minutes(1))) func aSessionNoBuildUsesEndsWhenCancelled() async {
        let session = RenderSession(renderer: InProcessRenderer(), cache: nil, store: OutputFiles(), checkFontNow: true)
        await session.cancel()
    }

    /// Spooled or held, the same files; the spool folder is gone afterwards
    /// and the writer moves the spooled files rather than copying them.
    @Test func aSpooledBuildIsByteIdenticalToAHeldOneAndLeavesNoSpool() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let builder = try Builder(
            derivation: Fixture.p2, options: BuildOptions(parts: [.diagrams, .pages, .reports], languages: [.ja, .en], formats: [.svg, .pdf]))
        let held = try await builder.build(renderer: InProcessRenderer())
        let destination = dir + "/site"
        let store = try OutputFiles(spoolingBeside: destination)
        let spooled = try await builder.build(renderer: InProcessRenderer(), cache: nil, into: store)
        #expect(spooled.files == held)
        let inSpool = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".site.spool-") }
        #expect(inSpool.count == 1, "\(inSpool)")
        _ = try OutputWriter(destination: destination).write(store) { builder.manifest($0, generator: "test") }
        store.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("spool") }.isEmpty)
        for (path, bytes) in held {
            #expect(FileManager.default.contents(atPath: destination + "/" + path) == Data(bytes), "\(path)")
        }
    }

    /// A spool whose build was killed (its marker unlocked) goes with the
    /// next build; a live build's, and a folder of the user's of that name
    /// without the marker, stay.
    @Test func aKilledBuildsSpoolIsRemovedAndNothingElse() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let killed = dir + "/.site.spool-999999"
        try FileManager.default.createDirectory(atPath: killed, withIntermediateDirectories: true)
        try Data(Spool.markerContents).write(to: URL(fileURLWithPath: killed + "/" + Spool.marker))
        try Data("x".utf8).write(to: URL(fileURLWithPath: killed + "/0"))
        let users = dir + "/.site.spool-mine"
        try FileManager.default.createDirectory(atPath: users, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: users + "/notes"))
        let live = try OutputFiles(spoolingBeside: dir + "/site")
        try live.put("a.txt", Array("a".utf8))
        let second = try OutputFiles(spoolingBeside: dir + "/site")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(!names.contains(".site.spool-999999"))
        #expect(names.contains(".site.spool-mine"))
        #expect(FileManager.default.contents(atPath: users + "/notes") == Data("keep".utf8))
        #expect(names.filter { $0.hasPrefix(".site.spool-\(getpid())") }.count == 2, "the live spool stays: \(names)")
        #expect(live.bytes("a.txt") == Array("a".utf8))
        live.discard()
        second.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [".site.spool-mine"])
    }

    /// A destination whose parents do not exist yet: the spool goes beside
    /// the nearest folder that does, and the writer still makes the parents.
    @Test func aDestinationInFoldersStillToBeMadeSpoolsBesideTheNearestOne() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try OutputFiles(spoolingBeside: dir + "/a/b/site")
        try store.put("x/y.txt", Array("y".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.hasPrefix(".site.spool-") })
        _ = try OutputWriter(destination: dir + "/a/b/site").write(store) { hashes in
            Manifest(generator: "test", model: .init(id: "m", version: "1", asOf: "2016-01-01"), system: [:], files: hashes)
        }
        store.discard()
        #expect(FileManager.default.contents(atPath: dir + "/a/b/site/x/y.txt") == Data("y".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a"])
    }
}

/// Renders in process, each job after a pause: the pages are made before
/// their diagrams come back, and wait.
struct SlowRenderer: Renderer {
    func render(_ jobs: [RenderJob]) async -> [RenderOutcome] { await InProcessRenderer().render(jobs) }

    func render(_ feed: JobFeed, done: @escaping @Sendable (Int, RenderOutcome) -> Void) async {
        while let (index, job) = await feed.take() {
            try? await Task.sleep(for: .milliseconds(3))
            done(index, await InProcessRenderer().render([job])[0])
        }
    }
}
