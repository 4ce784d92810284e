/// A small scanner of mustache templates: Demarc's own, because
/// swift-mustache keeps its tokens internal and renders a missing key as
/// nothing. It knows variables (`{{x}}`, `{{{x}}}`, `{{&x}}`), sections
/// (`{{#x}}`…`{{/x}}`), inverted sections (`{{^x}}`), partials (`{{>x}}`),
/// comments (`{{!…}}`) and the content-type pragma (`{{% CONTENT_TYPE: HTML}}`);
/// it refuses set-delimiters, blocks and parents, which Demarc's templates
/// do not use.
struct TemplateScanner {
    struct Tag: Equatable {
        enum Kind: Equatable {
            case variable, raw, section, inverted, close, partial, comment, pragma
        }
        var kind: Kind
        /// The name (or the pragma's text), trimmed.
        var name: String
        var line: Int
        var column: Int
    }

    struct Problem: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The tags of a template, in order, or the first problem.
    static func scan(_ text: String) throws(Problem) -> [Tag] {
        let s = Array(text.unicodeScalars)
        var tags: [Tag] = []
        var i = 0, line = 1, column = 1
        func at(_ literal: String, _ k: Int) -> Bool {
            let t = Array(literal.unicodeScalars)
            return k + t.count <= s.count && Array(s[k..<k + t.count]) == t
        }
        func step() {
            if s[i] == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        while i < s.count {
            guard at("{{", i) else { step(); continue }
            let startLine = line, startColumn = column
            let triple = at("{{{", i)
            for _ in 0..<(triple ? 3 : 2) { step() }
            let close = triple ? "}}}" : "}}"
            var body = ""
            while i < s.count, !at(close, i) {
                body.unicodeScalars.append(s[i])
                step()
            }
            guard i < s.count else { throw Problem(line: startLine, column: startColumn, message: "a tag opened here is never closed ('\(close)')") }
            for _ in 0..<close.unicodeScalars.count { step() }
            let trimmed = body.trimmingSpaces
            var kind = Tag.Kind.variable
            var name = trimmed
            if triple {
                kind = .raw
            } else if let first = trimmed.unicodeScalars.first {
                let rest = String(trimmed.unicodeScalars.dropFirst()).trimmingSpaces
                switch first {
                case "#": kind = .section; name = rest
                case "^": kind = .inverted; name = rest
                case "/": kind = .close; name = rest
                case ">": kind = .partial; name = rest
                case "!": kind = .comment; name = ""
                case "&": kind = .raw; name = rest
                case "%": kind = .pragma; name = rest
                case "=": throw Problem(line: startLine, column: startColumn, message: "set-delimiter tags ('{{=…=}}') are not supported in Demarc's templates")
                case "$", "<":
                    throw Problem(
                        line: startLine, column: startColumn, message: "blocks and parents ('{{$…}}', '{{<…}}') are not supported in Demarc's templates")
                default: break
                }
            }
            if kind != .comment, kind != .pragma, name.isEmpty {
                throw Problem(line: startLine, column: startColumn, message: "a tag without a name")
            }
            tags.append(Tag(kind: kind, name: name, line: startLine, column: startColumn))
        }
        return tags
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
