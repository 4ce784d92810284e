import ArgumentParser
import DemarcModel
import Foundation

/// `demarc check [MODEL]`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a model and print every problem as path:line:col: error|warning: message [rule-id].",
        discussion: """
            Exit status: 0 when there is no error (warnings allowed), 1 on errors, 2 on usage errors.
            Rules: docs/model.md, or 'demarc explain-rule ID'.
            --format json prints one JSON object for editors and CI: every diagnostic with its rule, range
            (start and, where known, end; lines and columns 1-based, columns in Unicode scalars, end exclusive),
            message, suggestion and fix (a replacement of the range), and a summary.
            """
    )

    @Argument(help: "A model file, folder or overlay (default: the embedded default model).")
    var modelPath: String?

    @OptionGroup var modelOption: ModelOption

    @Flag(name: .long, help: "Print errors only, no warnings.")
    var errorsOnly = false

    @Option(name: .long, help: "text (default) or json.")
    var format = "text"

    @Flag(name: .long, help: "After the diagnostics, explain each rule they name: why it exists and how to fix it.")
    var explain = false

    @Option(name: .long, help: "Also warn about evidence that has expired or will expire by this date (YYYY-MM-DD): SOC reports are annual.")
    var date: String?

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json, not '\(format)'") }
        if let date, Day(date) == nil { throw ValidationError("--date is a date written YYYY-MM-DD, not '\(date)'") }
    }

    func run() throws {
        var (result, description) = try ModelInput.load(modelOption.path(positional: modelPath))
        if let date = date.flatMap(Day.init), let model = result.model {
            result.diagnostics = (result.diagnostics + model.evidenceExpiring(by: date)).sortedForOutput()
        }
        if errorsOnly { result.diagnostics.removeAll { $0.severity == .warning } }
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.count - errors
        if format == "json" {
            printOut(Self.json(result, errors: errors, warnings: warnings))
            if result.model == nil { throw CommandFailure.failed() }
            return
        }
        ModelInput.report(result)
        if explain {
            for rule in Set(result.diagnostics.map(\.rule)).sorted() {
                printError("\n[\(rule.rawValue)] \(rule.summary)\n  \(rule.explanation)")
            }
        }
        if let model = result.model {
            let entries = model.catalogue.entries.count
            printOut(
                "ok: \(description): \(model.metadata.id) \(model.metadata.version) as of \(model.metadata.asOf) — \(model.parties.count) parties, \(model.layers.count) layers, \(model.offerings.count) offerings, \(model.topics.count) topics, \(entries) entries; \(warnings) warning\(warnings == 1 ? "" : "s")"
            )
        } else {
            printError("\(description): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            throw CommandFailure.failed()
        }
    }

    /// The result as one JSON object, keys sorted.
    static func json(_ result: LoadResult, errors: Int, warnings: Int) -> String {
        func position(_ l: SourceLocation) -> [String: Any] { ["line": l.line, "column": l.column] }
        let diagnostics: [[String: Any]] = result.diagnostics.map { d in
            var object: [String: Any] = [
                "file": d.location.file, "severity": d.severity.rawValue, "rule": d.rule.rawValue,
                "message": d.message, "start": position(d.location),
            ]
            if let end = d.end { object["end"] = position(end) }
            if let suggestion = d.suggestion { object["suggestion"] = suggestion }
            if let fix = d.fix, let end = d.end {
                object["fix"] = ["replacement": fix.replacement, "start": position(d.location), "end": position(end)]
            }
            return object
        }
        var summary: [String: Any] = ["errors": errors, "warnings": warnings, "ok": result.model != nil, "files": result.files]
        if let model = result.model {
            summary["model"] = [
                "id": model.metadata.id, "version": model.metadata.version, "as-of": "\(model.metadata.asOf)",
                "offerings": model.offerings.count, "entries": model.catalogue.entries.count,
            ]
        }
        let object: [String: Any] = ["diagnostics": diagnostics, "summary": summary]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// `demarc explain-rule ID`: what a rule finds, why, and how to fix it.
struct ExplainRuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain-rule",
        abstract: "Explain a diagnostic rule (the id in brackets after each problem 'check' prints); with no id, list them all."
    )

    @Argument(help: "A rule id, e.g. yaml-fullwidth.")
    var rule: String?

    func run() throws {
        guard let id = rule else {
            for rule in Rule.allCases.sorted() { printOut("\(rule.rawValue)  \(rule.summary)") }
            return
        }
        guard let found = Rule(rawValue: id) else {
            let hint = Identifiers.closest(to: id, in: Rule.allCases.map(\.rawValue))
            throw CommandFailure.usage("unknown rule '\(id)'" + (hint.map { " (did you mean '\($0)'?)" } ?? "") + "; 'demarc explain-rule' lists them")
        }
        printOut("\(found.rawValue): \(found.summary)\n\n\(found.explanation)")
    }
}
