import Yams

/// The result of loading a model: the model when it has no errors, and every
/// diagnostic found (errors and warnings), sorted for output.
public struct LoadResult: Sendable {
    public var model: Model?
    public var diagnostics: [Diagnostic]
    /// The files read, in order.
    public var files: [String]
    /// What an overlay on this model pins: its id, version and content hash.
    public var pin: ModelPin? = nil
    /// SHA-256 over every file read (bases and requirements included), each
    /// with its path: the same digest, the same model (a rebuild's shortcut).
    public var inputDigest: String = ""
}

/// The id, version and content hash of a model, as an overlay's pin names them.
public struct ModelPin: Sendable, Equatable {
    public var id: String
    public var version: String
    public var sha256: String
}

/// Models built into the binary, by id, for overlays that name one as their
/// base (`base: {built-in: ID}`).
public struct ModelLibrary: Sendable {
    public let fileSystem: any ModelFileSystem
    /// Id → the model's folder in `fileSystem`.
    public let models: [String: String]

    public init(fileSystem: any ModelFileSystem, models: [String: String]) {
        self.fileSystem = fileSystem
        self.models = models
    }
}

/// Loads a model from a file or a folder, collecting every problem.
public struct ModelLoader: Sendable {
    public let fileSystem: any ModelFileSystem
    public let library: ModelLibrary?
    /// In place of the base the overlay names (a path in `fileSystem`), its
    /// pin not checked: what a new base would move onto the overlay
    /// (`demarc diff OVERLAY --base NEW`). Only the loaded overlay's own base.
    public var baseOverride: String?
    /// False: a pin that no longer matches its base is a warning, not an
    /// error (`demarc diff` shows what moving the pin would change).
    public var refusesChangedBase = true

    public init(
        fileSystem: any ModelFileSystem = DiskFileSystem(), library: ModelLibrary? = nil, baseOverride: String? = nil,
        refusesChangedBase: Bool = true
    ) {
        self.fileSystem = fileSystem
        self.library = library
        self.baseOverride = baseOverride
        self.refusesChangedBase = refusesChangedBase
    }

    /// How deep overlays may stand on overlays.
    static let chainDepth = 8

    /// What a load carries from file to file: every file read (a node's mark
    /// names its file by index), the problems, the bytes left in the budget.
    struct Load {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var budget = ModelLimits.totalBytes
        var unread = 0
        /// Every file's path and bytes, in the order read.
        var inputs = ContentHash()
    }

    /// One model's documents with its base's folded in, and what names it.
    struct Level {
        var documents: [ModelDocument]
        var id: String?
        var version: String?
        /// Over its files' bytes and its base's hash.
        var sha256: String
        /// For an overlay: its base's id, version and hash.
        var base: ModelPin? = nil
    }

    /// Loads the model at `path` (a `.yaml` file or a folder of them).
    public func load(_ path: String) -> LoadResult {
        var load = Load()
        guard fileSystem.stat(path) != nil else {
            load.diagnostics.append(
                Diagnostic(
                    .error, .fileUnreadable, at: SourceLocation(file: path, line: 1, column: 1),
                    "no model file or folder at this path"))
            return LoadResult(model: nil, diagnostics: load.diagnostics, files: [])
        }
        var level = readLevel(path, in: fileSystem, chain: [], load: &load)
        if let requirements = level.documents.first(where: { $0["requirements"] != nil }) {
            var reader = NodeReader(file: requirements.file, files: load.files)
            RequirementsPass.apply(to: &level.documents, reader: &reader)
            load.diagnostics += reader.diagnostics
        }
        var partial = PartialModel()
        let languages = SectionDecoder.declaredLanguages(level.documents.map(\.root))
        for document in level.documents {
            var decoder = SectionDecoder(file: document.file, files: load.files, languages: languages)
            if decoder.decode(document.root) { partial.merge(decoder.partial) } else { load.unread += 1 }
            load.diagnostics += decoder.reader.diagnostics
        }
        // A file that could not be read makes cross-file checks noise (all it
        // defines looks missing): report the files' own problems only.
        if load.unread > 0 {
            return finished(nil, load.diagnostics, load.files, path: path)
        }
        if partial.isEmpty, !load.diagnostics.hasErrors {
            load.diagnostics.append(
                Diagnostic(
                    .error, .modelEmpty, at: SourceLocation(file: load.files.first ?? path, line: 1, column: 1),
                    load.files.isEmpty ? "the folder holds no .yaml or .yml file" : "the model is empty",
                    suggestion: "start from 'demarc init DIR'"))
            return finished(nil, load.diagnostics, load.files, path: path)
        }
        var validator = Validator(partial: partial, files: load.files)
        let model = validator.validate()
        load.diagnostics += validator.diagnostics
        var result = finished(load.diagnostics.hasErrors ? nil : model, load.diagnostics, load.files, path: path)
        if let id = level.id, let version = level.version { result.pin = ModelPin(id: id, version: version, sha256: level.sha256) }
        result.model?.metadata.base = level.base
        result.inputDigest = load.inputs.finish()
        return result
    }

    /// The documents of the model at `path` — its files, its catalogue, and,
    /// for an overlay, its base's documents changed as it says.
    private func readLevel(_ path: String, in fileSystem: any ModelFileSystem, chain: [String], load: inout Load) -> Level {
        var hasher = ContentHash()
        let isFolder = fileSystem.kind(of: path) == true
        var documents = readDocuments(listing(path, isFolder: isFolder, in: fileSystem, load: &load), in: fileSystem, hasher: &hasher, load: &load)

        // A catalogue kept in its own folder, named by `model.catalogue`.
        if let model = documents.first(where: { $0["model"]?.mapping?["catalogue"] != nil }),
            let node = model["model"]?.mapping?["catalogue"], let relative = OverlaySpec.string(node)
        {
            let at = NodeReader(file: model.file, files: load.files).location(node)
            let target = PathName.normalize(PathName.join(PathName.directory(of: model.file), relative))
            switch fileSystem.kind(of: target) {
            case nil:
                load.diagnostics.append(
                    Diagnostic(
                        .error, .catalogueMissing, at: at,
                        "the catalogue '\(relative)' is not there (looked for \(target))",
                        suggestion: "give the path of the catalogue's file or folder, relative to this file"))
            case let folder?:
                let files = listing(target, isFolder: folder, in: fileSystem, load: &load)
                    .filter { file in !load.files.contains { PathName.normalize($0) == PathName.normalize(file) } }
                let before = load.diagnostics.count
                let read = readDocuments(files, in: fileSystem, hasher: &hasher, load: &load)
                if !read.contains(where: { $0["catalogue"] != nil }), !documents.contains(where: { $0["catalogue"] != nil }),
                    load.diagnostics.count == before
                {
                    load.diagnostics.append(
                        Diagnostic(
                            .error, .catalogueMissing, at: at,
                            files.isEmpty
                                ? "the catalogue '\(relative)' holds no .yaml or .yml file (looked in \(target))"
                                : "the catalogue '\(relative)' has no 'catalogue:' section (looked in \(target))",
                            suggestion: "point 'model.catalogue' at the folder or file that holds the 'catalogue:' section"))
                }
                documents += read
            }
        }

        let overlays = documents.indices.filter { documents[$0]["overlay"] != nil }
        guard let index = overlays.first else {
            return Level(documents: documents, id: Self.metadata(documents, "id"), version: Self.metadata(documents, "version"), sha256: hasher.finish())
        }
        var reader = NodeReader(file: documents[index].file, files: load.files)
        defer { load.diagnostics += reader.diagnostics }
        for other in overlays.dropFirst() {
            reader.error(
                .duplicateSection, documents[other]["overlay"], "a second 'overlay:' section (an overlay has one base)",
                suggestion: "keep the overlay section in one file")
        }
        let overlayNode = documents[index]["overlay"]!
        for i in overlays { documents[i]["overlay"] = nil }
        // Without its base, the overlay's own sections are fragments: report its problems only.
        func baseless() -> Level {
            load.unread += 1
            return Level(documents: [], sha256: hasher.finish())
        }
        guard let spec = OverlaySpec.decode(overlayNode, reader: &reader) else { return baseless() }

        // The base: a path relative to the overlay's file, or a built-in model.
        var baseFileSystem: any ModelFileSystem
        var basePath: String
        switch spec.base {
        case .path(let relative):
            baseFileSystem = fileSystem
            basePath = PathName.normalize(PathName.join(PathName.directory(of: documents[index].file), relative))
        case .builtIn(let id):
            guard let library, let folder = library.models[id] else {
                let known = library?.models.keys.sorted() ?? []
                reader.error(
                    .baseMissing, spec.baseNode, "no model '\(id)' is built into demarc",
                    suggestion: Identifiers.closest(to: id, in: known).map { "did you mean '\($0)'?" } ?? "built in: \(known.joined(separator: ", "))")
                return baseless()
            }
            baseFileSystem = library.fileSystem
            basePath = folder
        }
        let overridden = chain.isEmpty ? baseOverride : nil
        if let overridden {
            baseFileSystem = fileSystem
            basePath = PathName.normalize(overridden)
        }
        let here = PathName.normalize(path)
        if chain.contains(basePath) || basePath == here {
            reader.error(
                .baseMissing, spec.baseNode,
                "the overlay's base is the overlay itself, or builds on it (a loop: \((chain + [here, basePath]).joined(separator: " → ")))")
            return baseless()
        }
        if chain.count >= Self.chainDepth {
            reader.error(.baseMissing, spec.baseNode, "overlays stand more than \(Self.chainDepth) deep here")
            return baseless()
        }
        guard baseFileSystem.stat(basePath) != nil else {
            reader.error(
                .baseMissing, spec.baseNode, "the base '\(basePath)' is not there",
                suggestion: "give the base's folder or file relative to this file, or {built-in: ID}")
            return baseless()
        }
        // The agency's requirements, in a file of their own.
        if let relative = spec.requirementsPath {
            let target = PathName.normalize(PathName.join(PathName.directory(of: documents[index].file), relative))
            if fileSystem.kind(of: target) == nil {
                reader.error(.fileUnreadable, overlayNode.mapping?["requirements"], "the requirements '\(relative)' are not there (looked for \(target))")
                return baseless()
            }
            if !load.files.contains(where: { PathName.normalize($0) == target }) {
                documents += readDocuments(
                    listing(target, isFolder: fileSystem.kind(of: target) == true, in: fileSystem, load: &load), in: fileSystem, hasher: &hasher, load: &load)
            }
        }
        let base = readLevel(basePath, in: baseFileSystem, chain: chain + [here], load: &load)
        if overridden == nil { checkPin(spec, base: base, reader: &reader) }

        var baseDocuments = base.documents
        let declared = Set(
            (documents + baseDocuments).flatMap { $0["parties"]?.sequence ?? [] }.compactMap { OverlaySpec.string($0.mapping?["id"]) })
        spec.apply(to: &baseDocuments, declared: declared, reader: &reader)
        // The overlay's own `model:` fields replace the base's.
        for i in documents.indices {
            guard let patch = documents[i]["model"]?.mapping,
                let target = baseDocuments.indices.first(where: { baseDocuments[$0]["model"] != nil }),
                var model = baseDocuments[target]["model"]?.mapping
            else { continue }
            for (key, value) in patch {
                // Notes are added to the base's, never dropped; the other fields replace.
                if OverlaySpec.string(key) == "notes", let old = model["notes"]?.sequence, let new = value.sequence {
                    model[key] = .sequence(Node.Sequence(Array(old) + Array(new), new.tag, new.style, new.mark))
                } else {
                    model[key] = value
                }
            }
            baseDocuments[target]["model"] = .mapping(model)
            documents[i]["model"] = nil
        }
        hasher.add(Array(base.sha256.utf8))
        let all = baseDocuments + documents
        return Level(
            documents: all, id: Self.metadata(all, "id"), version: Self.metadata(all, "version"), sha256: hasher.finish(),
            base: ModelPin(id: base.id ?? "?", version: base.version ?? "?", sha256: base.sha256))
    }

    /// The pin against the base found: refused when it differs, a warning with the values when there is none.
    private func checkPin(_ spec: OverlaySpec, base: Level, reader: inout NodeReader) {
        let values = "id: \(base.id ?? "?"), version: \(base.version ?? "?"), sha256: \(base.sha256)"
        guard let pin = spec.pin else {
            reader.warning(
                .baseUnpinned, spec.baseNode, "the overlay does not pin its base, so a changed base would pass unnoticed",
                suggestion: "add under 'overlay:' pin: {\(values)}")
            return
        }
        var differences: [String] = []
        if let id = pin.id, id != base.id { differences.append("id \(base.id ?? "none") (pinned \(id))") }
        if let version = pin.version, version != base.version { differences.append("version \(base.version ?? "none") (pinned \(version))") }
        if let hash = pin.sha256, hash != base.sha256 { differences.append("content \(base.sha256.prefix(12))… (pinned \(hash.prefix(12))…)") }
        if !differences.isEmpty {
            let message = "the base is not the one this overlay was written against: \(differences.joined(separator: ", "))"
            if refusesChangedBase {
                reader.error(
                    .baseChanged, spec.pinNode, message, suggestion: "review what the new base changes, then move the pin to {\(values)}",
                    fix: Fix(replacement: "{\(values)}"))
            } else {
                reader.warning(.baseChanged, spec.pinNode, message, suggestion: "after review, move the pin to {\(values)}")
            }
        }
    }

    /// A field of the model metadata, as written.
    private static func metadata(_ documents: [ModelDocument], _ key: String) -> String? {
        for document in documents {
            if let value = OverlaySpec.string(document["model"]?.mapping?[key]) { return value }
        }
        return nil
    }

    /// What one file earns on its own — its YAML, its keys and the form of its
    /// values — before it is merged into a model: what the JSON Schema can know
    /// of a file, and what an editor shows for the file it has open. The
    /// checks across files (references, duplicates, the derivation's rules)
    /// are `load`'s.
    public func checkFile(_ file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var budget = ModelLimits.totalBytes
        if let bytes = readFile(file, in: fileSystem, budget: &budget, diagnostics: &diagnostics),
            let root = YAMLDocument.parse(file: file, bytes: bytes, diagnostics: &diagnostics).root
        {
            var decoder = SectionDecoder(file: file, languages: SectionDecoder.declaredLanguages([root]))
            decoder.decode(root)
            diagnostics += decoder.reader.diagnostics
        }
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
    private func listing(_ path: String, isFolder: Bool, in fileSystem: any ModelFileSystem, load: inout Load) -> [String] {
        guard isFolder else { return [path] }
        let listing = fileSystem.modelFiles(under: path)
        // The catalogue's folder may lie inside the model's: say a loop once.
        load.diagnostics += listing.diagnostics.filter { !load.diagnostics.contains($0) }
        return listing.diagnostics.hasErrors ? [] : listing.files
    }

    /// Reads and parses `files`, each tagged with its index in `load.files`;
    /// counts in `unread` those that could not be read at all.
    private func readDocuments(_ files: [String], in fileSystem: any ModelFileSystem, hasher: inout ContentHash, load: inout Load) -> [ModelDocument] {
        var documents: [ModelDocument] = []
        for file in files {
            let index = load.files.count
            load.files.append(file)
            guard let bytes = readFile(file, in: fileSystem, budget: &load.budget, diagnostics: &load.diagnostics) else {
                load.unread += 1
                continue
            }
            hasher.add(bytes)
            load.inputs.add(Array(file.utf8))
            load.inputs.add(bytes)
            let before = load.diagnostics.count
            let document = YAMLDocument.parse(file: file, bytes: bytes, diagnostics: &load.diagnostics)
            if let root = document.root {
                documents.append(ModelDocument(file: file, root: FileMarks.tag(root, file: index)))
            } else if load.diagnostics.count != before {
                load.unread += 1
            }
            // No root and no problem: an empty file (comments only), which reads as nothing.
        }
        return documents
    }

    /// One file's bytes, or nil (after reporting why) when it cannot be read.
    private func readFile(_ file: String, in fileSystem: any ModelFileSystem, budget: inout Int, diagnostics: inout [Diagnostic]) -> [UInt8]? {
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
        return bytes
    }
}
