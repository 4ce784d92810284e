import CDemarcSystem
import DemarcModel
import DemarcTrace
import Foundation

/// The one writer for every file Demarc produces. Its guarantees are
/// documented in docs/output.md ("How a build writes").
///
/// The new tree is written into a staging folder beside the destination and
/// swapped in with `renameat2(RENAME_EXCHANGE)`, so the destination is never
/// missing and never a mix: a build that fails or is killed at any point
/// leaves the previous tree exactly as it was. Nothing of the user's is lost
/// or changed: every entry that is not Demarc's (files, links, folders, empty
/// ones too) is carried into the new tree with its mode, owner, times and
/// extended attributes (files by hard link, so they stay the same inode);
/// a file of the user's where Demarc writes, or a file of Demarc's edited by
/// hand, is a conflict that stops the build unless `force`; a non-empty
/// folder without Demarc's manifest is refused unless `adopt`. Files whose
/// bytes did not change are hard-linked from the old tree; files a previous
/// build wrote that this one does not are dropped. A build that changes
/// nothing touches nothing. An flock on `.NAME.lock` beside the destination
/// (opened without following links) keeps two builds from interleaving; the
/// kernel releases it when a build ends, even when killed. Every failure is
/// a typed `Failure` naming the path, and leaves nothing behind.
public struct OutputWriter: Sendable {
    public var destination: String
    /// How long to wait for another build's lock before failing.
    public var lockTimeout: Double
    /// Write into a non-empty folder that has no manifest of Demarc's (its
    /// entries are the user's, carried over).
    public var adopt: Bool
    /// Overwrite (or remove) conflicting files instead of refusing.
    public var force: Bool
    /// Called with a step name before each file operation (test hook for
    /// killing a build at every point).
    public var stepHook: (@Sendable (String) -> Void)?
    /// Called with the same step names: an errno returned makes that step's
    /// operation fail with it, as if the system call had (test hook for
    /// EACCES, ENOSPC, EXDEV, EBUSY at chosen steps). Steps: `lock`,
    /// `staging`, `file PATH`, `carry PATH`, `folder PATH` (`folder .` for
    /// the top), `manifest`, `sync`, `swap`, `cleanup`.
    public var failAt: (@Sendable (String) -> Int32?)?
    /// Told when the lock is busy.
    public var onWait: (@Sendable (String) -> Void)?

    public init(
        destination: String, lockTimeout: Double = 600, adopt: Bool = false, force: Bool = false,
        stepHook: (@Sendable (String) -> Void)? = nil, failAt: (@Sendable (String) -> Int32?)? = nil,
        onWait: (@Sendable (String) -> Void)? = nil
    ) {
        self.destination = destination
        self.lockTimeout = lockTimeout
        self.adopt = adopt
        self.force = force
        self.stepHook = stepHook
        self.failAt = failAt
        self.onWait = onWait
    }

    public struct Report: Sendable, Equatable {
        /// Demarc's files written anew.
        public var written = 0
        /// Demarc's files whose bytes did not change (hard-linked: same inode and times).
        public var unchanged = 0
        /// Demarc's files of the previous build that this one does not write.
        public var removed = 0
        /// Files and links of the user's carried into the new tree.
        public var carried = 0
        /// Conflicts overwritten or removed because of `force`.
        public var overwritten = 0
        /// Nothing changed: the destination was not touched.
        public var untouched = false
    }

    /// The file inside every staging folder this program creates; only
    /// folders holding it (with these contents) are ever removed as leftovers.
    public static let stagingMarker = ".demarc-staging"
    static let stagingMarkerContents = Array("demarc staging folder: a build in progress, or one that was killed; the next build removes it\n".utf8)

    /// Writes `files` (relative path → bytes) plus the manifest.
    public func write(_ files: [String: [UInt8]], manifest makeManifest: ([String: String]) -> Manifest) throws(Failure) -> Report {
        try write(OutputFiles(files), manifest: makeManifest)
    }

    /// Writes `files` plus the manifest; spooled files are moved, not copied.
    public func write(_ files: OutputFiles, manifest makeManifest: ([String: String]) -> Manifest) throws(Failure) -> Report {
        guard !destination.isEmpty else { throw .emptyDestination }
        let dest = Self.absolute(destination)
        guard dest != "/" else { throw .rootDestination }
        for path in files.paths where !Self.isSafeRelativePath(path) {
            throw .unsafePath(path)
        }
        let run = Run(writer: self, destination: dest, files: files)
        do throws(Failure) {
            let report = try run.write(makeManifest)
            run.finish(succeeded: true)
            return report
        } catch {
            run.finish(succeeded: false)
            throw error
        }
    }

    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
            && path != Manifest.fileName
    }

    /// An absolute path with `.` and `..` resolved lexically.
    public static func absolutePath(_ path: String) -> String { absolute(path) }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return PathName.normalize(path) }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? FileManager.default.currentDirectoryPath
        return PathName.normalize(cwd + "/" + path)
    }

    /// Every file present with the expected hash.
    static func matches(_ dest: String, _ hashes: [String: String]) -> Bool {
        hashes.allSatisfy { path, hash in POSIX.hash(dest + "/" + path) == hash }
    }

    /// Removes a staging folder: its tree first, the marker last, so that a
    /// removal cut short still leaves a folder the next build recognises.
    static func removeStaging(_ wrapper: String) {
        POSIX.removeTree(wrapper + "/tree")
        unlink(wrapper + "/" + stagingMarker)
        rmdir(wrapper)
    }

    /// Whether `path` is a staging folder this program created.
    static func isOurStaging(_ path: String) -> Bool {
        guard let st = POSIX.lstatOf(path).0, POSIX.isDirectory(st),
            let marker = POSIX.lstatOf(path + "/" + stagingMarker).0, POSIX.isRegular(marker)
        else { return false }
        return POSIX.readIfFile(path + "/" + stagingMarker) == stagingMarkerContents
    }
}

/// One call of `write`: its state, and what it must undo when it fails.
private final class Run {
    typealias Failure = OutputWriter.Failure
    typealias Conflict = OutputWriter.Conflict

    let writer: OutputWriter
    let dest: String
    let parent: String
    let name: String
    let files: OutputFiles
    var lockPath: String { sibling(".\(name).lock") }

    // What to undo on failure.
    var createdParents: [String] = []
    var lock: (fd: Int32, created: Bool)?

    // What the survey of the old tree found.
    var oldManifest: Manifest?
    /// The new files' paths, the manifest's among them.
    var newFiles: Set<String> = []
    var manifestBytes: [UInt8] = []
    var newHashes: [String: String] = [:]
    var currentHashes: [String: String?] = [:]
    /// Folders of the old tree (relative; "" is the top) with their metadata, read before listing them.
    var oldFolders: [String: stat] = [:]
    var emptyOldFolders: Set<String> = []
    /// Demarc's new files whose bytes are already there (hard-linked).
    var linkable: Set<String> = []
    /// Non-folder entries of the user's, carried over.
    var carried: Set<String> = []
    var conflicts: [Conflict] = []
    var report = OutputWriter.Report()

    init(writer: OutputWriter, destination: String, files: OutputFiles) {
        self.writer = writer
        self.dest = destination
        self.parent = PathName.directory(of: destination)
        self.name = String(destination.split(separator: "/").last ?? "")
        self.files = files
    }

    func sibling(_ entry: String) -> String { parent == "/" ? "/" + entry : parent + "/" + entry }

    /// The step hook, then the injected errno for the step, if any.
    func enter(_ step: String) -> Int32? {
        writer.stepHook?(step)
        return writer.failAt?(step)
    }

    func finish(succeeded: Bool) {
        if let lock {
            // Unlinked while still held: a build waiting on it re-opens the path (see acquireLock).
            if !succeeded && lock.created { unlink(lockPath) }
            close(lock.fd)
        }
        if !succeeded {
            for folder in createdParents.reversed() { rmdir(folder) }
        }
    }

    func write(_ makeManifest: ([String: String]) -> Manifest) throws(Failure) -> OutputWriter.Report {
        // 1. Before creating anything (not even the lock): what the destination
        //    is, and whether this user may change it.
        if try checkDestination() == nil { try makeParents() }
        if faccessat(AT_FDCWD, parent, W_OK | X_OK, AT_EACCESS) != 0 {
            throw .from(errno, path: parent, operation: "write into")
        }
        if let code = enter("lock") { throw .from(code, path: lockPath, operation: "create the lock file") }
        lock = try acquireLock()

        // 2. Under the lock, again: the folder may have changed while waiting.
        let destStat = try checkDestination()
        let hashes = files.hashes
        let manifest = makeManifest(hashes)
        newFiles = Set(hashes.keys)
        newFiles.insert(Manifest.fileName)
        manifestBytes = manifest.encoded()
        newHashes = hashes
        newHashes[Manifest.fileName] = Manifest.hash(manifestBytes)
        if destStat != nil {
            oldManifest = POSIX.readIfFile(dest + "/" + Manifest.fileName).flatMap(Manifest.decode)
        }

        // Nothing changed: leave every byte and every time stamp alone.
        if let oldManifest, oldManifest == manifest, hashes.allSatisfy({ currentHash($0.key) == $0.value }) {
            return OutputWriter.Report(untouched: true)
        }

        // 3. What is there: Demarc's, the user's, conflicts. Nothing is written yet.
        if let destStat {
            oldFolders[""] = destStat
            let top = try POSIX.list(dest)
            if oldManifest == nil, !writer.adopt, !countsAsEmpty(top) { throw .notEmptyNotDemarcs(dest, pathsInTheWay()) }
            if top.isEmpty { emptyOldFolders.insert("") }
            try survey("", dest, top)
        }
        if !conflicts.isEmpty {
            guard writer.force else { throw .conflicts(dest, conflicts) }
            report.overwritten = conflicts.count
        }
        let plan = self.plan()
        Trace.mark("writer: planned")

        // 4. The new tree, in a staging folder beside the destination.
        removeLeftovers()
        let (wrapper, tree) = try makeStaging()
        do throws(Failure) {
            try fill("", tree, plan)
            try placeManifest(tree)
            try finishFolder("", tree)
            Trace.mark("writer: staged")
            // The whole new tree on disk before it replaces the old one (one
            // syncfs, not an fsync per file), and the swap after it.
            if let code = enter("sync") ?? (demarc_sync_file_system(tree) == 0 ? nil : errno) {
                throw .from(code, path: tree, operation: "flush to disk")
            }
            Trace.mark("writer: synced")
            try swap(tree, exists: destStat != nil)
            _ = demarc_sync_folder(parent)
        } catch {
            OutputWriter.removeStaging(wrapper)
            throw error
        }
        // After the exchange the staging folder holds the previous tree. A
        // failure here leaves a marked staging folder the next build removes.
        _ = enter("cleanup")
        OutputWriter.removeStaging(wrapper)
        return report
    }

    // MARK: Checks before anything is written

    /// The destination's metadata when it is a folder this user may replace; nil when it does not exist.
    func checkDestination() throws(Failure) -> stat? {
        let (found, code) = POSIX.lstatOf(dest)
        guard let st = found else {
            if code == ENOENT || code == ENOTDIR { return nil }
            throw .from(code, path: dest, operation: "look at")
        }
        switch POSIX.type(st) {
        case S_IFDIR: break
        case S_IFLNK: throw .symlinkInTheWay(dest)
        default: throw .notAFolder(dest)
        }
        var parentStat = stat()
        if stat(parent, &parentStat) == 0, parentStat.st_dev != st.st_dev { throw .mountPoint(dest) }
        if faccessat(AT_FDCWD, dest, R_OK | W_OK | X_OK, AT_EACCESS) != 0 {
            throw .from(errno, path: dest, operation: "write into")
        }
        if !POSIX.canOwn(st) { throw .ownedByAnotherUser(dest, uid: st.st_uid, gid: st.st_gid) }
        return st
    }

    /// `mkdir -p` of the parent, remembering what it created (removed again on failure).
    func makeParents() throws(Failure) {
        var missing: [String] = []
        var path = parent
        while true {
            let (found, code) = POSIX.lstatOf(path)
            if found != nil { break }
            guard code == ENOENT || code == ENOTDIR else { throw .from(code, path: path, operation: "look at") }
            missing.append(path)
            path = PathName.directory(of: path)
        }
        var st = stat()
        guard stat(path, &st) == 0, POSIX.isDirectory(st) else { throw .notAFolder(path) }
        for folder in missing.reversed() {
            if mkdir(folder, 0o755) != 0 {
                if errno == EEXIST, stat(folder, &st) == 0, POSIX.isDirectory(st) { continue }
                throw .from(errno, path: folder, operation: "create the folder")
            }
            createdParents.append(folder)
        }
    }

    /// Demarc's paths that are taken already (without walking the folder):
    /// what `adopt` would then report as conflicts.
    func pathsInTheWay() -> [Conflict] {
        var found: [Conflict] = []
        var seen: Set<String> = []
        for path in newFiles.sorted() {
            var folder = Self.folder(of: path)
            var ancestors: [String] = []
            while !folder.isEmpty { ancestors.insert(folder, at: 0); folder = Self.folder(of: folder) }
            if let blocked = ancestors.first(where: { (POSIX.lstatOf(dest + "/" + $0).0).map { !POSIX.isDirectory($0) } ?? false }) {
                if seen.insert(blocked).inserted { found.append(Conflict(path: blocked, kind: .inTheWay)) }
                continue
            }
            guard let st = POSIX.lstatOf(dest + "/" + path).0 else { continue }
            if !POSIX.isRegular(st) {
                found.append(Conflict(path: path, kind: .inTheWay))
            } else if currentHash(path) != newHashes[path] {
                found.append(Conflict(path: path, kind: .notDemarcs))
            }
        }
        return found
    }

    /// A lone `.gitkeep` counts as empty (the `Output/` of a fresh clone).
    func countsAsEmpty(_ top: [String]) -> Bool {
        if top.isEmpty { return true }
        guard top == [".gitkeep"], let st = POSIX.lstatOf(dest + "/.gitkeep").0 else { return false }
        return POSIX.isRegular(st)
    }

    /// An exclusive flock on the lock file, never through a link. A build
    /// that fails removes a lock file it created, so after taking the lock
    /// the path must still name the file locked; otherwise open it again.
    func acquireLock() throws(Failure) -> (fd: Int32, created: Bool) {
        let path = lockPath
        let deadline = Date().addingTimeInterval(writer.lockTimeout)
        var told = false
        while true {
            var created = false
            var fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
            if fd < 0 && errno == ENOENT {
                fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o644)
                if fd >= 0 {
                    created = true
                } else if errno == EEXIST {
                    continue
                }
            }
            guard fd >= 0 else {
                if errno == ELOOP { throw .symlinkInTheWay(path) }
                throw .from(errno, path: path, operation: "open the lock file")
            }
            var st = stat()
            guard fstat(fd, &st) == 0, POSIX.isRegular(st) else {
                close(fd)
                throw .lockNotAFile(path)
            }
            if created { fchmod(fd, 0o644) }
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK || errno == EINTR else {
                    let code = errno
                    close(fd)
                    throw .from(code, path: path, operation: "lock")
                }
                if !told {
                    writer.onWait?("another build is writing '\(writer.destination)'; waiting for it to finish…")
                    told = true
                }
                if Date() >= deadline {
                    close(fd)
                    throw .lockTimedOut(destination: writer.destination, lock: path, seconds: Int(writer.lockTimeout))
                }
                usleep(50_000)
            }
            if let now = POSIX.lstatOf(path).0, now.st_ino == st.st_ino, now.st_dev == st.st_dev {
                return (fd, created)
            }
            close(fd)
        }
    }

    // MARK: The survey of the old tree

    func currentHash(_ relative: String) -> String? {
        if let known = currentHashes[relative] { return known }
        let hash = POSIX.hash(dest + "/" + relative)
        currentHashes[relative] = hash
        return hash
    }

    /// The hash the previous build recorded for a path (the old manifest counts as Demarc's as it is).
    func demarcHash(_ relative: String) -> String? {
        guard let oldManifest else { return nil }
        if relative == Manifest.fileName { return currentHash(relative) }
        return oldManifest.files[relative]
    }

    lazy var newFolders: Set<String> = {
        var folders: Set<String> = []
        for path in newFiles {
            var folder = Self.folder(of: path)
            while !folder.isEmpty, folders.insert(folder).inserted { folder = Self.folder(of: folder) }
        }
        return folders
    }()

    static func folder(of relative: String) -> String {
        guard let slash = relative.lastIndex(of: "/") else { return "" }
        return String(relative[..<slash])
    }

    static func join(_ folder: String, _ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }

    /// Classifies every entry below `folder` (its names listed already).
    func survey(_ folder: String, _ path: String, _ names: [String]) throws(Failure) {
        for name in names {
            let relative = Self.join(folder, name), entry = path + "/" + name
            let (found, code) = POSIX.lstatOf(entry)
            guard let st = found else {
                if code == ENOENT { continue }
                throw .from(code, path: entry, operation: "look at")
            }
            let isFolder = POSIX.isDirectory(st)
            if let newHash = newHashes[relative] {
                // Demarc writes a file here.
                if POSIX.isRegular(st) {
                    let current = currentHash(relative)
                    if current == newHash {
                        linkable.insert(relative)
                    } else if current == nil || current != demarcHash(relative) {
                        conflicts.append(Conflict(path: relative, kind: demarcHash(relative) == nil ? .notDemarcs : .editedByHand))
                    }
                } else {
                    conflicts.append(Conflict(path: relative, kind: .inTheWay))
                }
            } else if newFolders.contains(relative) {
                // Demarc writes into a folder here.
                if isFolder {
                    try descend(relative, entry, st)
                } else {
                    conflicts.append(Conflict(path: relative, kind: .inTheWay))
                }
            } else if let recorded = demarcHash(relative), POSIX.isRegular(st) {
                // A file of the previous build this one does not write.
                if currentHash(relative) == recorded {
                    report.removed += 1
                } else {
                    conflicts.append(Conflict(path: relative, kind: .editedByHand))
                }
            } else if isFolder {
                try descend(relative, entry, st)
            } else {
                carried.insert(relative)
            }
        }
    }

    func descend(_ relative: String, _ path: String, _ st: stat) throws(Failure) {
        guard POSIX.canOwn(st) else { throw .ownedByAnotherUser(path, uid: st.st_uid, gid: st.st_gid) }
        oldFolders[relative] = st
        let names = try POSIX.list(path)
        if names.isEmpty { emptyOldFolders.insert(relative) }
        try survey(relative, path, names)
    }

    struct Plan {
        var folders: Set<String>
        var children: [String: [String]]
    }

    /// The new tree: Demarc's files, the user's entries, and the folders that
    /// hold them. A folder of the old tree that was empty is kept; one whose
    /// contents all went (Demarc's stale files) goes too.
    func plan() -> Plan {
        var folders = newFolders
        func addAncestors(_ relative: String) {
            var folder = Self.folder(of: relative)
            while !folder.isEmpty, folders.insert(folder).inserted { folder = Self.folder(of: folder) }
        }
        for entry in carried { addAncestors(entry) }
        for folder in emptyOldFolders where !folder.isEmpty {
            folders.insert(folder)
            addAncestors(folder)
        }
        var children: [String: Set<String>] = [:]
        for entry in newFiles.union(carried).union(folders) {
            children[Self.folder(of: entry), default: []].insert(String(entry.split(separator: "/").last!))
        }
        return Plan(folders: folders, children: children.mapValues { $0.sorted() })
    }

    // MARK: Building the staging tree

    /// Removes staging folders of killed builds (this one holds the lock, so
    /// none is live) — only those this program created, by their marker.
    func removeLeftovers() {
        for entry in (try? POSIX.list(parent)) ?? [] where entry.hasPrefix(".\(name).staging-") {
            let path = sibling(entry)
            if OutputWriter.isOurStaging(path) { OutputWriter.removeStaging(path) }
        }
    }

    func makeStaging() throws(Failure) -> (wrapper: String, tree: String) {
        let base = sibling(".\(name).staging-\(getpid())")
        if let code = enter("staging") { throw .from(code, path: base, operation: "create the staging folder") }
        for attempt in 0..<1000 {
            let wrapper = attempt == 0 ? base : base + "-\(attempt)"
            if mkdir(wrapper, 0o700) != 0 {
                if errno == EEXIST { continue }  // someone else's folder of that name: never touched
                throw .from(errno, path: wrapper, operation: "create the staging folder")
            }
            do throws(Failure) {
                try POSIX.create(wrapper + "/" + OutputWriter.stagingMarker, OutputWriter.stagingMarkerContents, mode: 0o644)
                if mkdir(wrapper + "/tree", 0o700) != 0 { throw .from(errno, path: wrapper + "/tree", operation: "create the staging folder") }
            } catch {
                OutputWriter.removeStaging(wrapper)
                throw error
            }
            return (wrapper, wrapper + "/tree")
        }
        throw .system(base, operation: "create the staging folder", errno: EEXIST)
    }

    func fill(_ folder: String, _ path: String, _ plan: Plan) throws(Failure) {
        for name in plan.children[folder] ?? [] {
            let relative = Self.join(folder, name), target = path + "/" + name
            if relative == Manifest.fileName { continue }  // written last
            if newFiles.contains(relative) {
                try placeFile(relative, target, step: "file \(relative)")
            } else if plan.folders.contains(relative) {
                if mkdir(target, 0o700) != 0 { throw .from(errno, path: target, operation: "create the folder") }
                try fill(relative, target, plan)
                try finishFolder(relative, target)
            } else {
                try carry(relative, target)
            }
        }
    }

    /// Links the link-fallback errnos: another file system, a file this user may
    /// not link (protected_hardlinks), too many links, no hard links at all.
    static let linkFallbacks: Set<Int32> = [EXDEV, EPERM, EMLINK, ENOTSUP, EOPNOTSUPP]

    /// One of Demarc's files: hard-linked when its bytes are there already, else written.
    func placeFile(_ relative: String, _ target: String, step: String) throws(Failure) {
        let injected = enter(step)
        let counted = relative != Manifest.fileName
        if linkable.contains(relative) {
            let code = injected ?? (link(dest + "/" + relative, target) == 0 ? 0 : errno)
            if code == 0 {
                if counted { report.unchanged += 1 }
                return
            }
            guard Self.linkFallbacks.contains(code) else { throw .from(code, path: target, operation: "link") }
        } else if let injected {
            throw .from(injected, path: target, operation: "write")
        }
        if relative == Manifest.fileName {
            try POSIX.create(target, manifestBytes, mode: 0o644)
        } else {
            try files.place(relative, at: target, mode: 0o644)
        }
        if counted { report.written += 1 }
    }

    func placeManifest(_ tree: String) throws(Failure) {
        try placeFile(Manifest.fileName, tree + "/" + Manifest.fileName, step: "manifest")
    }

    /// An entry of the user's: hard-linked (everything kept, same inode); when
    /// that is impossible, copied with mode, owner, times and xattrs restored.
    func carry(_ relative: String, _ target: String) throws(Failure) {
        let source = dest + "/" + relative
        let code = enter("carry \(relative)") ?? (linkat(AT_FDCWD, source, AT_FDCWD, target, 0) == 0 ? 0 : errno)
        if code == 0 {
            report.carried += 1
            return
        }
        guard Self.linkFallbacks.contains(code) else { throw .from(code, path: target, operation: "link") }
        let (found, statCode) = POSIX.lstatOf(source)
        guard let st = found else {
            if statCode == ENOENT { return }  // gone meanwhile
            throw .from(statCode, path: source, operation: "look at")
        }
        guard POSIX.canOwn(st) else { throw .ownedByAnotherUser(source, uid: st.st_uid, gid: st.st_gid) }
        switch POSIX.type(st) {
        case S_IFREG:
            try copyFile(source, target)
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(source, &buffer, buffer.count - 1)
            guard length >= 0 else { throw .from(errno, path: source, operation: "read the link") }
            let linked = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard symlink(linked, target) == 0 else { throw .from(errno, path: target, operation: "create the link") }
            try POSIX.keepOwner(target, from: st, source: source)
            try POSIX.copyXattrs(from: source, to: target)
            try POSIX.setTimes(target, from: st)
        default:
            guard mknod(target, st.st_mode, st.st_rdev) == 0 else { throw .from(errno, path: target, operation: "re-create") }
            try POSIX.keepOwner(target, from: st, source: source)
            try POSIX.copyXattrs(from: source, to: target)
            guard chmod(target, st.st_mode & 0o7777) == 0 else { throw .from(errno, path: target, operation: "set the mode of") }
            try POSIX.setTimes(target, from: st)
        }
        report.carried += 1
    }

    /// A copy of a regular file with its mode, owner, times and xattrs.
    func copyFile(_ source: String, _ target: String) throws(Failure) {
        let input = open(source, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
        guard input >= 0 else { throw .from(errno, path: source, operation: "read") }
        defer { close(input) }
        var st = stat()  // before reading: the access time as it was
        guard fstat(input, &st) == 0 else { throw .from(errno, path: source, operation: "read") }
        guard POSIX.canOwn(st) else { throw .ownedByAnotherUser(source, uid: st.st_uid, gid: st.st_gid) }
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw .from(errno, path: target, operation: "create") }
        do throws(Failure) {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure.from(errno, path: source, operation: "read")
                }
                if n == 0 { break }
                try POSIX.writeAll(output, buffer, count: n, path: target)
            }
            if st.st_uid != geteuid() || st.st_gid != getegid() {
                if fchown(output, st.st_uid, st.st_gid) != 0 {
                    if errno == EPERM { throw Failure.ownedByAnotherUser(source, uid: st.st_uid, gid: st.st_gid) }
                    throw Failure.from(errno, path: target, operation: "set the owner of")
                }
            }
            try POSIX.copyXattrs(from: source, to: target)
            guard fchmod(output, st.st_mode & 0o7777) == 0 else { throw Failure.from(errno, path: target, operation: "set the mode of") }
            var times = [st.st_atim, st.st_mtim]
            guard futimens(output, &times) == 0 else { throw Failure.from(errno, path: target, operation: "set the times of") }
        } catch {
            close(output)
            throw error
        }
        guard close(output) == 0 else { throw .from(errno, path: target, operation: "write") }
    }

    /// After its contents are placed: a folder that was there keeps its owner,
    /// xattrs, mode and times; a folder Demarc creates is 0755.
    func finishFolder(_ relative: String, _ target: String) throws(Failure) {
        if let code = enter("folder \(relative.isEmpty ? "." : relative)") {
            throw .from(code, path: target, operation: "set the mode, owner and times of")
        }
        guard let st = oldFolders[relative] else {
            guard chmod(target, 0o755) == 0 else { throw .from(errno, path: target, operation: "set the mode of") }
            return
        }
        let source = relative.isEmpty ? dest : dest + "/" + relative
        try POSIX.keepOwner(target, from: st, source: source)
        try POSIX.copyXattrs(from: source, to: target)
        guard chmod(target, st.st_mode & 0o7777) == 0 else { throw .from(errno, path: target, operation: "set the mode of") }
        try POSIX.setTimes(target, from: st)
    }

    func swap(_ tree: String, exists: Bool) throws(Failure) {
        let code =
            enter("swap")
            ?? {
                if exists { return demarc_exchange_paths(tree, dest) == 0 ? 0 : errno }
                return rename(tree, dest) == 0 ? 0 : errno
            }()
        guard code != 0 else { return }
        if exists && (code == EINVAL || code == ENOSYS) {
            throw .unsupported(dest, operation: "swap the new output atomically (renameat2 RENAME_EXCHANGE) into")
        }
        throw .from(code, path: dest, operation: "swap the new output into")
    }
}
