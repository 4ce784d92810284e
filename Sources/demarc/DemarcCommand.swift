import ArgumentParser
import DemarcModel
import Foundation

/// `demarc`: shared-responsibility models → diagnostics, explanations,
/// diagrams (and, in later parts, pages and exports).
struct DemarcCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demarc",
        abstract: "Who is responsible for what in a cloud offering: check a shared-responsibility model, explain its derivation, render it.",
        discussion: """
            With no MODEL, commands use the default model compiled into the binary
            (IIJ GIO Infrastructure P2 against the Unified Standards FY2016, 4.1.4).
            Exit status: 0 success, 1 errors in the model or the build, 2 usage errors.
            """,
        subcommands: [
            CheckCommand.self, ExplainRuleCommand.self, ExplainCommand.self, ObligationsCommand.self, BuildCommand.self, DiffCommand.self, WatchCommand.self,
            InitCommand.self,
            SchemaCommand.self, RenderWorkerCommand.self,
        ]
    )

    /// Runs the command line and returns its exit status: the one place
    /// where errors become statuses (usage errors 2; ArgumentParser's own
    /// default would be 64).
    static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch let failure as CommandFailure {
            if let message = failure.message { printError("error: \(message)") }
            return failure.status
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                // --help and --version: ArgumentParser's text on stdout.
                if !message.isEmpty { printOut(message) }
                return 0
            }
            if !message.isEmpty { printError(message) }
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}

/// How a command ends when it does not succeed: a status and, where there is
/// one, a sentence for standard error.
struct CommandFailure: Error {
    var status: Int32
    var message: String?

    /// A usage error (status 2).
    static func usage(_ message: String) -> CommandFailure { CommandFailure(status: 2, message: message) }
    /// The model or the build failed (status 1); `message` is nil when the
    /// diagnostics were printed already.
    static func failed(_ message: String? = nil) -> CommandFailure { CommandFailure(status: 1, message: message) }
}

/// Writes a line to standard error, control characters shown escaped
/// (model text and paths are untrusted: `Escape.terminal`).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((Escape.terminal(text) + "\n").utf8))
}

/// Writes to standard output, control characters shown escaped. The only
/// way the command line prints.
func printOut(_ text: String, terminator: String = "\n") {
    FileHandle.standardOutput.write(Data((Escape.terminal(text) + terminator).utf8))
}
