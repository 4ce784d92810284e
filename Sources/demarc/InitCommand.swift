import ArgumentParser
import DemarcModel
import DemarcResources
import Foundation

/// `demarc init DIR`
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write the default model as editable files into DIR (a new or empty folder).",
        discussion: """
            DIR becomes a model folder: model.yaml, topics.yaml, mapping.yaml and the
            catalogue in DIR/catalogue/. Nothing is overwritten: if DIR holds files
            already, nothing is written. Then: demarc check DIR
            """
    )

    @Argument(help: "The folder to create.")
    var directory: String

    @Option(name: .long, help: "Which embedded model: iij-gio-p2 (default) or agency-contractor.")
    var example: String = "iij-gio-p2"

    func validate() throws {
        if directory.isEmpty { throw ValidationError("DIR is empty; name the folder to create (e.g. demarc init mymodel)") }
    }

    func run() throws {
        let folders = ["iij-gio-p2": "Models/iij-gio-p2", "agency-contractor": "Models/examples/agency-contractor"]
        guard let source = folders[example] else {
            throw CommandFailure.usage("unknown example '\(example)'; choose one of: \(folders.keys.sorted().joined(separator: ", "))")
        }
        let files = Self.files(of: source)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else { throw CommandFailure.usage("'\(directory)' is a file, not a folder") }
            let existing = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
            if !existing.isEmpty {
                throw CommandFailure.failed("'\(directory)' is not empty; refusing to overwrite anything (nothing was written)")
            }
        }
        for (relative, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let target = PathName.join(directory, relative)
            do {
                try fm.createDirectory(atPath: PathName.directory(of: target), withIntermediateDirectories: true)
            } catch {
                throw CommandFailure.failed("cannot create the folder '\(PathName.directory(of: target))'")
            }
            // O_EXCL: never overwrite a file that appeared meanwhile.
            let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            let written = fd >= 0 && bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
            let cause = String(cString: strerror(errno))
            if fd >= 0 { close(fd) }
            guard written else {
                throw CommandFailure.failed("cannot write '\(target)': \(cause)")
            }
        }
        printOut("wrote \(files.count) files to \(directory)/ — check it with: demarc check \(directory)")
    }

    /// The model's files relative to the new folder, with its catalogue
    /// moved into `catalogue/` and `model.catalogue` pointed there.
    static func files(of source: String) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        var cataloguePath: String?
        for (path, bytes) in Resources.files(under: source) {
            let relative = String(path.dropFirst(source.count + 1))
            var text = String(decoding: bytes, as: UTF8.self)
            if relative == "model.yaml", let line = text.split(separator: "\n").first(where: { $0.hasPrefix("  catalogue: ") }) {
                cataloguePath = String(line.dropFirst("  catalogue: ".count))
                text = text.replacingOccurrences(of: String(line), with: "  catalogue: catalogue")
            }
            result[relative] = Array(text.utf8)
        }
        if let cataloguePath {
            let folder = PathName.normalize(PathName.join(source, cataloguePath))
            for (path, bytes) in Resources.files(under: folder) {
                result["catalogue/" + String(path.dropFirst(folder.count + 1))] = bytes
            }
        }
        return result
    }
}
