import Foundation
import PackagePlugin

/// Compiles the package's `Models/` and `Templates/` folders into Swift source,
/// so the `demarc` binary carries its default model and templates and works
/// from any working directory, alone, after `install`.
///
/// SwiftPM's own resources live in a bundle folder beside the binary (a moved
/// binary crashes in `Bundle.module`) and `.embedInCode` refuses folders, hence
/// this plugin. Every file below the two folders is an input, so editing a
/// model or a template rebuilds the binary.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let folders = ["Models", "Templates"]
        var inputs: [URL] = []
        let fm = FileManager.default
        for folder in folders {
            let dir = root.appendingPathComponent(folder)
            guard let walker = fm.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker {
                let values = try url.resourceValues(forKeys: [.isRegularFileKey])
                if values.isRegularFile == true, !url.lastPathComponent.hasPrefix(".") {
                    inputs.append(url)
                }
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles.swift")
        let tool = try context.tool(named: "demarc-embed")
        return [
            .buildCommand(
                displayName: "Embedding Models/ and Templates/ (\(inputs.count) files)",
                executable: tool.url,
                arguments: [root.path, output.path] + folders,
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
