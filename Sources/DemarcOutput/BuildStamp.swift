import Crypto
import Foundation

/// What the last build into an output folder was made from, and how its
/// inputs and files looked on disk right after: kept in the render cache's
/// folder (`stamps/`), never in the output folder. A build with the same key
/// (the command line, the binary, the templates, the system), whose model
/// files and folders and whose every output file of Demarc's still have the
/// type, device, inode, size, modification and change times recorded, has
/// nothing to do: it reads no model, starts no worker, renders nothing and
/// touches nothing. Any write to a file — and any file added to or removed
/// from a folder — changes a change time, which no user can set back, so an
/// edited model or a hand-edited output file is never mistaken for an
/// unchanged one; a stamp that does not match in any way is not used, and
/// the build runs.
public struct BuildStamp: Sendable {
    public static let layoutVersion = 1
    public let path: String
    public let destination: String

    /// The stamp of the folder `destination` in `cache`.
    public init(cache: RenderCache, destination: String) {
        let absolute = OutputWriter.absolute(destination)
        self.destination = absolute
        let name = Manifest.hex(SHA256.hash(data: Array(absolute.utf8)))
        path = cache.directory + "/stamps/" + name
    }

    /// How the entry at `path` stands on disk (not following a link), or
    /// nil when nothing is there.
    public static func snapshot(absolute path: String) -> String? {
        guard let st = POSIX.lstatOf(path).0 else { return nil }
        return [
            String(st.st_mode & S_IFMT), String(st.st_dev), String(st.st_ino), String(st.st_size),
            "\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)", "\(st.st_ctim.tv_sec).\(st.st_ctim.tv_nsec)",
        ].joined(separator: " ")
    }

    /// What the last build recorded.
    public struct Recorded: Sendable, Equatable {
        /// Demarc's files in the folder (the manifest aside).
        public var files: Int
        /// The warnings the model gave then (said again).
        public var warnings: [String]
    }

    /// What the last build recorded, when it was made with `key`, every
    /// input is as it was and every file it wrote is as it left it; nil otherwise.
    public func current(key: String) -> Recorded? {
        guard let bytes = POSIX.readIfFile(path), let lines = Self.verified(bytes) else { return nil }
        guard lines.count >= 2, lines[0] == "demarc build stamp \(Self.layoutVersion)", lines[1] == "key " + key else { return nil }
        var recorded = Recorded(files: 0, warnings: [])
        for line in lines.dropFirst(2) {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { return nil }
            switch fields[0] {
            case "in":
                guard Self.snapshot(absolute: fields[1]) == fields[2] else { return nil }
            case "out":
                guard Self.snapshot(absolute: destination + "/" + fields[1]) == fields[2] else { return nil }
                if fields[1] != Manifest.fileName { recorded.files += 1 }
            case "warning":
                recorded.warnings.append(fields[2])
            default:
                return nil
            }
        }
        return recorded
    }

    /// Records that the folder's `files` (and its manifest) were made with
    /// `key` from `inputs` (absolute paths of files and folders read or
    /// listed), as they all stand now, and the model's `warnings`. Best
    /// effort: a stamp not written only means the next build does the work.
    public func record(key: String, inputs: [String], files: [String], warnings: [String]) {
        var lines = ["demarc build stamp \(Self.layoutVersion)", "key " + key]
        for input in Set(inputs).sorted() {
            guard let snapshot = Self.snapshot(absolute: input), !input.contains("\t"), !input.contains("\n") else { return clear() }
            lines.append("in\t\(input)\t\(snapshot)")
        }
        for relative in (files + [Manifest.fileName]).sorted() {
            guard let snapshot = Self.snapshot(absolute: destination + "/" + relative), !relative.contains("\t") else { return clear() }
            lines.append("out\t\(relative)\t\(snapshot)")
        }
        lines += warnings.map { "warning\t\t" + $0.replacingOccurrences(of: "\n", with: " ") }
        var body = Array((lines.joined(separator: "\n") + "\n").utf8)
        body += Array(("sha256 " + Manifest.hash(body) + "\n").utf8)
        let folder = (path as NSString).deletingLastPathComponent
        if mkdir(folder, 0o700) != 0 && errno != EEXIST { return }
        let temporary = "\(path).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        do throws(OutputWriter.Failure) {
            try POSIX.create(temporary, body, mode: 0o600)
        } catch {
            unlink(temporary)
            return
        }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// Forgets the stamp (before a build that changes the folder).
    public func clear() { unlink(path) }

    /// The stamp's lines when its last line is the SHA-256 of the rest.
    static func verified(_ bytes: [UInt8]) -> [String]? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasSuffix("\n"), let last = text.dropLast().lastIndex(of: "\n") else { return nil }
        let body = text[...last]
        guard text[text.index(after: last)...].dropLast() == "sha256 " + Manifest.hash(Array(body.utf8)) else { return nil }
        return body.split(separator: "\n").map(String.init)
    }
}
