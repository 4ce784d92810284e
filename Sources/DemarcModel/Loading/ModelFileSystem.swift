import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// stat(2), following links (a free function: `DiskFileSystem.stat` hides Glibc's).
private func statusOf(_ path: String) -> Glibc.stat? {
    var info = Glibc.stat()
    return stat(path, &info) == 0 ? info : nil
}

/// read(2) into a buffer.
private func readInto(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, _ count: Int) -> Int {
    read(fd, buffer.baseAddress, count)
}

/// What is at a path, following symbolic links.
public enum FileKind: Sendable, Equatable {
    case regular(size: Int)
    case folder
    /// A FIFO, device, socket…: never opened (a FIFO would block for ever,
    /// `/dev/zero` never ends). The words say which.
    case special(String)
}

/// The model files found below a folder, and what stopped or limited the
/// search (a loop of links, an unreadable folder, too many entries).
public struct FolderListing: Sendable {
    public var files: [String] = []
    public var diagnostics: [Diagnostic] = []
    public init(files: [String] = [], diagnostics: [Diagnostic] = []) {
        self.files = files
        self.diagnostics = diagnostics
    }
}

/// Where model files come from: the disk, or the files compiled into the binary.
public protocol ModelFileSystem: Sendable {
    /// What is at `path` (links followed), or nil when nothing is there.
    func stat(_ path: String) -> FileKind?
    /// The model files (`*.yaml`, `*.yml`, not hidden) below a folder,
    /// recursively and sorted; links to files and folders followed, loops
    /// detected, the walk bounded by `ModelLimits.folderEntries` and
    /// `ModelLimits.folderDepth`.
    func modelFiles(under folder: String) -> FolderListing
    /// At most `limit + 1` bytes of a regular file: more than `limit` means
    /// the file is too large, however it grew after `stat`.
    func read(_ path: String, limit: Int) throws -> [UInt8]
}

extension ModelFileSystem {
    /// true for a folder, false for anything else that is there, nil when nothing is.
    public func kind(of path: String) -> Bool? {
        switch stat(path) {
        case nil: return nil
        case .folder?: return true
        default: return false
        }
    }
}

/// Why a file could not be read.
public enum FileReadError: Error, Sendable, Equatable {
    case notThere
    case notRegular(String)
    case system(String)
}

/// Model files on disk. Paths are kept as the user gave them (relative stays relative).
public struct DiskFileSystem: ModelFileSystem {
    public init() {}

    public func stat(_ path: String) -> FileKind? {
        statusOf(path).map(Self.kind)
    }

    static func kind(_ info: Glibc.stat) -> FileKind {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int(info.st_size))
        case S_IFDIR: return .folder
        case S_IFIFO: return .special("a FIFO (named pipe)")
        case S_IFCHR: return .special("a character device")
        case S_IFBLK: return .special("a block device")
        case S_IFSOCK: return .special("a socket")
        default: return .special("not a regular file")
        }
    }

    public func modelFiles(under folder: String) -> FolderListing {
        var walk = FolderWalk(root: folder)
        walk.visit(folder, depth: 0, ancestors: Self.ancestors(of: folder))
        walk.listing.files.sort()
        return walk.listing
    }

    /// The (device, inode) of every folder that holds `folder`, up to `/`:
    /// a link from inside back to any of them is a loop.
    static func ancestors(of folder: String) -> [[UInt64]] {
        guard let real = realpath(folder, nil) else { return [] }
        defer { free(real) }
        var path = String(cString: real)
        var out: [[UInt64]] = []
        while path != "/" && !path.isEmpty {
            path = PathName.directory(of: path)
            if let info = statusOf(path) { out.append([UInt64(info.st_dev), UInt64(info.st_ino)]) }
        }
        return out
    }

    /// One walk: folders seen (device, inode), entries looked at.
    private struct FolderWalk {
        let root: String
        var listing = FolderListing()
        var seen: Set<[UInt64]> = []
        var entries = 0
        var stopped = false

        init(root: String) { self.root = root }

        mutating func visit(_ folder: String, depth: Int, ancestors: [[UInt64]]) {
            guard let info = statusOf(folder) else { return }
            let identity = [UInt64(info.st_dev), UInt64(info.st_ino)]
            if ancestors.contains(identity) {
                listing.diagnostics.append(
                    Diagnostic(
                        .warning, .folderLoop, at: SourceLocation(file: folder, line: 1, column: 1),
                        "this folder is a link back to a folder that holds it; it was not read again"))
                return
            }
            // Two links to one folder: read it once.
            guard seen.insert(identity).inserted else { return }
            if depth > ModelLimits.folderDepth {
                stop(SourceLocation(file: folder, line: 1, column: 1), "folders nested deeper than \(ModelLimits.folderDepth) levels below '\(root)'")
                return
            }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                listing.diagnostics.append(
                    Diagnostic(
                        .error, .folderUnreadable, at: SourceLocation(file: folder, line: 1, column: 1),
                        "cannot read this folder", suggestion: "check its permissions"))
                return
            }
            for name in names.sorted() where !stopped {
                entries += 1
                if entries > ModelLimits.folderEntries {
                    stop(
                        SourceLocation(file: root, line: 1, column: 1),
                        "more than \(ModelLimits.folderEntries) files and folders below '\(root)'; the search stopped there")
                    return
                }
                if name.hasPrefix(".") { continue }
                let path = PathName.join(folder, name)
                guard let entry = statusOf(path) else { continue }  // a dangling link
                switch DiskFileSystem.kind(entry) {
                case .folder:
                    visit(path, depth: depth + 1, ancestors: ancestors + [identity])
                default:
                    // FIFOs and devices named *.yaml are listed: reading refuses them by name.
                    if ModelFileSystemNames.isModelFile(name) { listing.files.append(path) }
                }
            }
        }

        mutating func stop(_ at: SourceLocation, _ message: String) {
            stopped = true
            listing.diagnostics.append(
                Diagnostic(
                    .error, .folderTooLarge, at: at, message,
                    suggestion: "name the model's own folder, which holds only its .yaml files"))
        }
    }

    public func read(_ path: String, limit: Int) throws -> [UInt8] {
        // O_NONBLOCK: a FIFO put in place after `stat` must not block the open.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw errno == ENOENT ? FileReadError.notThere : FileReadError.system(String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = Glibc.stat()
        guard fstat(fd, &info) == 0 else { throw FileReadError.system(String(cString: strerror(errno))) }
        if case .special(let what) = Self.kind(info) { throw FileReadError.notRegular(what) }
        if case .folder = Self.kind(info) { throw FileReadError.notRegular("a folder") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let want = min(chunk.count, limit + 1 - bytes.count)
            let got = chunk.withUnsafeMutableBytes { readInto(fd, $0, want) }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileReadError.system(String(cString: strerror(errno)))
            }
            if got == 0 { break }
            bytes += chunk[..<got]
        }
        return bytes
    }
}

/// Which names are model files (shared by the disk and memory file systems).
enum ModelFileSystemNames {
    static func isModelFile(_ name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }
}

/// Files held in memory, keyed by path ("Models/iij-gio-p2/model.yaml"): the
/// embedded default model, and tests.
public struct MemoryFileSystem: ModelFileSystem {
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]]) {
        self.files = files
    }

    public func stat(_ path: String) -> FileKind? {
        let path = PathName.normalize(path)
        if let bytes = files[path] { return .regular(size: bytes.count) }
        let prefix = path.isEmpty || path == "." ? "" : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) } ? .folder : nil
    }

    public func modelFiles(under folder: String) -> FolderListing {
        let folder = PathName.normalize(folder)
        let prefix = folder.isEmpty || folder == "." ? "" : folder + "/"
        return FolderListing(
            files: files.keys.filter { path in
                path.hasPrefix(prefix)
                    && ModelFileSystemNames.isModelFile(String(path.split(separator: "/").last ?? ""))
                    && !path.dropFirst(prefix.count).split(separator: "/").contains { $0.hasPrefix(".") }
            }.sorted())
    }

    public func read(_ path: String, limit: Int) throws -> [UInt8] {
        guard let bytes = files[PathName.normalize(path)] else { throw FileReadError.notThere }
        return Array(bytes.prefix(limit + 1))
    }
}

/// Path arithmetic on "/"-separated strings, without touching the disk.
public enum PathName {
    public static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") || base.isEmpty || base == "." { return relative }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// Removes `.` and resolves `..` where it can.
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
