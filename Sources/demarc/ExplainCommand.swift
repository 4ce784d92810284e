import ArgumentParser
import DemarcModel
import DemarcViews

/// `demarc explain ENTRY [MODEL] [--offering ID] [--lang ja|en]`
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain who does a catalogue entry in each offering, who is accountable, and why.",
        discussion: "Example: demarc explain '4.1.4(1)-2 d)' --offering vw-series --lang en"
    )

    @Argument(
        help: ArgumentHelp(
            "ENTRY, then the model: a catalogue entry id, e.g. '4.1.4(1)-2 d)' (quote it in the shell; omit it with --all), then a model file, folder or overlay (default: the embedded default model).",
            valueName: "entry-and-model"))
    var positional: [String] = []

    var entry: String? { all ? nil : positional.first }
    var modelPath: String? { all ? positional.first : positional.dropFirst().first }

    @Flag(name: .long, help: "Explain every entry.")
    var all = false

    @Option(name: .long, help: "Only this offering (id).")
    var offering: String?

    @Option(name: .long, help: "The language: ja or en (default: the model's first language, ja unless model.languages says otherwise).")
    var lang: Language?

    @Flag(name: .long, help: "Show ids beside names (parties, offerings, topics, layers).")
    var ids = false

    @OptionGroup var modelOption: ModelOption

    func validate() throws {
        if all, positional.count > 1 { throw ValidationError("give an ENTRY or --all, not both") }
        if !all, positional.isEmpty { throw ValidationError("name an ENTRY, or give --all") }
        if positional.count > 2 { throw ValidationError("too many arguments: ENTRY and then the model") }
    }

    func run() throws {
        let derivation = try ModelInput.derived(modelOption.path(positional: modelPath))
        let model = derivation.model
        var entries = model.catalogue.entries
        if let entry {
            guard
                let found = model.catalogue.entry(entry)
                    ?? model.catalogue.entries.first(where: {
                        Identifiers.comparisonKey($0.id) == Identifiers.comparisonKey(entry) || $0.slug == entry
                    })
            else {
                let hint = Identifiers.closest(to: entry, in: model.catalogue.entries.map(\.id))
                throw CommandFailure.usage(
                    "unknown entry '\(entry)'" + (hint.map { " (did you mean '\($0)'?)" } ?? "")
                        + "; entries: \(model.catalogue.entries.map(\.id).joined(separator: ", "))")
            }
            entries = [found]
        }
        let offerings = try ModelInput.offerings(offering, in: model)
        let views = try Views.forCommand(derivation, lang)
        printOut(views.reportHeader().joined(separator: "\n") + "\n")
        printOut(entries.map { views.explanation($0, offerings: offerings, ids: ids) }.joined(separator: "\n"), terminator: "")
    }
}

extension Language: ExpressibleByArgument {
    public init?(argument: String) { self.init(code: argument) }
}

extension Views {
    /// The views a command prints in (the model's first language by
    /// default); a language the model is not written in, or Demarc has no
    /// wording for, is a usage error.
    static func forCommand(_ derivation: Derivation, _ chosen: Language?) throws -> Views {
        let languages = derivation.model.metadata.languages
        let language = chosen ?? languages[0]
        guard languages.contains(language) else {
            throw CommandFailure.usage(
                "the model is written in \(languages.map(\.code).joined(separator: ", ")) only (model.languages), not '\(language.code)'")
        }
        do {
            return try Views(derivation: derivation, language: language)
        } catch let unsupported as StringTables.Unsupported {
            throw CommandFailure.usage(unsupported.description)
        }
    }
}
