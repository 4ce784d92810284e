import DemarcBuild
@testable import DemarcRender
import DemarcGraphviz
import Foundation
import Synchronization
import Testing

@Suite("Worker pool and font check")
struct WorkerPoolTests {
    static func jobs(_ n: Int) -> [RenderJob] {
        (0..<n).map { i in
            RenderJob(name: "job-\(i)", dot: "digraph g\(i) { n [label=<<B>ジョブ\(i)</B>>] }", formats: i % 3 == 0 ? [.png] : i % 3 == 1 ? [.svg] : [.svg, .png])
        }
    }

    /// Workers recycled every two renders (the executable injected: under
    /// `swift test` this process is not `demarc`) give the same bytes, in
    /// order, as rendering in process.
    @Test func recycledWorkersGiveTheSameBytesInOrder() async throws {
        let jobs = Self.jobs(11)
        let pool = WorkerPool(executable: Demarc.binary, workers: 3, rendersPerWorker: 2)
        let fromWorkers = await pool.render(jobs)
        let inProcess = await InProcessRenderer().render(jobs)
        #expect(fromWorkers.count == 11)
        #expect(fromWorkers == inProcess)
        #expect(fromWorkers.allSatisfy { if case .success = $0 { return true } else { return false } })
    }

    @Test func aGraphvizErrorInAWorkerComesBackAsThatJobsFailure() async throws {
        var jobs = Self.jobs(4)
        jobs[2] = RenderJob(name: "broken", dot: #"digraph b { n [label=<<TABLE><TR><TD>a & b</TD></TR></TABLE>>] }"#, formats: [.svg])
        let outcomes = await WorkerPool(executable: Demarc.binary, workers: 2).render(jobs)
        guard case .failure(let failure) = outcomes[2] else { Issue.record("the broken label rendered"); return }
        #expect(failure.diagram == "broken")
        guard case .graphviz(let messages) = failure.cause else { Issue.record("not Graphviz's refusal: \(failure)"); return }
        #expect(!messages.isEmpty)
        #expect(outcomes.enumerated().allSatisfy { i, o in i == 2 || o != outcomes[2] })
    }

    /// The pool renders jobs as the build adds them: the first comes back
    /// while the feed is still open.
    @Test(.timeLimit(.minutes(1))) func aJobIsRenderedBeforeTheFeedCloses() async throws {
        let feed = JobFeed()
        let answered = Mutex(0)
        async let rendering: Void = WorkerPool(executable: Demarc.binary, workers: 2).render(feed) { _, outcome in
            if case .success = outcome { answered.withLock { $0 += 1 } }
        }
        let jobs = Self.jobs(2)
        feed.add(jobs[0])
        while answered.withLock({ $0 }) < 1 { try await Task.sleep(for: .milliseconds(5)) }
        feed.add(jobs[1])
        feed.close()
        await rendering
        #expect(answered.withLock { $0 } == 2)
    }

    /// Warming up, the workers start before any job and render the warm-up
    /// first; its outcome goes nowhere (here it fails: the jobs do not) and
    /// is not counted as a job done.
    @Test func aWarmUpIsRenderedFirstAndItsOutcomeDropped() async throws {
        let jobs = Self.jobs(5)
        var pool = WorkerPool(executable: Demarc.binary, workers: 2)
        pool.warmUp = RenderJob(name: "warm-up", dot: "digraph { a -> ", formats: [.svg])
        let progress = RenderProgress()
        pool.progress = progress
        let outcomes = await pool.render(jobs)
        #expect(outcomes == (await InProcessRenderer().render(jobs)))
        #expect(progress.state.finished == jobs.count)
    }

    /// A warm pool whose feed closes with no job ends without a word.
    @Test func aWarmPoolGivenNoJobEndsQuietly() async {
        let feed = JobFeed()
        var pool = WorkerPool(executable: Demarc.binary, workers: 2)
        pool.warmUp = RenderJob(name: "warm-up", dot: "digraph { a }", formats: [.svg])
        let told = Mutex(0)
        async let rendering: Void = pool.render(feed) { _, _ in told.withLock { $0 += 1 } }
        try? await Task.sleep(for: .milliseconds(50))
        feed.close()
        await rendering
        #expect(told.withLock { $0 } == 0)
    }

    /// No job, no worker: a feed closed empty starts nothing (the executable
    /// does not exist, and nothing says so).
    @Test func anEmptyFeedStartsNoWorker() async {
        let feed = JobFeed()
        feed.close()
        let told = Mutex(0)
        await WorkerPool(executable: "/nonexistent/demarc", workers: 2).render(feed) { _, _ in told.withLock { $0 += 1 } }
        #expect(told.withLock { $0 } == 0)
    }

    @Test func aMissingWorkerExecutableFailsEveryJobClearly() async throws {
        let outcomes = await WorkerPool(executable: "/nonexistent/demarc", workers: 2).render(Self.jobs(3))
        #expect(outcomes.count == 3)
        for outcome in outcomes {
            guard case .failure(let failure) = outcome else { Issue.record("rendered without a worker"); continue }
            guard case .workerUnavailable(let why) = failure.cause else { Issue.record("not a worker that could not start: \(failure)"); continue }
            #expect(why.contains("/nonexistent/demarc"))
        }
    }

    @Test func fontCheckReadsTheWidthAndNamesThePackage() throws {
        let noto = #"n [_ldraw_="F 10 16 -Noto Sans CJK JP c 7 -#000000 T 39.5 15.5 0 79 24 -アプリケーション "]"#
        #expect(FontCheck.width(fromXdot: noto) == 79)
        try FontCheck.verify(xdot: Array(noto.utf8))
        let dejavu = noto.replacingOccurrences(of: " 0 79 24 ", with: " 0 127 24 ")
        let error = #expect(throws: FontCheck.Failure.self) { try FontCheck.verify(xdot: Array(dejavu.utf8)) }
        #expect(error?.description.contains("apt-get install fonts-noto-cjk") == true)
        #expect(error?.description.contains("127") == true)
    }

    @Test func theRealFontCheckPassesHere() throws {
        try FontCheck.verify(xdot: try Graphviz.render(dot: FontCheck.dot, format: .xdot, name: "font check"))
    }

    @Test func frames() throws {
        let job = RenderJob(name: "名前", dot: "digraph x { a }", formats: [.pdf, .svg])
        var buffer = WorkerFrame.request(job) + Array("DMRQ".utf8)
        #expect(try WorkerFrame.takeRequest(&buffer) == job)
        #expect(try WorkerFrame.takeRequest(&buffer) == nil, "incomplete")
        var bad = Array("XXXXXXXXXXXX".utf8)
        #expect(throws: WorkerFrame.FrameError.self) { try WorkerFrame.takeRequest(&bad) }
        let failures: [RenderFailure] = [
            RenderFailure(diagram: "図", cause: .graphviz(["syntax error in line 1", "near 'x'"])),
            RenderFailure(diagram: "a", cause: .timedOut("1 s")),
            RenderFailure(diagram: "b", cause: .workerEnded("the worker was killed by signal 9")),
            RenderFailure(diagram: "c", cause: .workerUnavailable("/x: not found")),
            RenderFailure(diagram: "d", cause: .notRendered),
        ]
        var response = WorkerFrame.response(.success([[0, 1, 2], [], [3]])) + failures.flatMap { WorkerFrame.response(.failure($0)) }
        #expect(try WorkerFrame.takeResponse(&response) == .success([[0, 1, 2], [], [3]]))
        for failure in failures {
            #expect(try WorkerFrame.takeResponse(&response) == .failure(failure))
        }
        #expect(response.isEmpty)
        var partial = WorkerFrame.response(.failure(failures[0]))
        partial.removeLast()
        #expect(try WorkerFrame.takeResponse(&partial) == nil, "incomplete")
    }
}
