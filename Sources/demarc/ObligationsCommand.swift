import ArgumentParser
import DemarcModel
import DemarcViews

/// `demarc obligations [--offering ID] [--lang ja|en]`
struct ObligationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obligations",
        abstract:
            "List, per offering and customer-side party, its duties, what the agency must write into the specification or contract, and what to ask the provider."
    )

    @Option(name: .long, help: "Only this offering (id).")
    var offering: String?

    @Option(name: .long, help: "The language: ja or en (default: the model's first language, ja unless model.languages says otherwise).")
    var lang: Language?

    @Flag(name: .long, help: "Show ids beside names (parties, offerings, topics, layers).")
    var ids = false

    @Option(name: .long, help: "text (default): the duties, demands, commitments and questions; table: the role table (one column per party).")
    var format: String = "text"

    func validate() throws {
        if !["text", "table"].contains(format) { throw ValidationError("--format is text or table, not '\(format)'") }
    }

    @Argument(help: "A model file, folder or overlay (default: the embedded default model).")
    var modelPath: String?

    @OptionGroup var modelOption: ModelOption

    func run() throws {
        let derivation = try ModelInput.derived(modelOption.path(positional: modelPath))
        let views = try Views.forCommand(derivation, lang)
        printOut(views.reportHeader().joined(separator: "\n") + "\n")
        for offering in try ModelInput.offerings(offering, in: derivation.model) {
            printOut(format == "table" ? views.roleTableText(offering) : views.obligationsText(offering, ids: ids))
        }
    }
}
