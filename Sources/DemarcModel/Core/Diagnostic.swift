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

/// A machine-readable fix: replace the text of the diagnostic's range with
/// `replacement` (what editors apply from `check --format json`).
public struct Fix: Hashable, Sendable {
    public var replacement: String
    public init(replacement: String) { self.replacement = replacement }
}

/// One problem found in a model, with its rule, a place — a range where the
/// source has one — and, where there is one, a suggestion and a fix.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var rule: Rule
    /// Where it starts.
    public var location: SourceLocation
    /// Where it ends (exclusive), on the same file: the end of the scalar it
    /// is about, when that is known.
    public var end: SourceLocation?
    public var message: String
    /// A suggestion in words, e.g. "did you mean 'hypervisor'?".
    public var suggestion: String?
    /// The same as an edit, when the suggestion is one replacement of the range.
    public var fix: Fix?

    public init(
        _ severity: Severity, _ rule: Rule, at location: SourceLocation, to end: SourceLocation? = nil, _ message: String,
        suggestion: String? = nil, fix: Fix? = nil
    ) {
        self.severity = severity
        self.rule = rule
        self.location = location
        self.end = end
        self.message = message
        self.suggestion = suggestion
        self.fix = fix
    }

    /// `path:line:col: error: message (suggestion) [rule]`
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let suggestion { text += " (\(suggestion))" }
        return text + " [\(rule.rawValue)]"
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
