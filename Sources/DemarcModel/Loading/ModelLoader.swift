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
        guard let kind = fileSystem.stat(path) else {
            diagnostics.append(
                Diagnostic(
                    .error, .fileUnreadable, at: SourceLocation(file: path, line: 1, column: 1),
                    "no model file or folder at this path"))
            return LoadResult(model: nil, diagnostics: diagnostics, files: [])
        }
        let isFolder = kind == .folder
        let files = listing(path, isFolder: isFolder, diagnostics: &diagnostics)
        var unread = 0
        var partial = readFiles(files, budget: &budget, unread: &unread, diagnostics: &diagnostics)
        var allFiles = files

        // A catalogue kept in its own folder, named by `model.catalogue`.
        if let metadata = partial.metadata.first, let relative = metadata.cataloguePath {
            let target = PathName.normalize(PathName.join(PathName.directory(of: metadata.location.file), relative))
            let at = metadata.catalogueLocation ?? metadata.location
            switch fileSystem.kind(of: target) {
            case nil:
                diagnostics.append(
                    Diagnostic(
                        .error, .catalogueMissing, at: at,
                        "the catalogue '\(relative)' is not there (looked for \(target))",
                        suggestion: "give the path of the catalogue's file or folder, relative to this file"))
            case let folder?:
                let catalogueFiles = listing(target, isFolder: folder, diagnostics: &diagnostics)
                    .filter { file in !allFiles.contains { PathName.normalize($0) == PathName.normalize(file) } }
                allFiles += catalogueFiles
                let before = diagnostics.count
                let read = readFiles(catalogueFiles, budget: &budget, unread: &unread, diagnostics: &diagnostics)
                if read.catalogues.isEmpty, partial.catalogues.isEmpty, diagnostics.count == before {
                    diagnostics.append(
                        Diagnostic(
                            .error, .catalogueMissing, at: at,
                            catalogueFiles.isEmpty
                                ? "the catalogue '\(relative)' holds no .yaml or .yml file (looked in \(target))"
                                : "the catalogue '\(relative)' has no 'catalogue:' section (looked in \(target))",
                            suggestion: "point 'model.catalogue' at the folder or file that holds the 'catalogue:' section"))
                }
                partial.merge(read)
            }
        }

        // A file that could not be read makes cross-file checks noise (all it
        // defines looks missing): report the files' own problems only.
        if unread > 0 {
            return finished(nil, diagnostics, allFiles, path: path)
        }
        if partial.isEmpty, !diagnostics.hasErrors {
            diagnostics.append(
                Diagnostic(
                    .error, .modelEmpty, at: SourceLocation(file: files.first ?? path, line: 1, column: 1),
                    files.isEmpty ? "the folder holds no .yaml or .yml file" : "the model is empty",
                    suggestion: "start from 'demarc init DIR'"))
            return finished(nil, diagnostics, allFiles, path: path)
        }
        var validator = Validator(partial: partial, files: allFiles)
        let model = validator.validate()
        diagnostics += validator.diagnostics
        return finished(diagnostics.hasErrors ? nil : model, diagnostics, allFiles, path: path)
    }

    /// What one file earns on its own — its YAML, its keys and the form of its
    /// values — before it is merged into a model: what the JSON Schema can know
    /// of a file, and what an editor shows for the file it has open. The
    /// checks across files (references, duplicates, the derivation's rules)
    /// are `load`'s.
    public func checkFile(_ file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var budget = ModelLimits.totalBytes
        _ = readFile(file, budget: &budget, diagnostics: &diagnostics)
        return diagnostics.sortedForOutput()
    }

    /// The result, sorted; a model refused without an error says so — never a
    /// failure without a diagnostic.
    private func finished(_ model: Model?, _ diagnostics: [Diagnostic], _ files: [String], path: String) -> LoadResult {
        var diagnostics = diagnostics
        if model == nil, !diagnostics.hasErrors {
            diagnostics.append(
                Diagnostic(
                    .error, .modelIncomplete, at: SourceLocation(file: files.first ?? path, line: 1, column: 1),
                    "the model could not be completed, and no rule said why (a bug in Demarc)",
                    suggestion: "report it with the model attached"))
        }
        return LoadResult(model: model, diagnostics: diagnostics.sortedForOutput(), files: files)
    }

    /// The model files of a folder (with the walk's problems), or the file itself.
    private func listing(_ path: String, isFolder: Bool, diagnostics: inout [Diagnostic]) -> [String] {
        guard isFolder else { return [path] }
        let listing = fileSystem.modelFiles(under: path)
        // The catalogue's folder may lie inside the model's: say a loop once.
        diagnostics += listing.diagnostics.filter { !diagnostics.contains($0) }
        return listing.diagnostics.hasErrors ? [] : listing.files
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
        func tooLarge(_ size: Int) {
            if size > ModelLimits.fileBytes {
                diagnostics.append(
                    Diagnostic(
                        .error, .fileTooLarge, at: start,
                        "the file has \(size > ModelLimits.fileBytes + 1 ? "\(size)" : "more than \(ModelLimits.fileBytes)") bytes; a model file has at most \(ModelLimits.fileBytes)",
                        suggestion: "split it into several files in a folder"))
            } else {
                diagnostics.append(
                    Diagnostic(
                        .error, .modelTooLarge, at: start,
                        "the model exceeds \(ModelLimits.totalBytes) bytes in total with this file"))
            }
        }
        switch fileSystem.stat(file) {
        case nil:
            diagnostics.append(Diagnostic(.error, .fileUnreadable, at: start, "the file is not there (a dangling link?)"))
            return nil
        case .folder?:
            diagnostics.append(Diagnostic(.error, .fileNotRegular, at: start, "this is a folder, not a model file"))
            return nil
        case .special(let what)?:
            diagnostics.append(
                Diagnostic(
                    .error, .fileNotRegular, at: start, "this is \(what), not a regular file; it was not opened",
                    suggestion: "a model file is an ordinary .yaml text file"))
            return nil
        case .regular(let size)?:
            // Checked before a byte is read.
            if size > ModelLimits.fileBytes || size > budget {
                tooLarge(size)
                return nil
            }
        }
        let limit = min(ModelLimits.fileBytes, budget)
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.read(file, limit: limit)
        } catch FileReadError.notRegular(let what) {
            diagnostics.append(Diagnostic(.error, .fileNotRegular, at: start, "this is \(what), not a regular file"))
            return nil
        } catch FileReadError.system(let reason) {
            diagnostics.append(
                Diagnostic(
                    .error, .fileUnreadable, at: start, "cannot read the file: \(reason)",
                    suggestion: "check its permissions"))
            return nil
        } catch {
            diagnostics.append(Diagnostic(.error, .fileUnreadable, at: start, "cannot read the file"))
            return nil
        }
        if bytes.count > limit {
            // It grew after it was measured: still bounded.
            tooLarge(bytes.count)
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
