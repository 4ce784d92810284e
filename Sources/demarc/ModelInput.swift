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

    /// Loads `path`, or the default model when nil. A path that does not
    /// exist is a usage error (exit 2).
    static func load(_ path: String?) -> (LoadResult, description: String) {
        guard let path else {
            return (ModelLoader(fileSystem: embedded).load(defaultModelPath), "the default model (embedded)")
        }
        let disk = DiskFileSystem()
        if disk.kind(of: path) == nil {
            UsageError(description: "no model file or folder at '\(path)'").exit()
        }
        return (ModelLoader(fileSystem: disk).load(path), "'\(path)'")
    }

    /// Prints diagnostics to stderr; returns false when there are errors.
    static func report(_ result: LoadResult) -> Bool {
        for diagnostic in result.diagnostics { printError(diagnostic.description) }
        return !result.diagnostics.hasErrors
    }
}

extension ModelInput {
    /// Loads and derives, printing diagnostics; exits 1 when the model has errors.
    static func derived(_ path: String?) throws -> (Model, Derivation) {
        let (result, _) = load(path)
        guard report(result), let model = result.model, let derivation = Derivation(model: model) else {
            throw ExitCode(1)
        }
        return (model, derivation)
    }

    /// The offerings an `--offering ID` names (all when nil); an unknown id is a usage error.
    static func offerings(_ id: String?, in model: Model) -> [Offering] {
        guard let id else { return model.offerings }
        guard let found = model.offering(id) else {
            let hint = Identifiers.closest(to: id, in: model.offerings.map(\.id))
            UsageError(description: "unknown offering '\(id)'" + (hint.map { " (did you mean '\($0)'?)" } ?? "")
                       + "; offerings: \(model.offerings.map(\.id).joined(separator: ", "))").exit()
        }
        return [found]
    }
}
