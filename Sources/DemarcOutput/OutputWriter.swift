import CDemarcSystem
import Foundation

/// The one writer for every file Demarc produces.
///
/// The new tree is written into a staging folder beside the destination and
/// swapped in with `renameat2(RENAME_EXCHANGE)`, so the destination is never
/// missing and never a mix: a build that fails or is killed at any point
/// leaves the previous tree exactly as it was. Files whose bytes did not
/// change are hard-linked from the old tree (contents and modification times
/// kept); files Demarc did not write are carried over; files a previous build
/// wrote that this one does not are dropped. A build that changes nothing
/// touches nothing. An flock on `.NAME.lock` beside the destination keeps two
/// builds from interleaving; the kernel releases it when a build ends, even
/// when killed.
public struct OutputWriter: Sendable {
    public var destination: String
    /// How long to wait for another build's lock before failing.
    public var lockTimeout: Double
    /// Called with a step name before each file operation (test hook for
    /// killing a build at every point).
    public var stepHook: (@Sendable (String) -> Void)?
    /// Told when the lock is busy.
    public var onWait: (@Sendable (String) -> Void)?

    public init(destination: String, lockTimeout: Double = 600, stepHook: (@Sendable (String) -> Void)? = nil,
                onWait: (@Sendable (String) -> Void)? = nil) {
        self.destination = destination
        self.lockTimeout = lockTimeout
        self.stepHook = stepHook
        self.onWait = onWait
    }

    public struct Report: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
        public var carried = 0
        /// Nothing changed: the destination was not touched.
        public var untouched = false
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `files` (relative path → bytes) plus the manifest.
    public func write(_ files: [String: [UInt8]], manifest makeManifest: ([String: String]) -> Manifest) throws -> Report {
        let fm = FileManager.default
        let dest = URL(fileURLWithPath: destination).standardizedFileURL.path
        let parent = (dest as NSString).deletingLastPathComponent
        let name = (dest as NSString).lastPathComponent
        guard !name.isEmpty, name != "/", dest != "/" else { throw Failure(description: "cannot write into '/'") }
        for path in files.keys where !Self.isSafeRelativePath(path) {
            throw Failure(description: "refusing to write outside the output folder: '\(path)'")
        }
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)

        // A mount point cannot be swapped: refuse before touching anything.
        var destStat = stat(), parentStat = stat()
        if lstat(dest, &destStat) == 0, (destStat.st_mode & S_IFMT) == S_IFDIR, stat(parent, &parentStat) == 0,
           destStat.st_dev != parentStat.st_dev {
            throw Failure(description: "'\(destination)' is a mount point: Demarc swaps the whole folder atomically and cannot swap a mount point; use a folder inside it (e.g. --out \(destination)/site)")
        }
        let lock = try acquireLock(at: parent + "/." + name + ".lock")
        defer { close(lock) }

        // Under the lock: what is there now.
        let exists = lstat(dest, &destStat) == 0
        if exists, (destStat.st_mode & S_IFMT) != S_IFDIR {
            throw Failure(description: "'\(destination)' exists and is not a folder")
        }

        let hashes = files.mapValues(Manifest.hash)
        let manifest = makeManifest(hashes)
        let manifestBytes = manifest.encoded()
        let oldManifest = exists ? (try? Data(contentsOf: URL(fileURLWithPath: dest + "/" + Manifest.fileName))).flatMap { Manifest.decode([UInt8]($0)) } : nil

        // Nothing changed: leave every byte and every time stamp alone.
        if let oldManifest, oldManifest == manifest, Self.matches(dest, hashes) {
            return Report(untouched: true)
        }

        // Leftovers of killed builds (we hold the lock, so none is live).
        for entry in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(".\(name).staging-") {
            try? fm.removeItem(atPath: parent + "/" + entry)
        }
        let staging = parent + "/.\(name).staging-\(getpid())"
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        var report = Report()
        do {
            for path in files.keys.sorted() {
                step("file \(path)")
                let target = staging + "/" + path
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let old = dest + "/" + path
                if exists, let oldBytes = try? Data(contentsOf: URL(fileURLWithPath: old)), Manifest.hash([UInt8](oldBytes)) == hashes[path],
                   link(old, target) == 0 {
                    report.unchanged += 1
                } else {
                    guard fm.createFile(atPath: target, contents: Data(files[path]!)) else {
                        throw Failure(description: "cannot write \(path) in the staging folder")
                    }
                    report.written += 1
                }
            }
            if exists {
                let previous = Set(oldManifest?.files.keys.map { $0 } ?? [])
                report.removed = previous.subtracting(files.keys).count
                try carryForeignFiles(from: dest, to: staging, skipping: previous.union(files.keys).union([Manifest.fileName]), report: &report)
            }
            step("manifest")
            guard fm.createFile(atPath: staging + "/" + Manifest.fileName, contents: Data(manifestBytes)) else {
                throw Failure(description: "cannot write the manifest")
            }
            step("swap")
            if exists {
                if demarc_exchange_paths(staging, dest) != 0 {
                    let error = String(cString: strerror(errno))
                    throw Failure(description: "cannot swap the new output into '\(destination)' atomically (renameat2 RENAME_EXCHANGE: \(error)); the previous output is untouched")
                }
            } else if rename(staging, dest) != 0 {
                throw Failure(description: "cannot move the new output into '\(destination)': \(String(cString: strerror(errno)))")
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        step("cleanup")
        // After the exchange the staging path holds the previous tree.
        try? fm.removeItem(atPath: staging)
        return report
    }

    private func step(_ name: String) { stepHook?(name) }

    /// Hard-links (or re-creates) everything in the old tree that Demarc did not write.
    private func carryForeignFiles(from dest: String, to staging: String, skipping demarcFiles: Set<String>, report: inout Report) throws {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: dest) else { return }
        while let relative = walker.nextObject() as? String {
            if demarcFiles.contains(relative) { continue }
            let source = dest + "/" + relative, target = staging + "/" + relative
            var st = stat()
            guard lstat(source, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                continue  // created on demand for the files inside
            case S_IFLNK:
                step("carry \(relative)")
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let destination = try fm.destinationOfSymbolicLink(atPath: source)
                try fm.createSymbolicLink(atPath: target, withDestinationPath: destination)
                report.carried += 1
            default:
                step("carry \(relative)")
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if link(source, target) != 0 { try fm.copyItem(atPath: source, toPath: target) }
                report.carried += 1
            }
        }
    }

    /// Every file present with the expected hash.
    static func matches(_ dest: String, _ hashes: [String: String]) -> Bool {
        hashes.allSatisfy { path, hash in
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: dest + "/" + path)) else { return false }
            return Manifest.hash([UInt8](data)) == hash
        }
    }

    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == ".." || $0 == "." || $0.isEmpty }
            && path != Manifest.fileName
    }

    private func acquireLock(at path: String) throws -> Int32 {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "cannot create the lock file \(path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
        onWait?("another build is writing '\(destination)'; waiting for it to finish…")
        let deadline = Date().addingTimeInterval(lockTimeout)
        while Date() < deadline {
            usleep(50_000)
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return fd }
        }
        close(fd)
        throw Failure(description: "another build is still writing '\(destination)' after \(Int(lockTimeout)) s (lock: \(path)); try again when it has finished")
    }
}
