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
