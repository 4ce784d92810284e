import Yams

/// Limits on what a model may be; documented in docs/model.md ("Limits").
public enum ModelLimits {
    /// Largest single file.
    public static let fileBytes = 16 * 1024 * 1024
    /// Largest model, all files together (catalogue included).
    public static let totalBytes = 64 * 1024 * 1024
    /// Deepest nesting of mappings and lists.
    public static let depth = 64
    /// Most files and folders looked at below a model folder (hidden ones included).
    public static let folderEntries = 10_000
    /// Deepest folder below a model folder.
    public static let folderDepth = 16
}

/// A problem the scans before parsing find: at a line and column, over
/// `length` characters where that is known, and, when `replacement` is set,
/// fixed by putting it in their place.
struct YAMLProblem: Equatable {
    var rule: Rule
    var line: Int
    var column: Int
    var message: String
    var suggestion: String?
    var replacement: String?
    var length: Int?

    func diagnostic(file: String) -> Diagnostic {
        let start = SourceLocation(file: file, line: line, column: column)
        let fix = replacement.map { Fix(replacement: $0) }
        return Diagnostic(
            .error, rule, at: start, to: length.map { SourceLocation(file: file, line: line, column: column + $0) },
            message, suggestion: suggestion, fix: fix)
    }
}

/// One parsed YAML file: its root node, or the diagnostics that stopped it.
struct YAMLDocument {
    var file: String
    var root: Node?

    /// Reads bytes into a YAML tree, refusing binary, non-UTF-8, aliases and
    /// excessive nesting. Problems are appended to `diagnostics`.
    static func parse(file: String, bytes: [UInt8], diagnostics: inout [Diagnostic]) -> YAMLDocument {
        var bytes = bytes[...]
        func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = position(ofByte: nul - bytes.startIndex, in: bytes)
            diagnostics.append(
                Diagnostic(
                    .error, .fileBinary, at: at(line, column),
                    "the file holds a NUL byte: it is binary, not a YAML text file"))
            return YAMLDocument(file: file, root: nil)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes)
            let (line, column) = position(ofByte: bad, in: bytes)
            diagnostics.append(
                Diagnostic(
                    .error, .fileNotUTF8, at: at(line, column),
                    "the file is not valid UTF-8", suggestion: "save it as UTF-8"))
            return YAMLDocument(file: file, root: nil)
        }
        // Typing mistakes first (all of them), then anchors and nesting (the first).
        let typing = YAMLTypingScan.check(text)
        let problems = typing.isEmpty ? YAMLPrescan.check(text).map { [$0] } ?? [] : typing
        if !problems.isEmpty {
            diagnostics += problems.map { $0.diagnostic(file: file) }
            return YAMLDocument(file: file, root: nil)
        }
        let root: Node?
        do {
            // Scalars are read as text and typed by the loader (NodeReader),
            // so no implicit tags: the default resolver tries seven regular
            // expressions on every plain scalar.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, file: file, text: text))
            return YAMLDocument(file: file, root: nil)
        } catch {
            diagnostics.append(Diagnostic(.error, .yamlSyntax, at: at(1, 1), "cannot read the YAML: \(error)"))
            return YAMLDocument(file: file, root: nil)
        }
        return YAMLDocument(file: file, root: root)
    }

    private static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var message = problem
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            if problem.contains("nesting level") {
                return Diagnostic(.error, .yamlTooDeep, at: at(mark), "lists and mappings nested too deep (\(problem))")
            }
            if problem.contains("undefined alias") {
                return Diagnostic(.error, .yamlAlias, at: at(mark), "YAML aliases are not allowed in a model: \(message)")
            }
            if let hint = indentationHint(line: mark.line, text: text) {
                return Diagnostic(
                    .error, .yamlSyntax, at: SourceLocation(file: file, line: mark.line, column: hint.column),
                    "\(message); \(hint.message)", suggestion: hint.suggestion)
            }
            return Diagnostic(.error, .yamlSyntax, at: at(mark), message)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let second = secondOccurrence(ofKey: key, after: context.mark, in: text)
            let place = second.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? at(context.mark)
            return Diagnostic(
                .error, .yamlDuplicateKey, at: place,
                "duplicate key '\(key)' in a mapping (first at \(context.mark.line):\(context.mark.column)); the rest of this file was not read",
                suggestion: "remove or rename one of them")
        case let .reader(problem, offset, _, _):
            var location = SourceLocation(file: file, line: 1, column: 1)
            if let offset {
                // libyaml's reader counts the offset in characters, not bytes.
                let (l, c) = position(ofCharacter: offset, in: text)
                location = SourceLocation(file: file, line: l, column: c)
            }
            return Diagnostic(.error, .yamlSyntax, at: location, problem)
        default:
            return Diagnostic(.error, .yamlSyntax, at: SourceLocation(file: file, line: 1, column: 1), "\(error)")
        }
    }

    /// A key left outdented out of its mapping: the line libyaml stopped at is
    /// indented less than the line above but at no level of the lines that
    /// hold it.
    static func indentationHint(line: Int, text: String) -> (column: Int, message: String, suggestion: String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        func content(_ s: [Unicode.Scalar]) -> Bool {
            guard let first = s.firstIndex(where: { $0 != " " }) else { return false }
            return s[first] != "#"
        }
        func indent(_ s: [Unicode.Scalar]) -> Int { s.prefix { $0 == " " }.count }
        /// The columns a line opens: its indentation, and after each "- " the next.
        func levels(_ s: [Unicode.Scalar]) -> [Int] {
            var column = indent(s), out = [column]
            while column + 1 < s.count, s[column] == "-", s[column + 1] == " " {
                column += 2
                while column < s.count, s[column] == " " { column += 1 }
                out.append(column)
            }
            return out
        }
        guard line >= 2, line - 1 < lines.count, content(lines[line - 1]) else { return nil }
        let here = indent(lines[line - 1])
        var enclosing: [Int] = []
        var lowest = Int.max
        var above: Int?
        for index in stride(from: line - 2, through: 0, by: -1) where content(lines[index]) {
            let found = levels(lines[index])
            if above == nil { above = found.last }
            if found[0] < lowest || enclosing.isEmpty {
                enclosing += found.filter { $0 < lowest }
                lowest = found[0]
            }
            if lowest == 0 { break }
        }
        guard let above, here < above, !enclosing.contains(here) else { return nil }
        let levelsText = Set(enclosing).sorted().map { "\($0 + 1)" }.joined(separator: ", ")
        return (
            here + 1,
            "this line starts at column \(here + 1), left of the line above (column \(above + 1)) but at none of the columns the lines above it use (\(levelsText)): a key outdented out of its mapping is the likely cause",
            "indent it to column \(above + 1) to keep it in the mapping above, or to the column of the mapping it belongs to"
        )
    }

    /// Yams reports the first of two equal keys and stops. Find the second in
    /// the text: the next line at the same indentation starting with the key.
    private static func secondOccurrence(ofKey key: String, after first: Mark, in text: String) -> SourceLocation? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line - 1 < lines.count else { return nil }
        let firstLine = Array(lines[first.line - 1].unicodeScalars)
        let indent = first.column - 1
        // A key inside a flow mapping or after "- " on the same line: compare from the key's column.
        let isBlockKeyLine = firstLine.prefix(indent).allSatisfy { $0 == " " || $0 == "-" }
        guard isBlockKeyLine else { return secondFlowKey(key, after: first, lines: lines) }
        for lineIndex in first.line..<lines.count {
            let scalars = Array(lines[lineIndex].unicodeScalars)
            let leading = scalars.prefix { $0 == " " }.count
            let rest = String(String.UnicodeScalarView(scalars.dropFirst(leading)))
            if rest.isEmpty || rest.hasPrefix("#") { continue }
            if leading < indent { return nil }
            if leading == indent, keyMatches(rest, key) { return SourceLocation(file: "", line: lineIndex + 1, column: indent + 1) }
        }
        return nil
    }

    /// In a flow mapping (`{a: 1, a: 2}`): the next `key:` after the first,
    /// at a token boundary, on the same or a following line.
    private static func secondFlowKey(_ key: String, after first: Mark, lines: [Substring]) -> SourceLocation? {
        for lineIndex in (first.line - 1)..<lines.count {
            let scalars = Array(lines[lineIndex].unicodeScalars)
            var column = lineIndex == first.line - 1 ? first.column : 0
            while column < scalars.count {
                let boundary = column == 0 || [" ", "{", ",", "\t"].contains(scalars[column - 1])
                if boundary, keyMatches(String(String.UnicodeScalarView(scalars[column...])), key) {
                    return SourceLocation(file: "", line: lineIndex + 1, column: column + 1)
                }
                column += 1
            }
        }
        return nil
    }

    private static func keyMatches(_ rest: String, _ key: String) -> Bool {
        for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
            let after = rest.dropFirst(candidate.count).drop { $0 == " " }
            if after.hasPrefix(":") { return true }
        }
        return false
    }

    /// 1-based line and column of the character (Unicode scalar) at `offset`.
    static func position(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for scalar in text.unicodeScalars.prefix(offset) {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    static func position(ofByte offset: Int, in bytes: ArraySlice<UInt8>) -> (Int, Int) {
        var line = 1, column = 1
        var index = bytes.startIndex
        let end = min(bytes.endIndex, bytes.startIndex + offset)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let b = bytes[index]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index - bytes.startIndex
            }
            let end = index + length
            if end > bytes.endIndex { return index - bytes.startIndex }
            if String(validating: bytes[index..<end], as: UTF8.self) == nil { return index - bytes.startIndex }
            index = end
        }
        return bytes.count
    }
}
