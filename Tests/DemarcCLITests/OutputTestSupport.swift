import CDemarcSystem
import Foundation
import Testing

/// What the writer must keep of an entry: type and mode, owner, times and
/// extended attributes (read with lstat and the libc xattr calls, never
/// following a link), and for non-folders the inode.
struct Meta: Equatable, CustomStringConvertible {
    var mode: UInt32
    var uid: UInt32
    var gid: UInt32
    var atime: String
    var mtime: String
    var xattrs: [String: [UInt8]]
    /// Non-folders only (folders are re-created in the new tree).
    var inode: UInt64?

    var description: String {
        "mode \(String(mode, radix: 8)) owner \(uid):\(gid) atime \(atime) mtime \(mtime) xattrs \(xattrs.keys.sorted()) ino \(inode.map(String.init) ?? "-")"
    }

    /// The same, without the access time (reading a file may update it).
    var ignoringAccessTime: Meta {
        var copy = self
        copy.atime = ""
        return copy
    }

    /// The same, without the inode (a copy instead of a hard link).
    var ignoringInode: Meta {
        var copy = self
        copy.inode = nil
        return copy
    }

    static func of(_ path: String) -> Meta? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        let isFolder = st.st_mode & S_IFMT == S_IFDIR
        return Meta(
            mode: st.st_mode, uid: st.st_uid, gid: st.st_gid,
            atime: "\(st.st_atim.tv_sec).\(st.st_atim.tv_nsec)", mtime: "\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)",
            xattrs: XAttr.all(path), inode: isFolder ? nil : UInt64(st.st_ino))
    }

    /// Relative path → Meta of every entry below `root`, folders included
    /// ("." is the root itself). Lists folders with readdir; reads no file.
    static func tree(_ root: String) -> [String: Meta] {
        var result: [String: Meta] = [:]
        func walk(_ relative: String) {
            let path = relative == "." ? root : root + "/" + relative
            guard let meta = of(path) else { return }
            result[relative] = meta
            guard meta.mode & S_IFMT == S_IFDIR, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names { walk(relative == "." ? name : relative + "/" + name) }
        }
        walk(".")
        return result
    }
}

/// Extended attributes through the libc calls (setfattr/getfattr may be missing).
enum XAttr {
    static func set(_ path: String, _ name: String, _ value: String) throws {
        let bytes = Array(value.utf8)
        let status = bytes.withUnsafeBytes { lsetxattr(path, name, $0.baseAddress, $0.count, 0) }
        guard status == 0 else {
            throw SetUpError("lsetxattr \(name) on \(path): \(String(cString: strerror(errno))) (the test folder must support user xattrs)")
        }
    }

    static func all(_ path: String) -> [String: [UInt8]] {
        let size = llistxattr(path, nil, 0)
        guard size > 0 else { return [:] }
        var names = [CChar](repeating: 0, count: size)
        let got = llistxattr(path, &names, size)
        guard got > 0 else { return [:] }
        var result: [String: [UInt8]] = [:]
        for raw in names[0..<got].split(separator: 0) {
            let name = String(decoding: raw.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let length = lgetxattr(path, name, nil, 0)
            guard length >= 0 else { continue }
            var value = [UInt8](repeating: 0, count: length)
            let read = value.withUnsafeMutableBytes { lgetxattr(path, name, $0.baseAddress, length) }
            result[name] = read >= 0 ? Array(value[0..<read]) : []
        }
        return result
    }
}

struct SetUpError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Setting up output folders: owners, modes, times.
enum Setup {
    static let nobody: UInt32 = 65534

    /// A fresh temporary folder whose file system keeps user xattrs.
    static func folder() throws -> String {
        let dir = try Demarc.temporaryDirectory()
        let probe = dir + "/.xattr-probe"
        _ = FileManager.default.createFile(atPath: probe, contents: Data())
        defer { unlink(probe) }
        try XAttr.set(probe, "user.demarc-probe", "1")
        return dir
    }

    static func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw SetUpError("cannot create \(path)") }
    }

    static func mkdir(_ path: String, mode: mode_t = 0o755) throws {
        guard Glibc.mkdir(path, mode) == 0, Glibc.chmod(path, mode) == 0 else { throw SetUpError("mkdir \(path): \(String(cString: strerror(errno)))") }
    }

    static func chown(_ path: String, _ uid: UInt32, _ gid: UInt32? = nil) throws {
        guard lchown(path, uid, gid ?? uid) == 0 else { throw SetUpError("chown \(path): \(String(cString: strerror(errno)))") }
    }

    static func chmod(_ path: String, _ mode: mode_t) throws {
        guard Glibc.chmod(path, mode) == 0 else { throw SetUpError("chmod \(path): \(String(cString: strerror(errno)))") }
    }

    /// An mtime in the past (2001) and an atime ahead of every change time, so
    /// that listing a folder or reading a file (relatime) does not move it.
    static func stamp(_ path: String, mtime: Int = 1_000_000_000) throws {
        var times = [timespec(tv_sec: time(nil) + 6 * 3600, tv_nsec: 123_000_000), timespec(tv_sec: mtime, tv_nsec: 456_000_000)]
        guard utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw SetUpError("utimensat \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// `chown -R`.
    static func chownTree(_ root: String, _ uid: UInt32) throws {
        try chown(root, uid)
        let walker = FileManager.default.enumerator(atPath: root)
        while let relative = walker?.nextObject() as? String { try chown(root + "/" + relative, uid) }
    }

    /// The entries of a folder (to see nothing was left beside the output).
    static func listing(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }
}

extension Demarc {
    /// The output options of the reproducers (F).
    static let small = ["--format", "svg", "--lang", "en", "--diagrams", "comparison"]

    /// A model folder written by `demarc init` (M).
    static func initModel(in dir: String) async throws -> String {
        let model = dir + "/M"
        let r = try await run(["init", model])
        #expect(r.status == 0, "\(r.stderr)")
        return model
    }

    /// The binary run as uid/gid 65534 (nobody), with HOME set to a folder it may write.
    static func runAsNobody(_ arguments: [String], home: String, environment: [String: String] = [:]) async throws -> CommandResult {
        var env = environment
        env["HOME"] = home
        return try await run(
            ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments, environment: env, timeout: 300,
            executable: "/usr/bin/setpriv")
    }
}
