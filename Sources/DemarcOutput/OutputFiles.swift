import CDemarcSystem
import DemarcModel
import Foundation
import Synchronization

/// The files of a build as they are made, for the writer: each file's
/// SHA-256 taken once, as it comes, and its bytes either held in memory or
/// — for a build into a folder — written at once to a spool folder beside
/// the destination, so that memory does not grow with the output. The
/// writer then renames each spooled file into its staging tree (the same
/// file system: no copy). Any thread may add files.
///
/// The spool folder (`.NAME.spool-PID` beside the destination, or beside
/// the nearest folder that exists when its parents do not yet) holds a
/// marker file that this build keeps an flock on; it is removed when the
/// files are discarded or written, and a build that finds one whose marker
/// nobody holds (the build was killed) removes it. Nothing else is touched.
public final class OutputFiles: Sendable {
    private struct State {
        var hashes: [String: String] = [:]
        var held: [String: [UInt8]] = [:]
        /// Spooled: relative path → the file's name in the spool.
        var spooled: [String: String] = [:]
    }
    private let state = Mutex(State())
    private let spool: Spool?

    /// Files held in memory.
    public init() { spool = nil }

    /// Files spooled beside `destination` (the output folder, which need not exist yet).
    public init(spoolingBeside destination: String) throws(OutputWriter.Failure) {
        spool = try Spool(beside: OutputWriter.absolute(destination))
    }

    /// Files held in memory, from a dictionary.
    public convenience init(_ files: [String: [UInt8]]) {
        self.init()
        for (path, bytes) in files { try! put(path, bytes) }
    }

    /// Adds (or replaces) the file at `path`.
    public func put(_ path: String, _ bytes: [UInt8]) throws(OutputWriter.Failure) {
        let hash = Manifest.hash(bytes)
        guard let spool else {
            state.withLock {
                $0.hashes[path] = hash
                $0.held[path] = bytes
            }
            return
        }
        let name = try spool.write(bytes)
        let replaced = state.withLock { state -> String? in
            state.hashes[path] = hash
            defer { state.spooled[path] = name }
            return state.spooled[path]
        }
        if let replaced { unlink(spool.folder + "/" + replaced) }
    }

    /// The bytes of the file at `path`, if there is one.
    public func bytes(_ path: String) -> [UInt8]? {
        let (held, spooled) = state.withLock { ($0.held[path], $0.spooled[path]) }
        if let held { return held }
        guard let spool, let spooled else { return nil }
        return POSIX.readIfFile(spool.folder + "/" + spooled)
    }

    /// Every file's SHA-256 (hex), by relative path.
    public var hashes: [String: String] { state.withLock { $0.hashes } }

    /// The relative paths, sorted.
    public var paths: [String] { state.withLock { $0.hashes.keys.sorted() } }

    public var count: Int { state.withLock { $0.hashes.count } }

    public func contains(_ path: String) -> Bool { state.withLock { $0.hashes[path] != nil } }

    /// Every file's bytes (reading each spooled file back).
    public func all() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for path in paths { files[path] = bytes(path) }
        return files
    }

    /// Makes the file at `path` appear at `target` (which must not exist):
    /// the spooled file renamed there, else written with `mode`.
    func place(_ path: String, at target: String, mode: mode_t) throws(OutputWriter.Failure) {
        let (held, spooled) = state.withLock { ($0.held[path], $0.spooled[path]) }
        if let held { return try POSIX.create(target, held, mode: mode) }
        guard let spool, let spooled else { throw .system(target, operation: "write", errno: ENOENT) }
        let source = spool.folder + "/" + spooled
        if rename(source, target) == 0 { return }
        let code = errno
        // Another file system after all (a mount in between): written from the bytes.
        guard code == EXDEV, let bytes = POSIX.readIfFile(source) else { throw .from(code, path: target, operation: "write") }
        try POSIX.create(target, bytes, mode: mode)
    }

    /// Removes the spool (after the writer, or when the build fails).
    public func discard() {
        spool?.remove()
    }

    deinit { spool?.remove() }
}

/// A spool folder of one build (see `OutputFiles`).
final class Spool: Sendable {
    let folder: String
    private let markerFD: Int32
    private let next = Atomic<Int>(0)
    private let removed = Atomic<Bool>(false)

    static let marker = ".demarc-spool"
    static let markerContents = Array("demarc spool folder: the files of a build in progress, or of one that was killed; the next build removes it\n".utf8)

    init(beside destination: String) throws(OutputWriter.Failure) {
        // Beside the destination, or the nearest folder that exists.
        var parent = PathName.directory(of: destination)
        let name = String(destination.split(separator: "/").last ?? "demarc")
        while parent != "/", !(POSIX.lstatOf(parent).0.map(POSIX.isDirectory) ?? false) { parent = PathName.directory(of: parent) }
        let prefix = ".\(name).spool-"
        Spool.removeLeftovers(in: parent, prefix: prefix)
        let base = (parent == "/" ? "/" : parent + "/") + prefix + "\(getpid())"
        for attempt in 0..<1000 {
            let folder = attempt == 0 ? base : base + "-\(attempt)"
            if mkdir(folder, 0o700) != 0 {
                if errno == EEXIST { continue }  // someone else's: never touched
                throw .from(errno, path: folder, operation: "create the spool folder")
            }
            let fd = open(folder + "/" + Spool.marker, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0,
                (try? POSIX.writeAll(fd, Spool.markerContents, path: folder)) != nil
            else {
                let code = errno
                if fd >= 0 { close(fd) }
                Spool.remove(folder)
                throw .from(code, path: folder, operation: "create the spool folder")
            }
            self.folder = folder
            self.markerFD = fd
            return
        }
        throw .system(base, operation: "create the spool folder", errno: EEXIST)
    }

    /// Writes `bytes` to a new file of the spool; its name.
    func write(_ bytes: [UInt8]) throws(OutputWriter.Failure) -> String {
        let name = String(next.wrappingAdd(1, ordering: .relaxed).oldValue)
        try POSIX.create(folder + "/" + name, bytes, mode: 0o644, writeBack: true)
        return name
    }

    func remove() {
        guard !removed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Spool.remove(folder)
        close(markerFD)
    }

    /// Removes a spool folder: its files, then the marker, then the folder.
    static func remove(_ folder: String) {
        for entry in (try? POSIX.list(folder)) ?? [] where entry != marker { unlink(folder + "/" + entry) }
        unlink(folder + "/" + marker)
        rmdir(folder)
    }

    /// Spool folders of killed builds: those with our marker that no live build holds.
    static func removeLeftovers(in parent: String, prefix: String) {
        for entry in (try? POSIX.list(parent)) ?? [] where entry.hasPrefix(prefix) {
            let folder = (parent == "/" ? "/" : parent + "/") + entry
            guard POSIX.readIfFile(folder + "/" + marker) == markerContents else { continue }
            let fd = open(folder + "/" + marker, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }  // a live build's
            remove(folder)
        }
    }
}
