import ArgumentParser
import DemarcModel

/// `demarc schema`
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a model file (for editors with a YAML language server), or the field reference.",
        discussion: """
            Save the schema and point your editor at it, e.g. with a first line '# yaml-language-server: $schema=demarc.schema.json'. \
            Both come from the table the loader reads, so they say what 'demarc check' accepts.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown
    }

    @Option(help: "json: the JSON Schema (draft 2020-12); markdown: the field reference of docs/model.md.")
    var format: Format = .json

    func run() throws {
        switch format {
        case .json: printOut(ModelSchema.json, terminator: "")
        case .markdown: printOut(FieldReference.markdown, terminator: "")
        }
    }
}
