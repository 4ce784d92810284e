/// The YAML mistakes a Japanese keyboard makes, found before libyaml sees
/// the text (whose messages for them are at the wrong place and give no
/// hint): a full-width space (U+3000) or a tab in the indentation, and a
/// full-width colon `：` (or a full-width space) where YAML needs `: `. Text
/// inside values — quoted, plain, block scalars, flow collections — is never
/// looked at: full-width characters are ordinary text there.
enum YAMLTypingScan {
    typealias Problem = YAMLProblem

    static let fullWidthSpace: Unicode.Scalar = "\u{3000}"
    static let fullWidthColon: Unicode.Scalar = "\u{FF1A}"

    /// Every problem, in order of line.
    static func check(_ text: String) -> [Problem] {
        // Every problem is a tab, a full-width space (E3 80 80) or a
        // full-width colon (EF BC 9A): text with none of them has none.
        guard mayHaveProblems(text) else { return [] }
        var scan = Scan()
        // Lines by bytes: "\r\n" is one Character, and a split on Characters kept a CRLF file one line.
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            scan.line(Array(Substring(line).unicodeScalars), number: index + 1)
        }
        // Each is one character.
        return scan.problems.map { problem in
            var problem = problem
            problem.length = 1
            return problem
        }
    }

    static func mayHaveProblems(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            for i in bytes.indices {
                switch bytes[i] {
                case 0x09: return true
                case 0xE3 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80: return true
                case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x9A: return true
                default: continue
                }
            }
            return false
        }
    }

    private struct Scan {
        var problems: [Problem] = []
        /// Inside a block scalar (`|`, `>`): lines indented more than this are its text.
        var blockParent: Int?
        /// Inside a quoted scalar or a flow collection that goes on to the next line.
        var open = Open()
        /// The last key's column when its value is plain text that may go on
        /// over more-indented lines.
        var plainParent: Int?

        struct Open {
            var quote: Unicode.Scalar?
            var depth = 0
            var isOpen: Bool { quote != nil || depth > 0 }
        }

        mutating func line(_ s: [Unicode.Scalar], number: Int) {
            var s = s
            if s.last == "\r" { s.removeLast() }
            let isBlank = s.allSatisfy { $0 == " " || $0 == "\t" || $0 == YAMLTypingScan.fullWidthSpace }
            if let parent = blockParent {
                let spaces = s.prefix { $0 == " " }.count
                if isBlank || spaces > parent { return }
                blockParent = nil
            }
            if open.isOpen {
                _ = Self.skipValue(s, from: 0, open: &open)
                return
            }
            if isBlank { return }
            // The indentation: ASCII spaces only.
            var column = 0
            while column < s.count, s[column] == " " || s[column] == "\t" || s[column] == YAMLTypingScan.fullWidthSpace {
                column += 1
            }
            if s.indices.contains(column), s[column] == "#" { return }
            let restIsKey = Self.key(in: s, from: column) != nil
            if let parent = plainParent, column > parent, !restIsKey {
                return  // more text of the value above
            }
            plainParent = nil
            if let bad = s.prefix(column).firstIndex(where: { $0 != " " }) {
                report(indentation: s[bad], line: number, column: bad + 1)
                return  // the line's structure is unknown; the rest would only repeat it
            }
            // Sequence indicators: "- ", "- - ".
            while s.indices.contains(column), s[column] == "-",
                column + 1 == s.count || [" ", "\t", YAMLTypingScan.fullWidthSpace].contains(s[column + 1])
            {
                if column + 1 < s.count, s[column + 1] == YAMLTypingScan.fullWidthSpace {
                    problems.append(
                        Problem(
                            rule: .yamlFullwidth, line: number, column: column + 2,
                            message: "full-width space (U+3000) after '-' in line \(number); YAML needs an ASCII space",
                            suggestion: "write '- ' with an ASCII space", replacement: " "))
                    return
                }
                column += 1
                while s.indices.contains(column), s[column] == " " || s[column] == "\t" { column += 1 }
            }
            guard s.indices.contains(column) else { return }
            let keyColumn = column
            if let (name, end) = Self.key(in: s, from: column) {
                let colon = s[end]
                if colon == YAMLTypingScan.fullWidthColon {
                    problems.append(
                        Problem(
                            rule: .yamlFullwidth, line: number, column: end + 1,
                            message: "full-width colon '：' after the key '\(name)': write ':'",
                            suggestion: "replace '：' with ':' followed by a space",
                            replacement: s.indices.contains(end + 1) && s[end + 1] == " " ? ":" : ": "))
                }
                var value = end + 1
                if s.indices.contains(value), s[value] == YAMLTypingScan.fullWidthSpace {
                    problems.append(
                        Problem(
                            rule: .yamlFullwidth, line: number, column: value + 1,
                            message: "full-width space (U+3000) after the key '\(name):'; YAML needs an ASCII space",
                            suggestion: "replace it with an ASCII space", replacement: " "))
                    return
                }
                while s.indices.contains(value), s[value] == " " || s[value] == "\t" { value += 1 }
                column = value
            }
            guard s.indices.contains(column), s[column] != "#" else { return }
            switch s[column] {
            case "|", ">":
                blockParent = keyColumn
            case "\"", "'", "{", "[":
                _ = Self.skipValue(s, from: column, open: &open)
            default:
                plainParent = keyColumn
            }
        }

        mutating func report(indentation scalar: Unicode.Scalar, line: Int, column: Int) {
            if scalar == "\t" {
                problems.append(
                    Problem(
                        rule: .yamlTab, line: line, column: column,
                        message: "a tab in the indentation of line \(line); YAML indents with ASCII spaces only",
                        suggestion: "replace the tab with spaces"))
            } else {
                problems.append(
                    Problem(
                        rule: .yamlFullwidth, line: line, column: column,
                        message: "full-width space (U+3000) in the indentation of line \(line); YAML needs ASCII spaces",
                        suggestion: "replace it with ASCII spaces (one full-width space is usually two)", replacement: "  "))
            }
        }

        /// A block key at `from`: ASCII letters, digits, `-`, `_` followed by
        /// `:` (then a space or the end) or by a full-width colon.
        static func key(in s: [Unicode.Scalar], from: Int) -> (String, Int)? {
            var i = from
            while i < s.count, s[i].isASCII, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "-" || s[i] == "_" {
                i += 1
            }
            guard i > from, i < s.count else { return nil }
            let name = String(String.UnicodeScalarView(s[from..<i]))
            if s[i] == YAMLTypingScan.fullWidthColon { return (name, i) }
            if s[i] == ":", i + 1 == s.count || [" ", "\t", YAMLTypingScan.fullWidthSpace].contains(s[i + 1]) { return (name, i) }
            return nil
        }

        /// Skips a quoted scalar or flow collection from `from`, tracking what
        /// stays open at the end of the line.
        static func skipValue(_ s: [Unicode.Scalar], from: Int, open: inout Open) -> Int {
            var i = from
            while i < s.count {
                let c = s[i]
                if let quote = open.quote {
                    if quote == "\"", c == "\\" {
                        i += 2
                        continue
                    }
                    if c == quote {
                        if quote == "'", i + 1 < s.count, s[i + 1] == "'" {
                            i += 2
                            continue
                        }
                        open.quote = nil
                        if open.depth == 0 { return i + 1 }
                    }
                } else {
                    switch c {
                    case "\"", "'": open.quote = c
                    case "{", "[": open.depth += 1
                    case "}", "]":
                        open.depth = max(0, open.depth - 1)
                        if open.depth == 0 { return i + 1 }
                    case "#" where i > 0 && s[i - 1] == " ":
                        return s.count
                    default: break
                    }
                }
                i += 1
            }
            return i
        }
    }
}
