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
