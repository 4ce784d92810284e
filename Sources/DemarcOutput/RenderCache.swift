import Crypto
import Foundation

/// A content-addressed store of finished diagram files, outside the output
/// folder, so a rebuild renders only what changed (docs/performance.md).
///
/// An entry is keyed by everything its bytes depend on — the DOT text, the
/// formats, how the files are finished, the versions of the system stack
/// that renders them — hashed with SHA-256; the caller gives those parts
/// (`key(_:)`). Entries are written to a temporary file and renamed into
/// place (two builds sharing the cache never see half an entry), carry a
/// SHA-256 of their own bytes that is checked on every read (a damaged entry
/// is removed and rendered again), and live in folders of mode 0700 and
/// files of 0600: the DOT, hence the entry, holds the model's text. When
/// the cache grows past its size cap the entries used longest ago go first.
/// Nothing about the cache ever fails a build: an entry that cannot be read
/// is a miss, one that cannot be written is skipped.
public struct RenderCache: Sendable {
    /// The version of the entries' layout; part of every key.
    public static let layoutVersion = 1
    /// The default size cap (bytes).
    public static let defaultMaxBytes = 512 << 20

    public let directory: String
    public let maxBytes: Int
    /// Read, never written (`build --check` writes nothing anywhere).
    public var readOnly = false

    public init(directory: String, maxBytes: Int = RenderCache.defaultMaxBytes, readOnly: Bool = false) {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.maxBytes = maxBytes
        self.readOnly = readOnly
    }

    /// The documented place: `$DEMARC_CACHE_DIR`, else `$XDG_CACHE_HOME/demarc`,
    /// else `$HOME/.cache/demarc`; nil where none is set.
    public static func defaultDirectory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let dir = environment["DEMARC_CACHE_DIR"], !dir.isEmpty { return dir }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/demarc" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/demarc" }
        return nil
    }

    /// The key of an entry: SHA-256 over the parts, each length-prefixed (so
    /// no two lists of parts give the same bytes).
    public static func key(_ parts: [String]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("demarc render cache \(layoutVersion)\n".utf8))
        for part in parts {
            let bytes = Array(part.utf8)
            hasher.update(data: Array(String(bytes.count).utf8) + [0x3A])
            hasher.update(data: bytes)
        }
        return Manifest.hex(hasher.finalize())
    }

    /// Why the cache cannot be used at all (said once, then the build goes on without it).
    public enum Unusable: Error, CustomStringConvertible, Equatable {
        case notAFolder(String)
        case notYours(String)
        case cannotCreate(String, errno: Int32)

        public var description: String {
            switch self {
            case .notAFolder(let path): return "the render cache \(path) is not a folder; building without it"
            case .notYours(let path): return "the render cache \(path) belongs to another user; building without it"
            case .cannotCreate(let path, let code): return "cannot create the render cache \(path) (\(String(cString: strerror(code)))); building without it"
            }
        }
    }

    /// Makes the cache's folder (mode 0700) if it is not there, and checks
    /// that it is a folder of this user's, not a link.
    public func prepare() throws(Unusable) {
        let entries = directory + "/renders"
        for path in [directory, entries] {
            var st = stat()
            if lstat(path, &st) == 0 {
                guard st.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(path) }
                guard st.st_uid == geteuid() else { throw .notYours(path) }
                if st.st_mode & 0o077 != 0 { chmod(path, 0o700) }
                continue
            }
            if path == directory { makeParents(of: path) }
            if mkdir(path, 0o700) != 0 && errno != EEXIST { throw .cannotCreate(path, errno: errno) }
        }
    }

    /// Parents of the cache folder that are missing (`~/.cache`), mode 0700 as the XDG spec asks.
    private func makeParents(of path: String) {
        var parents: [String] = []
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty, parent != "/", access(parent, F_OK) != 0 {
            parents.append(parent)
            parent = (parent as NSString).deletingLastPathComponent
        }
        for folder in parents.reversed() { mkdir(folder, 0o700) }
    }

    func path(_ key: String) -> String { "\(directory)/renders/\(key.prefix(2))/\(key)" }

    /// What happened to one read.
    public enum Lookup: Equatable {
        case hit([String: [UInt8]])
        case miss
        /// The entry was there but damaged: removed.
        case damaged
    }

    /// The files stored under `key`, checked against the entry's own hash.
    public func read(_ key: String) -> Lookup {
        let path = self.path(key)
        guard let bytes = POSIX.readIfFile(path) else { return .miss }
        guard let files = Self.decode(bytes) else {
            if !readOnly { unlink(path) }
            return .damaged
        }
        // Used now: the size cap removes what was used longest ago.
        if !readOnly { utimensat(AT_FDCWD, path, nil, AT_SYMLINK_NOFOLLOW) }
        return .hit(files)
    }

    /// Stores `files` under `key`: written beside, then renamed into place.
    /// Returns false when it could not (the build goes on).
    @discardableResult
    public func store(_ key: String, _ files: [String: [UInt8]]) -> Bool {
        if readOnly { return false }
        let folder = "\(directory)/renders/\(key.prefix(2))"
        if mkdir(folder, 0o700) != 0 && errno != EEXIST { return false }
        let target = path(key)
        let temporary = "\(folder)/.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        do throws(OutputWriter.Failure) {
            try POSIX.create(temporary, Self.encode(files), mode: 0o600)
        } catch {
            unlink(temporary)
            return false
        }
        if rename(temporary, target) != 0 {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Removes the entries used longest ago until the cache is under 80% of
    /// its cap, and temporary files left by killed builds (over an hour old).
    public func trim(now: time_t = time(nil)) {
        if readOnly { return }
        var entries: [(path: String, size: Int, used: Int)] = []
        var total = 0
        let root = directory + "/renders"
        for folder in (try? POSIX.list(root)) ?? [] {
            let folderPath = root + "/" + folder
            for name in (try? POSIX.list(folderPath)) ?? [] {
                let path = folderPath + "/" + name
                guard let st = POSIX.lstatOf(path).0, POSIX.isRegular(st) else { continue }
                if name.hasPrefix(".tmp-") {
                    if now - st.st_mtim.tv_sec > 3600 { unlink(path) }
                    continue
                }
                entries.append((path, Int(st.st_size), st.st_mtim.tv_sec))
                total += Int(st.st_size)
            }
        }
        guard total > maxBytes else { return }
        for entry in entries.sorted(by: { ($0.used, $0.path) < ($1.used, $1.path) }) {
            if total <= maxBytes / 5 * 4 { break }
            if unlink(entry.path) == 0 { total -= entry.size }
        }
    }

    // MARK: the entry's bytes

    static let magic = Array("DMRC".utf8)

    /// "DMRC" u8 layout u32 count, then per file (sorted by path) u32 length
    /// path u32 length bytes, then the SHA-256 of all that.
    static func encode(_ files: [String: [UInt8]]) -> [UInt8] {
        var out = magic + [UInt8(layoutVersion)] + u32(files.count)
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let name = Array(path.utf8)
            out += u32(name.count) + name + u32(bytes.count)
            out += bytes
        }
        out += Array(SHA256.hash(data: out))
        return out
    }

    static func decode(_ bytes: [UInt8]) -> [String: [UInt8]]? {
        let digestLength = SHA256.byteCount
        guard bytes.count >= magic.count + 5 + digestLength, bytes.starts(with: magic), bytes[4] == UInt8(layoutVersion) else { return nil }
        let body = bytes[..<(bytes.count - digestLength)]
        guard Array(SHA256.hash(data: body)) == Array(bytes[(bytes.count - digestLength)...]) else { return nil }
        var offset = 5
        func take(_ n: Int) -> ArraySlice<UInt8>? {
            guard n >= 0, offset + n <= body.count else { return nil }
            defer { offset += n }
            return body[offset..<offset + n]
        }
        func number() -> Int? {
            take(4).map { b in b.reduce(0) { $0 << 8 | Int($1) } }
        }
        guard let count = number() else { return nil }
        var files: [String: [UInt8]] = [:]
        for _ in 0..<count {
            guard let nameLength = number(), let name = take(nameLength), let length = number(), let data = take(length) else { return nil }
            files[String(decoding: name, as: UTF8.self)] = Array(data)
        }
        return offset == body.count ? files : nil
    }

    static func u32(_ n: Int) -> [UInt8] {
        let v = UInt32(n)
        return [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)]
    }
}
