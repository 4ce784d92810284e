import ArgumentParser
import DemarcModel
import DemarcResources

/// Where the model comes from: a path the user names, or the default model
/// compiled into the binary.
enum ModelInput {
    /// The embedded default model's folder.
    static let defaultModelPath = "Models/iij-gio-p2"

    static var embedded: MemoryFileSystem {
        MemoryFileSystem(files: Resources.files(under: "Models"))
    }

    /// The models built into the binary, by id, for `base: {built-in: ID}`
    /// and `demarc init --extends ID` (a test checks each id is its model's).
    static let builtInModels = [
        "iij-gio-p2": "Models/iij-gio-p2",
        "iij-gio-p2-agency-contractor": "Models/examples/agency-contractor",
    ]

    static var library: ModelLibrary { ModelLibrary(fileSystem: embedded, models: builtInModels) }

    /// Loads `path`, or the default model when nil. A path that does not
    /// exist is a usage error.
    /// `refusesChangedBase` false: a pin that no longer matches is a warning (`demarc diff`).
    static func load(_ path: String?, base: String? = nil, refusesChangedBase: Bool = true) throws -> (LoadResult, description: String) {
        guard let path else {
            return (ModelLoader(fileSystem: embedded, library: library).load(defaultModelPath), "the default model (embedded)")
        }
        let disk = DiskFileSystem()
        if disk.kind(of: path) == nil { throw CommandFailure.usage("no model file or folder at '\(path)'") }
        if let base, disk.kind(of: base) == nil { throw CommandFailure.usage("no model file or folder at '\(base)' (--base)") }
        return (
            ModelLoader(fileSystem: disk, library: library, baseOverride: base, refusesChangedBase: refusesChangedBase).load(path), "'\(path)'"
        )
    }

    /// Prints diagnostics to stderr.
    static func report(_ result: LoadResult) {
        for diagnostic in result.diagnostics { printError(diagnostic.description) }
    }

    /// Loads and derives, printing diagnostics; fails (status 1) when the model has errors.
    static func derived(_ path: String?, base: String? = nil, refusesChangedBase: Bool = true) throws -> Derivation {
        let (result, _) = try load(path, base: base, refusesChangedBase: refusesChangedBase)
        report(result)
        guard let model = result.model, let derivation = Derivation(model: model) else { throw CommandFailure.failed() }
        return derivation
    }

    /// The offerings an `--offering ID` names (all when nil); an unknown id is a usage error.
    static func offerings(_ id: String?, in model: Model) throws -> [Offering] {
        guard let id else { return model.offerings }
        guard let found = model.offering(id) else {
            let hint = Identifiers.closest(to: id, in: model.offerings.map(\.id))
            throw CommandFailure.usage(
                "unknown offering '\(id)'" + (hint.map { " (did you mean '\($0)'?)" } ?? "")
                    + "; offerings: \(model.offerings.map(\.id).joined(separator: ", "))")
        }
        return [found]
    }
}

/// How every command names its model: the last positional argument, or
/// `--model PATH`; neither means the embedded default model.
struct ModelOption: ParsableArguments {
    @Option(name: .long, help: "A model file or folder, as the last argument can also give it.")
    var model: String?

    /// The model path from the positional argument or `--model` (not both).
    func path(positional: String?) throws -> String? {
        if let positional, let model, positional != model {
            throw ValidationError("the model is named twice ('\(positional)' and --model '\(model)'); give one")
        }
        return positional ?? model
    }
}
