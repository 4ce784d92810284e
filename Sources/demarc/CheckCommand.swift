import ArgumentParser
import DemarcModel

/// `demarc check [MODEL]`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a model and print every problem as path:line:col: error|warning: message [rule-id].",
        discussion: "Exit status: 0 when there is no error (warnings allowed), 1 on errors, 2 on usage errors. Rules: docs/model.md."
    )

    @Argument(help: "A model file or folder (default: the embedded default model).")
    var model: String?

    @Flag(name: .long, help: "Print errors only, no warnings.")
    var errorsOnly = false

    func run() throws {
        var (result, description) = try ModelInput.load(model)
        if errorsOnly { result.diagnostics.removeAll { $0.severity == .warning } }
        ModelInput.report(result)
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.count - errors
        if let model = result.model {
            let entries = model.catalogue.entries.count
            printOut("ok: \(description): \(model.metadata.id) \(model.metadata.version) as of \(model.metadata.asOf) — \(model.parties.count) parties, \(model.layers.count) layers, \(model.offerings.count) offerings, \(model.topics.count) topics, \(entries) entries; \(warnings) warning\(warnings == 1 ? "" : "s")")
        } else {
            printError("\(description): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            throw CommandFailure.failed()
        }
    }
}
