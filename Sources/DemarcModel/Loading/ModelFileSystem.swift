import Foundation

/// Where model files come from: the disk, or the files compiled into the binary.
public protocol ModelFileSystem: Sendable {
    /// true for a folder, false for a file, nil when nothing is there.
    func kind(of path: String) -> Bool?
    /// The model files (`*.yaml`, `*.yml`, not hidden) below a folder, recursively, sorted.
    func modelFiles(under folder: String) -> [String]
    /// Size in bytes, when known without reading.
    func size(of path: String) -> Int?
    func read(_ path: String) throws -> [UInt8]
}

extension ModelFileSystem {
    static func isModelFile(_ name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }
}

/// Model files on disk. Paths are kept as the user gave them (relative stays relative).
public struct DiskFileSystem: ModelFileSystem {
    public init() {}

    public func kind(of path: String) -> Bool? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return nil }
        return isDir.boolValue
    }

    public func modelFiles(under folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                if kind(of: PathName.join(folder, relative)) == true { walker.skipDescendants() }
                continue
            }
            let full = PathName.join(folder, relative)
            if Self.isModelFile(name), kind(of: full) == false { files.append(full) }
        }
        return files.sorted()
    }

    public func size(of path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    public func read(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoPermission)
        }
        defer { try? handle.close() }
        return [UInt8](try handle.readToEnd() ?? Data())
    }
}

/// Files held in memory, keyed by path ("Models/iij-gio-p2/model.yaml"): the
/// embedded default model, and tests.
public struct MemoryFileSystem: ModelFileSystem {
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]]) {
        self.files = files
    }

    public func kind(of path: String) -> Bool? {
        let path = PathName.normalize(path)
        if files[path] != nil { return false }
        let prefix = path.isEmpty || path == "." ? "" : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) } ? true : nil
    }

    public func modelFiles(under folder: String) -> [String] {
        let folder = PathName.normalize(folder)
        let prefix = folder.isEmpty || folder == "." ? "" : folder + "/"
        return files.keys.filter { path in
            path.hasPrefix(prefix)
                && Self.isModelFile(String(path.split(separator: "/").last ?? ""))
                && !path.dropFirst(prefix.count).split(separator: "/").contains { $0.hasPrefix(".") }
        }.sorted()
    }

    public func size(of path: String) -> Int? { files[PathName.normalize(path)]?.count }

    public func read(_ path: String) throws -> [UInt8] {
        guard let bytes = files[PathName.normalize(path)] else { throw CocoaError(.fileNoSuchFile) }
        return bytes
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
