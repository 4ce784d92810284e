/// A position in a model file: 1-based line and column, columns counted in
/// Unicode scalars as libyaml counts them.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file as the user named it (relative when they gave a relative path).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// How bad a problem is.
public enum Severity: String, Sendable, Comparable {
    case error, warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// One problem found in a model, with a stable rule id, a place and, where
/// there is one, a suggestion.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    /// Stable identifier of the rule, e.g. `unknown-reference`.
    public var rule: String
    public var location: SourceLocation
    public var message: String
    /// A fix, e.g. "did you mean 'hypervisor'?".
    public var suggestion: String?

    public init(_ severity: Severity, _ rule: String, at location: SourceLocation, _ message: String, suggestion: String? = nil) {
        self.severity = severity
        self.rule = rule
        self.location = location
        self.message = message
        self.suggestion = suggestion
    }

    /// `path:line:col: error: message (suggestion) [rule]`
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let suggestion { text += " (\(suggestion))" }
        return text + " [\(rule)]"
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, line, column, then severity and rule: stable output.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.severity != b.severity { return a.severity < b.severity }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.message < b.message
        }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
