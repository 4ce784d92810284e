import DemarcGraphviz
import DemarcTrace
import Foundation

/// The worker side: `demarc` re-executed in its hidden worker mode reads
/// requests on stdin, renders each through the door, answers on stdout, and
/// exits at end of input.
public enum WorkerMain {
    /// Test hook: a worker asked to render a diagram whose name contains this
    /// value aborts, as libgvc's own `abort()` would.
    public static let abortHookVariable = "DEMARC_FAULT_WORKER_ABORT_ON"
    /// Test hook: a worker asked to render a diagram whose name contains this
    /// value stops itself (SIGSTOP), as a hung libgvc would look.
    public static let stopHookVariable = "DEMARC_FAULT_WORKER_STOP_ON"

    public static func run() -> Int32 {
        Trace.mark("worker: start")
        let abortOn = ProcessInfo.processInfo.environment[abortHookVariable]
        let stopOn = ProcessInfo.processInfo.environment[stopHookVariable]
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            do {
                while let job = try WorkerFrame.takeRequest(&buffer) {
                    if let abortOn, !abortOn.isEmpty, job.name.contains(abortOn) { abort() }
                    if let stopOn, !stopOn.isEmpty, job.name.contains(stopOn) { raise(SIGSTOP) }
                    Trace.mark("worker: job \(job.name)")
                    defer { Trace.mark("worker: done") }
                    let outcome: RenderOutcome
                    do {
                        outcome = .success(try Graphviz.render(dot: job.dot, formats: job.formats, name: job.name))
                    } catch {
                        outcome = .failure(RenderFailure(diagram: job.name, error: error))
                    }
                    guard writeAll(WorkerFrame.response(outcome)) else { return 1 }
                }
            } catch {
                FileHandle.standardError.write(Data("demarc worker: \(error)\n".utf8))
                return 1
            }
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n == 0 { return buffer.isEmpty ? 0 : 1 }
            if n < 0 {
                if errno == EINTR { continue }
                return 1
            }
            buffer += chunk[0..<n]
        }
    }

    static func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}
