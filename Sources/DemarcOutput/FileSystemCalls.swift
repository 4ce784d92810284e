import CDemarcSystem
import Foundation

/// The POSIX calls the output writer is made of, each returning 0 or an errno
/// (never a Foundation error), and never following a symbolic link.
enum POSIX {
    typealias Failure = OutputWriter.Failure

    static func lstatOf(_ path: String) -> (stat?, Int32) {
        var st = stat()
        return lstat(path, &st) == 0 ? (st, 0) : (nil, errno)
    }

    static func type(_ st: stat) -> mode_t { st.st_mode & S_IFMT }
    static func isDirectory(_ st: stat) -> Bool { type(st) == S_IFDIR }
    static func isRegular(_ st: stat) -> Bool { type(st) == S_IFREG }

    /// The names in a folder (without `.` and `..`), sorted.
    static func list(_ path: String) throws(Failure) -> [String] {
        guard let dir = opendir(path) else { throw Failure.from(errno, path: path, operation: "read the folder") }
        defer { closedir(dir) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { throw Failure.from(errno, path: path, operation: "read the folder") }
                break
            }
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The whole contents of a regular file (not through a link).
    static func read(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { throw Failure.from(errno, path: path, operation: "read") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw Failure.from(errno, path: path, operation: "read") }
        guard isRegular(st) else { throw Failure.system(path, operation: "read (it is not a plain file)", errno: EINVAL) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(st.st_size))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.from(errno, path: path, operation: "read")
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return bytes
    }

    /// SHA-256 of a regular file, or nil when there is no regular file there.
    static func hash(_ path: String) -> String? {
        readIfFile(path).map(Manifest.hash)
    }

    /// The bytes of a regular file; nil for anything else (never opens a device or a FIFO).
    static func readIfFile(_ path: String) -> [UInt8]? {
        guard let st = lstatOf(path).0, isRegular(st) else { return nil }
        return try? read(path)
    }

    /// Writes `bytes[..<count]` to `fd`, all of it.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], count: Int? = nil, path: String) throws(Failure) {
        let total = count ?? bytes.count
        var offset = 0
        while offset < total {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, total - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.from(errno, path: path, operation: "write")
            }
            offset += n
        }
    }

    /// A new file (it must not exist) with these bytes and this mode.
    /// With `writeBack`, the data starts on its way to disk at once (the
    /// files of a tree that is synced before it is swapped in).
    static func create(_ path: String, _ bytes: [UInt8], mode: mode_t, writeBack: Bool = false) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure.from(errno, path: path, operation: "create") }
        do throws(Failure) {
            if !bytes.isEmpty {
                try writeAll(fd, bytes, path: path)
                if writeBack { _ = demarc_start_writeback(fd) }
            }
            guard fchmod(fd, mode) == 0 else { throw Failure.from(errno, path: path, operation: "set the mode of") }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw Failure.from(errno, path: path, operation: "write") }
    }

    /// The names of a path's extended attributes (not through a link).
    static func xattrNames(_ path: String) throws(Failure) -> [String] {
        while true {
            let size = llistxattr(path, nil, 0)
            if size < 0 {
                if errno == ENOTSUP || errno == EOPNOTSUPP { return [] }
                throw Failure.from(errno, path: path, operation: "list the extended attributes of")
            }
            if size == 0 { return [] }
            var buffer = [CChar](repeating: 0, count: size)
            let got = llistxattr(path, &buffer, size)
            if got < 0 {
                if errno == ERANGE { continue }  // grew meanwhile
                throw Failure.from(errno, path: path, operation: "list the extended attributes of")
            }
            return buffer[0..<got].split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        }
    }

    /// Copies every extended attribute of `source` onto `target` (neither through a link).
    static func copyXattrs(from source: String, to target: String) throws(Failure) {
        for name in try xattrNames(source) {
            var value: [UInt8] = []
            while true {
                let size = lgetxattr(source, name, nil, 0)
                if size < 0 {
                    if errno == ENODATA { break }
                    throw Failure.from(errno, path: source, operation: "read the extended attribute \(name) of")
                }
                value = [UInt8](repeating: 0, count: size)
                let got = value.withUnsafeMutableBytes { lgetxattr(source, name, $0.baseAddress, size) }
                if got < 0 {
                    if errno == ERANGE { continue }
                    throw Failure.from(errno, path: source, operation: "read the extended attribute \(name) of")
                }
                value = Array(value[0..<got])
                break
            }
            let status = value.withUnsafeBytes { lsetxattr(target, name, $0.baseAddress, $0.count, 0) }
            if status != 0 { throw Failure.from(errno, path: target, operation: "set the extended attribute \(name) on") }
        }
    }

    /// Sets access and modification times (not through a link).
    static func setTimes(_ path: String, from st: stat) throws(Failure) {
        var times = [st.st_atim, st.st_mtim]
        if utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW) != 0 {
            throw Failure.from(errno, path: path, operation: "set the times of")
        }
    }

    /// Whether this process may give an entry owned by `st`'s uid and gid to
    /// a copy it creates.
    static func canOwn(_ st: stat) -> Bool {
        let euid = geteuid()
        if euid == 0 { return true }
        guard st.st_uid == euid else { return false }
        return st.st_gid == getegid() || groups().contains(st.st_gid)
    }

    static func groups() -> [gid_t] {
        let count = getgroups(0, nil)
        guard count > 0 else { return [] }
        var list = [gid_t](repeating: 0, count: Int(count))
        let got = getgroups(count, &list)
        return got > 0 ? Array(list[0..<Int(got)]) : []
    }

    /// Gives `path` (not through a link) the owner of `st` when it differs.
    static func keepOwner(_ path: String, from st: stat, source: String) throws(Failure) {
        let (now, code) = lstatOf(path)
        guard let now else { throw Failure.from(code, path: path, operation: "look at") }
        if now.st_uid == st.st_uid && now.st_gid == st.st_gid { return }
        if lchown(path, st.st_uid, st.st_gid) != 0 {
            if errno == EPERM { throw Failure.ownedByAnotherUser(source, uid: st.st_uid, gid: st.st_gid) }
            throw Failure.from(errno, path: path, operation: "set the owner of")
        }
    }

    /// Removes a tree (not following links), best effort: folders this user
    /// owns are made writable first (they are the old copies, going away;
    /// files are never changed, only unlinked). True when it is gone.
    @discardableResult
    static func removeTree(_ path: String) -> Bool {
        let (st, code) = lstatOf(path)
        guard let st else { return code == ENOENT }
        guard isDirectory(st) else { return unlink(path) == 0 || errno == ENOENT }
        if (st.st_uid == geteuid() || geteuid() == 0), st.st_mode & 0o700 != 0o700 {
            chmod(path, 0o700)
        }
        var ok = true
        for name in (try? list(path)) ?? [] where !removeTree(path + "/" + name) { ok = false }
        return rmdir(path) == 0 || (ok && errno == ENOENT)
    }
}
