import DemarcModel
import DemarcViews

/// Renders the page templates — the part of mustache Demarc's templates
/// may use, as `TemplateChecker` allows it: variables (`{{x}}`, `{{{x}}}`,
/// `{{&x}}`, dotted names), sections and inverted sections over lists,
/// objects and flags, partials, comments and the content-type pragma —
/// straight over a page's values.
///
/// swift-mustache parses and checks every template too (`PageTemplates`),
/// and its output is the reference: these templates are split into lines,
/// standalone tags and indented partials exactly as its parser does, and a
/// test renders every page of several models both ways and compares the
/// bytes (`PageRendererOracleTests`). Its renderer looks every variable up
/// through a handful of dynamic casts over `Any` (and splits each name
/// into characters first), which made it a fifth of a build's own time;
/// this one looks names up in the values' dictionaries and writes bytes.
/// One deliberate difference: `{{…}}` inside a partial escapes through
/// `Escape.html` too, where swift-mustache's own HTML escaper, working on
/// characters, lets a `&` carrying a combining mark through.
struct PageRenderer: Sendable {
    /// A parsed template: what its tokens are, in order.
    struct Template: Sendable {
        var tokens: [Token]
    }

    indirect enum Token: Sendable {
        case text([UInt8])
        case variable([String], escaped: Bool)
        case section([String], Template, inverted: Bool)
        /// A partial, and the indentation of a standalone one.
        case partial(String, indentation: [UInt8]?)
        case contentType(PageTemplates.Format)
    }

    struct ParseError: Error, Sendable {
        var file = ""
        var message: String
    }

    private let templates: [String: Template]

    /// Parses every template (they have passed `TemplateChecker`).
    init(sources: [String: PageTemplates.Source]) throws(ParseError) {
        var templates: [String: Template] = [:]
        for (name, source) in sources {
            var parser = Parser(Array(source.text))
            do throws(ParseError) {
                templates[name] = try parser.parse(section: nil, newLine: true)
            } catch {
                throw ParseError(file: source.file, message: error.message)
            }
        }
        self.templates = templates
    }

    /// The template `name` rendered over `values`, or nil when there is no such template.
    func render(_ name: String, _ values: PageObject) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var context = Context(stack: [values], escape: .html, indentation: nil)
        return render(template, &context)
    }

    // MARK: - Rendering

    private enum Escaping {
        case html, markdown, none
    }

    private struct Context {
        var stack: [PageObject]
        var escape: Escaping
        /// The indentation of the standalone partials this render is in.
        var indentation: [UInt8]?
    }

    private func render(_ template: Template, _ context: inout Context) -> [UInt8] {
        var out: [UInt8] = []
        for token in template.tokens {
            let rendered = render(token, &context)
            // As swift-mustache: in an indented partial, a token's output
            // that starts a new line of this template's output is indented.
            if let indentation = context.indentation, !indentation.isEmpty, !rendered.isEmpty, endsWithLineFeed(out) {
                out += indentation
            }
            out += rendered
        }
        return out
    }

    /// Whether the last character is a line feed alone (not "\r\n", one character).
    private func endsWithLineFeed(_ bytes: [UInt8]) -> Bool {
        guard bytes.last == 0x0A else { return false }
        return bytes.count < 2 || bytes[bytes.count - 2] != 0x0D
    }

    private func render(_ token: Token, _ context: inout Context) -> [UInt8] {
        switch token {
        case .text(let bytes):
            return bytes
        case .variable(let path, let escaped):
            guard let value = lookUp(path, context.stack) else { return [] }
            let text: String
            switch value {
            case .text(let string), .markup(let string): text = string
            case .flag(let flag): text = String(flag)
            case .list, .object: return []  // TemplateChecker lets no template write one
            }
            return escaped ? escape(text, context.escape) : Array(text.utf8)
        case .section(let path, let inner, let inverted):
            let value = lookUp(path, context.stack)
            var shown: Bool
            switch value {
            case .list(let rows):
                if inverted {
                    shown = rows.isEmpty
                } else {
                    var out: [UInt8] = []
                    for row in rows {
                        var nested = Context(stack: context.stack + [row], escape: context.escape, indentation: context.indentation)
                        out += render(inner, &nested)
                    }
                    return out
                }
            case .object(let object):
                if inverted { return [] }
                var nested = Context(stack: context.stack + [object], escape: context.escape, indentation: context.indentation)
                return render(inner, &nested)
            case .flag(let flag): shown = flag != inverted
            case .text, .markup: shown = !inverted  // text is no section (TemplateChecker); as swift-mustache, present
            case nil: shown = inverted
            }
            guard shown else { return [] }
            var nested = context
            return render(inner, &nested)
        case .partial(let name, let indentation):
            guard let partial = templates[name] else { return [] }
            let combined: [UInt8]? = indentation.map { (context.indentation ?? []) + $0 } ?? context.indentation
            // As swift-mustache, a partial starts over as HTML.
            var nested = Context(stack: context.stack, escape: .html, indentation: combined)
            return render(partial, &nested)
        case .contentType(let format):
            switch format {
            case .html: context.escape = .html
            case .markdown: context.escape = .markdown
            }
            return []
        }
    }

    private func escape(_ text: String, _ escaping: Escaping) -> [UInt8] {
        switch escaping {
        case .html: return Array(Escape.html(text).utf8)
        case .markdown: return Array(ContentTypes.Markdown().escapeText(text).utf8)
        case .none: return Array(text.utf8)
        }
    }

    /// A name as mustache resolves it: its first part in the innermost
    /// object that has it, the rest below that (no look further out).
    private func lookUp(_ path: [String], _ stack: [PageObject]) -> PageValue? {
        guard let first = path.first else { return nil }
        for object in stack.reversed() {
            guard var value = object[first] else { continue }
            for part in path.dropFirst() {
                guard case .object(let next) = value, let child = next[part] else { return nil }
                value = child
            }
            return value
        }
        return nil
    }

    // MARK: - Parsing, as swift-mustache's parser splits text and tags

    private struct Parser {
        let characters: [Character]
        var position = 0

        init(_ characters: [Character]) { self.characters = characters }

        var reachedEnd: Bool { position == characters.count }
        var current: Character { reachedEnd ? "\0" : characters[position] }

        mutating func advance() { position += 1 }

        mutating func read(while predicate: (Character) -> Bool) -> [Character] {
            let start = position
            while !reachedEnd, predicate(characters[position]) { position += 1 }
            return Array(characters[start..<position])
        }

        /// "{{" here: consumed.
        mutating func readOpening() -> Bool {
            guard position + 1 < characters.count, characters[position] == "{", characters[position + 1] == "{" else { return false }
            position += 2
            return true
        }

        /// Text up to a line feed (kept for the caller) or a tag's "{{" (consumed).
        mutating func readUntilTagOrNewline() -> [Character] {
            var text: [Character] = []
            while !reachedEnd {
                let c = characters[position]
                if c == "\n" || c == "\r\n" { break }
                if c == "{" {
                    if readOpening() { break }
                    text.append(c)
                    advance()
                    continue
                }
                text.append(c)
                advance()
            }
            return text
        }

        static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
        static let partialNameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

        mutating func readClosing() throws(ParseError) {
            guard position + 1 < characters.count, characters[position] == "}", characters[position + 1] == "}" else {
                throw ParseError(message: "a tag is not closed where expected")
            }
            position += 2
        }

        mutating func parseName(_ allowed: Set<Character> = nameCharacters) throws(ParseError) -> String {
            _ = read(while: \.isWhitespace)
            let name = String(read(while: { allowed.contains($0) }))
            _ = read(while: \.isWhitespace)
            try readClosing()
            return name
        }

        /// The rest of the line holds only spaces and tabs: consumed with its line break.
        mutating func hasLineFinished() -> Bool {
            if reachedEnd { return true }
            var probe = self
            _ = probe.read(while: { $0 == " " || $0 == "\t" })
            guard probe.current.isNewline else { return false }
            probe.advance()
            position = probe.position
            return true
        }

        mutating func parse(section: String?, newLine startsOnNewLine: Bool) throws(ParseError) -> Template {
            var tokens: [Token] = []
            var newLine = startsOnNewLine
            var whiteSpaceBefore: [Character] = []
            func text(_ characters: [Character]) -> Token { .text(Array(String(characters).utf8)) }
            while !reachedEnd {
                if newLine { whiteSpaceBefore = read(while: { $0 == " " || $0 == "\t" }) }
                let plain = readUntilTagOrNewline()
                if current.isNewline {
                    tokens.append(text(whiteSpaceBefore + plain + [current]))
                    newLine = true
                    advance()
                    continue
                }
                if !plain.isEmpty {
                    tokens.append(text(whiteSpaceBefore + plain))
                    whiteSpaceBefore = []
                    newLine = false
                }
                if reachedEnd { break }
                var setNewLine = false
                let standalone = { (parser: inout Parser) in newLine && parser.hasLineFinished() }
                switch current {
                case "#", "^":
                    let inverted = current == "^"
                    advance()
                    let name = try parseName()
                    if standalone(&self) {
                        setNewLine = true
                    } else if !whiteSpaceBefore.isEmpty {
                        tokens.append(text(whiteSpaceBefore))
                        whiteSpaceBefore = []
                    }
                    let inner = try parse(section: name, newLine: setNewLine ? newLine : false)
                    tokens.append(.section(Self.path(name), inner, inverted: inverted))
                case "/":
                    advance()
                    let name = try parseName()
                    guard name == section else { throw ParseError(message: "'{{/\(name)}}' closes no open section") }
                    if !standalone(&self), !whiteSpaceBefore.isEmpty { tokens.append(text(whiteSpaceBefore)) }
                    return Template(tokens: tokens)
                case "!":
                    advance()
                    while !reachedEnd, !(current == "}" && position + 1 < characters.count && characters[position + 1] == "}") { advance() }
                    try readClosing()
                    setNewLine = standalone(&self)
                case "{", "&":
                    let triple = current == "{"
                    if !whiteSpaceBefore.isEmpty {
                        tokens.append(text(whiteSpaceBefore))
                        whiteSpaceBefore = []
                    }
                    advance()
                    if triple {
                        _ = read(while: \.isWhitespace)
                        let name = String(read(while: { Self.nameCharacters.contains($0) }))
                        _ = read(while: \.isWhitespace)
                        guard current == "}" else { throw ParseError(message: "'{{{' is not closed by '}}}'") }
                        advance()
                        try readClosing()
                        tokens.append(.variable(Self.path(name), escaped: false))
                    } else {
                        tokens.append(.variable(Self.path(try parseName()), escaped: false))
                    }
                case ">":
                    advance()
                    _ = read(while: \.isWhitespace)
                    let name = try parseName(Self.partialNameCharacters)
                    if !whiteSpaceBefore.isEmpty { tokens.append(text(whiteSpaceBefore)) }
                    if standalone(&self) {
                        setNewLine = true
                        tokens.append(.partial(name, indentation: Array(String(whiteSpaceBefore).utf8)))
                    } else {
                        tokens.append(.partial(name, indentation: nil))
                    }
                    whiteSpaceBefore = []
                case "%":
                    advance()
                    _ = read(while: \.isWhitespace)
                    let variable = String(read(while: { Self.nameCharacters.contains($0) && $0 != "(" && $0 != ")" }))
                    _ = read(while: \.isWhitespace)
                    guard current == ":" else { throw ParseError(message: "a pragma is 'NAME: VALUE'") }
                    advance()
                    _ = read(while: \.isWhitespace)
                    let value = String(read(while: { Self.nameCharacters.contains($0) && $0 != "(" && $0 != ")" }))
                    _ = read(while: \.isWhitespace)
                    try readClosing()
                    guard variable == "CONTENT_TYPE", let format = PageTemplates.Format(rawValue: value) else {
                        throw ParseError(message: "unknown pragma '\(variable): \(value)'")
                    }
                    tokens.append(.contentType(format))
                    setNewLine = standalone(&self)
                default:
                    if !whiteSpaceBefore.isEmpty {
                        tokens.append(text(whiteSpaceBefore))
                        whiteSpaceBefore = []
                    }
                    tokens.append(.variable(Self.path(try parseName()), escaped: true))
                }
                newLine = setNewLine
            }
            guard section == nil else { throw ParseError(message: "the section '\(section!)' is never closed") }
            return Template(tokens: tokens)
        }

        /// A name's parts, split as swift-mustache splits them (empty parts dropped).
        static func path(_ name: String) -> [String] { name.split(separator: ".").map(String.init) }
    }
}
