import ArgumentParser
import DemarcModel

/// `demarc schema`
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a model file (for editors with a YAML language server).",
        discussion: "Save it and point your editor at it, e.g. with a first line '# yaml-language-server: $schema=demarc.schema.json'."
    )

    func run() throws {
        printOut(ModelSchema.json)
    }
}
