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
        var unread = 0
        var partial = readFiles(files, budget: &budget, unread: &unread, diagnostics: &diagnostics)
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
                partial.merge(readFiles(catalogueFiles, budget: &budget, unread: &unread, diagnostics: &diagnostics))
            }
        }

        // A file that could not be read makes cross-file checks noise (all it
        // defines looks missing): report the files' own problems only.
        if unread > 0 {
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

    /// Reads and decodes `files`; counts in `unread` those that could not be
    /// read at all (too large, not text, not YAML, not a mapping).
    private func readFiles(_ files: [String], budget: inout Int, unread: inout Int, diagnostics: inout [Diagnostic]) -> PartialModel {
        var partial = PartialModel()
        for file in files {
            if let decoded = readFile(file, budget: &budget, diagnostics: &diagnostics) {
                partial.merge(decoded)
            } else {
                unread += 1
            }
        }
        return partial
    }

    /// One file's sections, or nil (after reporting why) when it cannot be read.
    private func readFile(_ file: String, budget: inout Int, diagnostics: inout [Diagnostic]) -> PartialModel? {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if let size = fileSystem.size(of: file) {
            if size > ModelLimits.fileBytes {
                diagnostics.append(Diagnostic(.error, "file-too-large", at: start,
                                              "the file has \(size) bytes; a model file has at most \(ModelLimits.fileBytes)",
                                              suggestion: "split it into several files in a folder"))
                return nil
            }
            if size > budget {
                diagnostics.append(Diagnostic(.error, "model-too-large", at: start,
                                              "the model exceeds \(ModelLimits.totalBytes) bytes in total with this file"))
                budget = 0
                return nil
            }
        }
        guard let bytes = try? fileSystem.read(file) else {
            diagnostics.append(Diagnostic(.error, "file-unreadable", at: start, "cannot read the file"))
            return nil
        }
        if bytes.count > ModelLimits.fileBytes || bytes.count > budget {
            diagnostics.append(Diagnostic(.error, bytes.count > ModelLimits.fileBytes ? "file-too-large" : "model-too-large", at: start,
                                          "the file is too large (\(bytes.count) bytes)"))
            return nil
        }
        budget -= bytes.count
        let before = diagnostics.count
        let document = YAMLDocument.parse(file: file, bytes: bytes, diagnostics: &diagnostics)
        guard let root = document.root else {
            // No root and no problem: an empty file (comments only), which reads as nothing.
            return diagnostics.count == before ? PartialModel() : nil
        }
        var decoder = SectionDecoder(file: file)
        let isMapping = decoder.decode(root)
        diagnostics += decoder.reader.diagnostics
        return isMapping ? decoder.partial : nil
    }
}
