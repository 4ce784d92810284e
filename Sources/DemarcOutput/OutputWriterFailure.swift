import Foundation

extension OutputWriter {
    /// A path this build would overwrite or remove that is not as Demarc wrote it.
    public struct Conflict: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            /// A file Demarc did not write (not in the previous manifest) where it writes one.
            case notDemarcs
            /// A file of Demarc's whose bytes no longer match the manifest's hash.
            case editedByHand
            /// Something that is not a file (a folder, a link) where Demarc writes a
            /// file, or not a folder where Demarc needs one.
            case inTheWay
        }

        /// Relative to the output folder.
        public var path: String
        public var kind: Kind

        public init(path: String, kind: Kind) {
            self.path = path
            self.kind = kind
        }

        public var description: String {
            switch kind {
            case .notDemarcs: "\(path) (yours: Demarc did not write it, and would overwrite it)"
            case .editedByHand: "\(path) (edited since Demarc wrote it)"
            case .inTheWay: "\(path) (not a plain file or folder as Demarc needs it there)"
            }
        }
    }

    /// Why the writer did not write. Every case names the path concerned; the
    /// description is one sentence for the user. Tests match the cases.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The output folder's name is empty.
        case emptyDestination
        /// The output folder would be `/`.
        case rootDestination
        /// A file name from the build that would land outside the output folder.
        case unsafePath(String)
        /// The path exists and is not a folder (a file, a device).
        case notAFolder(String)
        /// A symbolic link where Demarc writes (the output folder, the lock).
        case symlinkInTheWay(String)
        /// The output folder is a mount point, which cannot be swapped.
        case mountPoint(String)
        /// EACCES/EPERM: this user may not change the path.
        case permissionDenied(String)
        /// EROFS.
        case readOnlyFileSystem(String)
        /// ENOSPC/EDQUOT.
        case noSpace(String)
        /// EXDEV: the path is on another file system.
        case crossDevice(String)
        /// EBUSY.
        case busy(String)
        /// A non-empty folder without Demarc's manifest, and no `adopt`; with the
        /// paths Demarc writes that are taken already (conflicts under `adopt`).
        case notEmptyNotDemarcs(String, [Conflict])
        /// Files of the user's or edited by hand that this build would overwrite
        /// or remove (the output folder, then the conflicts), and no `force`.
        case conflicts(String, [Conflict])
        /// An entry whose owner this user cannot give to the copy in the new tree.
        case ownedByAnotherUser(String, uid: UInt32, gid: UInt32)
        /// Another build held the lock for longer than the time-out.
        case lockTimedOut(destination: String, lock: String, seconds: Int)
        /// The lock path is there and is not a regular file.
        case lockNotAFile(String)
        /// The file system cannot do the operation (renameat2 RENAME_EXCHANGE).
        case unsupported(String, operation: String)
        /// Any other errno.
        case system(String, operation: String, errno: Int32)

        static func list(_ folder: String, _ conflicts: [Conflict]) -> String {
            let shown = conflicts.prefix(20).map { "  \(folder)/\($0)" }.joined(separator: "\n")
            return shown + (conflicts.count > 20 ? "\n  … and \(conflicts.count - 20) more" : "")
        }

        /// The typed failure for an errno met doing `operation` on `path`.
        public static func from(_ code: Int32, path: String, operation: String) -> Failure {
            switch code {
            case EACCES, EPERM: .permissionDenied(path)
            case ENOSPC, EDQUOT: .noSpace(path)
            case EXDEV: .crossDevice(path)
            case EBUSY: .busy(path)
            case ELOOP: .symlinkInTheWay(path)
            case EROFS: .readOnlyFileSystem(path)
            case ENOSYS, EOPNOTSUPP: .unsupported(path, operation: operation)
            default: .system(path, operation: operation, errno: code)
            }
        }

        public var description: String {
            switch self {
            case .emptyDestination:
                return "the output folder's name is empty; name a folder (for example --out Output)"
            case .rootDestination:
                return "cannot write into '/': Demarc replaces the whole output folder; name a folder below it"
            case .unsafePath(let path):
                return "refusing to write outside the output folder: '\(path)'"
            case .notAFolder(let path):
                return "'\(path)' exists and is not a folder"
            case .symlinkInTheWay(let path):
                return
                    "'\(path)' is a symbolic link, and Demarc never follows a link where it writes (it could send the writes elsewhere); remove the link or name the real folder"
            case .mountPoint(let path):
                return
                    "'\(path)' is a mount point: Demarc swaps the whole folder atomically and cannot swap a mount point; use a folder inside it (e.g. --out \(path)/site)"
            case .permissionDenied(let path):
                return "permission denied: this user may not change '\(path)' (check its owner and mode)"
            case .readOnlyFileSystem(let path):
                return "'\(path)' is on a read-only file system"
            case .noSpace(let path):
                return "no space left on the device (or the disk quota is used up) writing '\(path)'; free some space and build again"
            case .crossDevice(let path):
                return "'\(path)' is on another file system than the staging folder, and cannot be moved or linked across file systems (EXDEV)"
            case .busy(let path):
                return "'\(path)' is busy (EBUSY: in use by the system, e.g. as a mount point) and cannot be replaced"
            case .notEmptyNotDemarcs(let path, let conflicts):
                let sentence =
                    "'\(path)' is a folder of yours: it is not empty and has no manifest.json of Demarc's; pass --adopt to write into it (everything in it is kept as yours), or choose a new or empty folder"
                guard !conflicts.isEmpty else { return sentence }
                let noun = conflicts.count == 1 ? "1 path of yours is" : "\(conflicts.count) paths of yours are"
                return sentence + ". Where Demarc writes, \(noun) in the way (conflicts under --adopt, which --force overwrites):\n"
                    + Self.list(path, conflicts)
            case .conflicts(let folder, let conflicts):
                let noun =
                    conflicts.count == 1
                    ? "1 file is not as Demarc wrote it, and this build would overwrite or remove it"
                    : "\(conflicts.count) files are not as Demarc wrote them, and this build would overwrite or remove them"
                let what = conflicts.count == 1 ? "it" : "them"
                return "\(noun):\n\(Self.list(folder, conflicts))\nmove \(what) away, or pass --force to overwrite \(what)"
            case .ownedByAnotherUser(let path, let uid, let gid):
                return
                    "'\(path)' belongs to another user or group (uid \(uid), gid \(gid)): Demarc rebuilds the output folder keeping every entry's owner, and this user may not give an entry another owner; build as its owner or as root, or move it out of the output folder"
            case .lockTimedOut(let destination, let lock, let seconds):
                return "another build is still writing '\(destination)' after \(seconds) s (lock: \(lock)); try again when it has finished"
            case .lockNotAFile(let path):
                return "the lock '\(path)' is not a regular file; remove it and build again"
            case .unsupported(let path, let operation):
                return "cannot \(operation) '\(path)': the file system does not support it"
            case .system(let path, let operation, let code):
                return "cannot \(operation) '\(path)': \(String(cString: strerror(code)))"
            }
        }
    }
}
