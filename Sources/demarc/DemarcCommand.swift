import ArgumentParser
import Foundation

/// `demarc`: shared-responsibility models → diagnostics, explanations (and,
/// in later commands, diagrams, pages and exports).
struct DemarcCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demarc",
        abstract: "Who is responsible for what in a cloud offering: check a shared-responsibility model and explain its derivation.",
        discussion: """
            With no MODEL, commands use the default model compiled into the binary
            (IIJ GIO Infrastructure P2 against the Unified Standards FY2016, 4.1.4).
            Exit status: 0 success, 1 errors in the model, 2 usage errors.
            """,
        subcommands: [CheckCommand.self, ExplainCommand.self, ObligationsCommand.self, BuildCommand.self, InitCommand.self, SchemaCommand.self, RenderWorkerCommand.self]
    )

    /// Runs the command line; usage errors exit 2 (ArgumentParser's default is 64).
    static func entry() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                self.exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A usage error: message on stderr, exit 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

extension UsageError {
    func exit() -> Never {
        printError("error: \(description)")
        Foundation.exit(2)
    }
}
