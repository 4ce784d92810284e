import ArgumentParser
import DemarcModel
import DemarcResources
import Foundation

/// `demarc init DIR`
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a model into DIR (a new or empty folder): a copy of the default model, an example, or a starter overlay on a base.",
        discussion: """
            By default DIR becomes a copy of the default model: model.yaml, topics.yaml,
            mapping.yaml and the catalogue in DIR/catalogue/. With --extends BASE, DIR gets
            one overlay.yaml that builds on BASE without copying it (a model built into
            demarc, by id, or a model folder or file), pinned to the base as it is now.
            Nothing is overwritten: if DIR holds files already, nothing is written.
            Then: demarc check DIR
            """
    )

    @Argument(help: "The folder to create.")
    var directory: String

    @Option(name: .long, help: "Which embedded model: iij-gio-p2 (default) or agency-contractor (an overlay on iij-gio-p2).")
    var example: String = "iij-gio-p2"

    @Option(name: .long, help: "Write a starter overlay on BASE: a built-in model's id (iij-gio-p2) or a model folder or file.")
    var extends: String?

    func validate() throws {
        if directory.isEmpty { throw ValidationError("DIR is empty; name the folder to create (e.g. demarc init mymodel)") }
    }

    func run() throws {
        let folders = ["iij-gio-p2": ModelInput.builtInModels["iij-gio-p2"]!, "agency-contractor": ModelInput.builtInModels["iij-gio-p2-agency-contractor"]!]
        guard let source = folders[example] else {
            throw CommandFailure.usage("unknown example '\(example)'; choose one of: \(folders.keys.sorted().joined(separator: ", "))")
        }
        let files = try extends.map { try Self.overlay(extending: $0, directory: directory) } ?? Self.files(of: source)
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

    /// A starter overlay on `base`, pinned to the base as it loads now.
    static func overlay(extending base: String, directory: String) throws -> [String: [UInt8]] {
        let baseLine: String
        let result: LoadResult
        if let folder = ModelInput.builtInModels[base] {
            baseLine = "{built-in: \(base)}"
            result = ModelLoader(fileSystem: ModelInput.embedded, library: ModelInput.library).load(folder)
        } else {
            guard DiskFileSystem().kind(of: base) != nil else {
                let hint = Identifiers.closest(to: base, in: Array(ModelInput.builtInModels.keys))
                throw CommandFailure.usage(
                    "no model at '\(base)' and none built in by that id" + (hint.map { " (did you mean '\($0)'?)" } ?? "")
                        + "; built in: \(ModelInput.builtInModels.keys.sorted().joined(separator: ", "))")
            }
            baseLine = relativePath(from: directory, to: base)
            result = ModelLoader(fileSystem: DiskFileSystem(), library: ModelInput.library).load(base)
        }
        ModelInput.report(result)
        guard let model = result.model, let pin = result.pin else {
            throw CommandFailure.failed("the base '\(base)' has errors; fix them before extending it (nothing was written)")
        }
        let customers = model.parties.filter { $0.side == .customer }.map(\.id)
        let layers = model.layers.map(\.id)
        let text = """
            # An overlay on \(model.metadata.id) \(model.metadata.version): what this project changes of
            # the base. Everything it does not mention comes from the base as it is.
            # docs/model.md, "Overlays"; check it with: demarc check \(directory)
            demarc: 1
            overlay:
              base: \(baseLine)
              pin: {id: \(pin.id), version: \(pin.version), sha256: \(pin.sha256)}
              # Split a party of the base into several, saying who takes what it had:
              # refine:
              #   - party: \(customers.first ?? "customer")
              #     into: [agency, contractor]
              #     owners: {\(layers.suffix(3).map { "\($0): contractor" }.joined(separator: ", "))}
              #     otherwise: agency
              # Replace fields of base items by id (lists are replaced whole):
              # replace:
              #   offerings:
              #     - id: \(model.offerings.first?.id ?? "offering")
              #       notes: [{ja: …, en: …}]
              # Remove base items by id:
              # remove:
              #   topics: [\(model.topics.first?.id ?? "topic")]

            # This project's own metadata (fields given replace the base's; notes are added).
            model:
              id: \(model.metadata.id)-project
              name: {ja: \(Escape.jsonString(model.metadata.name.ja)), en: \(Escape.jsonString((model.metadata.name.en ?? model.metadata.name.ja) + " (project)"))}   # name the project

            # Parties, offerings, topics and overrides added to the base's:
            # parties:
            #   - id: agency
            #     name: {ja: …, en: The agency}
            #     side: customer
            #     role: agency
            #     colour: "#8a4500"

            """
        return ["overlay.yaml": Array(text.utf8)]
    }

    /// `target` as seen from the folder `directory` (both as the user gave them, resolved against the working directory).
    static func relativePath(from directory: String, to target: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> [Substring] {
            PathName.normalize(path.hasPrefix("/") ? path : PathName.join(cwd, path)).split(separator: "/")
        }
        let from = absolute(directory), to = absolute(target)
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        let up = Array(repeating: "..", count: from.count - common)
        let parts = up + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
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
            // An overlay's base beside it in Models/ becomes the built-in model.
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("  base: ") }),
                let id = ModelInput.builtInModels.first(where: {
                    PathName.normalize(PathName.join(source, String(line.dropFirst("  base: ".count)))) == $0.value
                })?.key
            {
                text = text.replacingOccurrences(of: String(line), with: "  base: {built-in: \(id)}")
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
