import Foundation

/// The string literals of Swift source files, for the tests that keep
/// wording in the string table: `"…"`, `#"…"#` and `"""…"""`, with the
/// literals inside interpolations too, comments skipped.
enum SourceLiterals {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The Swift files below `Sources/<target>`, relative to the package.
    static func files(_ target: String) -> [String] {
        let dir = packageRoot.appendingPathComponent("Sources/\(target)")
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".swift") }.sorted().map { "Sources/\(target)/\($0)" }
    }

    /// (line, literal text with interpolations replaced by `\()`) for each literal.
    static func literals(in path: String) -> [(line: Int, text: String)] {
        let source = (try? String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)) ?? ""
        var scanner = Scanner(Array(source.unicodeScalars))
        scanner.code(until: nil)
        return scanner.found
    }

    private struct Scanner {
        let s: [Unicode.Scalar]
        var i = 0
        var line = 1
        var found: [(line: Int, text: String)] = []

        init(_ s: [Unicode.Scalar]) { self.s = s }

        func at(_ text: String, _ k: Int) -> Bool {
            let t = Array(text.unicodeScalars)
            guard k + t.count <= s.count else { return false }
            return Array(s[k..<k + t.count]) == t
        }

        mutating func advance() {
            if s[i] == "\n" { line += 1 }
            i += 1
        }

        /// Code until an unbalanced `)` (inside an interpolation) or the end.
        mutating func code(until close: Unicode.Scalar?) {
            var depth = 0
            while i < s.count {
                if at("//", i) {
                    while i < s.count, s[i] != "\n" { advance() }
                } else if at("/*", i) {
                    while i < s.count, !at("*/", i) { advance() }
                    i = min(s.count, i + 2)
                } else if s[i] == "\"" || (s[i] == "#" && i + 1 < s.count && s[i + 1] == "\"") {
                    literal()
                } else if s[i] == "(" {
                    depth += 1
                    advance()
                } else if s[i] == ")" {
                    if depth == 0, close != nil { advance(); return }
                    depth -= 1
                    advance()
                } else {
                    advance()
                }
            }
        }

        mutating func literal() {
            let startLine = line
            var hashes = 0
            while s[i] == "#" { hashes += 1; advance() }
            let multi = at("\"\"\"", i)
            i += multi ? 3 : 1
            let terminator = (multi ? "\"\"\"" : "\"") + String(repeating: "#", count: hashes)
            let escape = "\\" + String(repeating: "#", count: hashes)
            var text = ""
            while i < s.count {
                if at(terminator, i) { i += terminator.unicodeScalars.count; break }
                if at(escape + "(", i) {
                    i += escape.unicodeScalars.count + 1
                    text += "\\()"
                    code(until: ")")
                    continue
                }
                if at(escape, i), i + escape.unicodeScalars.count < s.count {
                    i += escape.unicodeScalars.count
                    text.unicodeScalars.append(s[i])
                    advance()
                    continue
                }
                text.unicodeScalars.append(s[i])
                advance()
            }
            found.append((startLine, text))
        }
    }

    /// Japanese or other CJK text (kana, ideographs, CJK punctuation, full-width forms).
    static func hasCJK(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            (0x3000...0x30FF).contains($0.value) || (0x3400...0x4DBF).contains($0.value)
                || (0x4E00...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
        }
    }

    /// English prose: two words of letters side by side, not parts of `key=value` tokens.
    static func hasEnglishWords(_ text: String) -> Bool {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { token in
            token.wholeMatch(of: /[A-Za-z]{2,}[,.:;]?/) != nil
        }
        return zip(words, words.dropFirst()).contains { $0 && $1 }
    }
}
