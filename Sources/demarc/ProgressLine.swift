import DemarcRender
import Dispatch
import Foundation

/// On a terminal, a build that takes more than a second shows how far its
/// renders are ("demarc: rendering: 12 of 43 done…", the font check among them) on one line of
/// standard error, cleared at the end; elsewhere (CI logs, pipes) nothing.
final class ProgressLine: @unchecked Sendable {
    private let progress: RenderProgress
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var shown = false

    /// Nil when standard error is not a terminal (or `DEMARC_NO_PROGRESS` is set).
    static func start(_ progress: RenderProgress, environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgressLine? {
        guard isatty(STDERR_FILENO) == 1, environment["DEMARC_NO_PROGRESS"] == nil else { return nil }
        // After a second; a test may ask for sooner (milliseconds).
        let delay = environment["DEMARC_PROGRESS_AFTER_MS"].flatMap(Int.init) ?? 1000
        return ProgressLine(progress, after: .milliseconds(delay))
    }

    private init(_ progress: RenderProgress, after delay: DispatchTimeInterval) {
        self.progress = progress
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + delay, repeating: .milliseconds(250))
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    private func draw() {
        let (finished, total) = progress.state
        let text = total == 0 ? "demarc: building…" : "demarc: rendering: \(finished) of \(total) done…"
        lock.withLock {
            shown = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        }
    }

    func stop() {
        timer.cancel()
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
