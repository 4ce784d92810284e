import Foundation
import Testing

/// Reading and comparing output trees.
enum Tree {
    /// Relative path → bytes of every regular file below `root` (not following links).
    static func read(_ root: String) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return files }
        while let relative = walker.nextObject() as? String {
            let path = root + "/" + relative
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                let data = FileManager.default.contents(atPath: path)
            {
                files[relative] = data
            }
        }
        return files
    }

    /// Relative path → modification time (seconds, nanoseconds) and inode.
    static func stamps(_ root: String) -> [String: String] {
        var result: [String: String] = [:]
        for path in read(root).keys {
            var st = stat()
            if stat(root + "/" + path, &st) == 0 {
                result[path] = "\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec) ino \(st.st_ino)"
            }
        }
        return result
    }

    static func files(_ tree: [String: Data], suffix: String) -> [String] {
        tree.keys.filter { $0.hasSuffix(suffix) }.sorted()
    }
}

/// Builds shared by several tests (each built once per test run).
actor SharedBuilds {
    static let shared = SharedBuilds()
    private var built: [String: String] = [:]

    /// The folder holding a build of the default model with `arguments`.
    func output(_ key: String, _ arguments: [String]) async throws -> String {
        if let dir = built[key] { return dir }
        let dir = try Demarc.temporaryDirectory()
        let r = try await Demarc.run(["build", "--out", dir + "/Output"] + arguments, timeout: 300)
        #expect(r.status == 0, "\(r.stderr)")
        built[key] = dir + "/Output"
        return dir + "/Output"
    }
}

/// Runs a tool by name (`xmllint`, `rsvg-convert`, `pdffonts`…).
func tool(_ arguments: [String], timeout: Int = 120) async throws -> CommandResult {
    try await Demarc.run(arguments, timeout: timeout, executable: "/usr/bin/env")
}
