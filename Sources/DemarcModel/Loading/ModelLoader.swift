/// The result of loading a model: the model when it has no errors, and every
/// diagnostic found (errors and warnings), sorted for output.
public struct LoadResult: Sendable {
    public var model: Model?
    public var diagnostics: [Diagnostic]
    /// The files read, in order.
    public var files: [String]
}

/// Loads a model from a file or a folder, collecting every problem.
public struct ModelLoader: Sendable {
    public let fileSystem: any ModelFileSystem

    public init(fileSystem: any ModelFileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// Loads the model at `path` (a `.yaml` file or a folder of them).
    public func load(_ path: String) -> LoadResult {
        var diagnostics: [Diagnostic] = []
        var budget = ModelLimits.totalBytes
        guard let isFolder = fileSystem.kind(of: path) else {
            diagnostics.append(Diagnostic(.error, "file-unreadable", at: SourceLocation(file: path, line: 1, column: 1),
                                          "no model file or folder at this path"))
            return LoadResult(model: nil, diagnostics: diagnostics, files: [])
        }
        let files = isFolder ? fileSystem.modelFiles(under: path) : [path]
        var partial = readFiles(files, budget: &budget, diagnostics: &diagnostics)
        var allFiles = files

        // A catalogue kept in its own folder, named by `model.catalogue`.
        if let metadata = partial.metadata.first, let relative = metadata.cataloguePath {
            let target = PathName.normalize(PathName.join(PathName.directory(of: metadata.location.file), relative))
            switch fileSystem.kind(of: target) {
            case nil:
                diagnostics.append(Diagnostic(.error, "catalogue-missing", at: metadata.catalogueLocation ?? metadata.location,
                                              "the catalogue '\(relative)' is not there (looked for \(target))",
                                              suggestion: "give the path of the catalogue's file or folder, relative to this file"))
            case let folder?:
                let catalogueFiles = (folder ? fileSystem.modelFiles(under: target) : [target])
                    .filter { file in !allFiles.contains { PathName.normalize($0) == PathName.normalize(file) } }
                allFiles += catalogueFiles
                partial.merge(readFiles(catalogueFiles, budget: &budget, diagnostics: &diagnostics))
            }
        }

        // A file that could not be read makes cross-file checks noise (all it
        // defines looks missing): report the files' own problems only.
        if Self.someFileUnread(diagnostics) {
            return LoadResult(model: nil, diagnostics: diagnostics.sortedForOutput(), files: allFiles)
        }
        if partial.isEmpty, !diagnostics.hasErrors {
            diagnostics.append(Diagnostic(.error, "model-empty", at: SourceLocation(file: files.first ?? path, line: 1, column: 1),
                                          files.isEmpty ? "the folder holds no .yaml or .yml file" : "the model is empty",
                                          suggestion: "start from 'demarc init DIR'"))
            return LoadResult(model: nil, diagnostics: diagnostics.sortedForOutput(), files: allFiles)
        }
        var validator = Validator(partial: partial)
        let model = validator.validate()
        diagnostics += validator.diagnostics
        diagnostics = diagnostics.sortedForOutput()
        return LoadResult(model: diagnostics.hasErrors ? nil : model, diagnostics: diagnostics, files: allFiles)
    }

    /// Rules that stop a file from being read at all.
    static let fileLevelRules: Set<String> = ["yaml-syntax", "yaml-duplicate-key", "yaml-alias", "yaml-too-deep", "file-not-utf8",
                                              "file-binary", "file-too-large", "model-too-large", "file-unreadable"]

    /// Whether some file was not read at all: a file-level error, or a file that is not a mapping.
    static func someFileUnread(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.contains { $0.severity == .error && fileLevelRules.contains($0.rule) }
            || diagnostics.contains { $0.rule == "wrong-type" && $0.message.hasPrefix("a model file must be a mapping") }
    }

    private func readFiles(_ files: [String], budget: inout Int, diagnostics: inout [Diagnostic]) -> PartialModel {
        var partial = PartialModel()
        for file in files {
            let start = SourceLocation(file: file, line: 1, column: 1)
            if let size = fileSystem.size(of: file) {
                if size > ModelLimits.fileBytes {
                    diagnostics.append(Diagnostic(.error, "file-too-large", at: start,
                                                  "the file has \(size) bytes; a model file has at most \(ModelLimits.fileBytes)",
                                                  suggestion: "split it into several files in a folder"))
                    continue
                }
                if size > budget {
                    diagnostics.append(Diagnostic(.error, "model-too-large", at: start,
                                                  "the model exceeds \(ModelLimits.totalBytes) bytes in total with this file"))
                    budget = 0
                    continue
                }
            }
            let bytes: [UInt8]
            do {
                bytes = try fileSystem.read(file)
            } catch {
                diagnostics.append(Diagnostic(.error, "file-unreadable", at: start, "cannot read the file"))
                continue
            }
            if bytes.count > ModelLimits.fileBytes || bytes.count > budget {
                diagnostics.append(Diagnostic(.error, bytes.count > ModelLimits.fileBytes ? "file-too-large" : "model-too-large", at: start,
                                              "the file is too large (\(bytes.count) bytes)"))
                continue
            }
            budget -= bytes.count
            let document = YAMLDocument.parse(file: file, bytes: bytes, diagnostics: &diagnostics)
            guard let root = document.root else { continue }
            var decoder = SectionDecoder(file: file)
            decoder.decode(root)
            diagnostics += decoder.reader.diagnostics
            partial.merge(decoder.partial)
        }
        return partial
    }
}
