#if canImport(Glibc)
    import Glibc
#endif

/// When each stage of a run begins and ends, for finding a build's critical
/// path (docs/performance.md): with `DEMARC_TRACE=FILE` every mark is a line
/// appended to FILE — the process, the monotonic clock in milliseconds (the
/// same clock in the build and its workers, which append to the same file)
/// and what happened. Unset, a mark costs one load of a flag.
public enum Trace {
    /// The trace file, opened once for appending; -1 when tracing is off.
    private static let file: Int32 = {
        guard let path = getenv("DEMARC_TRACE"), path.pointee != 0 else { return -1 }
        return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    }()

    public static var enabled: Bool { file >= 0 }

    @inline(__always)
    public static func mark(_ event: @autoclosure () -> String) {
        guard file >= 0 else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let thousandths = (Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec)) / 1000
        let fraction = String(thousandths % 1000)
        var line = Array("\(getpid()) \(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count) + fraction) \(event())\n".utf8)
        _ = write(file, &line, line.count)
    }
}
