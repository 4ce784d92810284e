import Foundation

import DemarcModel

/// The wording of one language: every phrase Demarc writes, by key, read
/// from `Templates/strings/<code>.strings` (a file a translator can read,
/// compiled into the binary). Views are the only code that reads it.
///
/// Format: one `key = value` per line; `#` starts a comment line. The value
/// is everything after `= `; write it in double quotes to keep leading or
/// trailing spaces. `\n` is a line break, `\\` a backslash. `{name}` is a
/// placeholder the view fills in.
public struct StringTable: Sendable {
    public let language: Language
    /// Each value split once, when the table is read, at its placeholders.
    private let values: [String: Phrase]

    /// A value: its text, or its pieces between placeholders.
    private struct Phrase: Sendable {
        enum Piece: Sendable {
            case text(String)
            case placeholder(String)
        }
        var text: String
        /// Empty when the text has no placeholder.
        var pieces: [Piece]

        init(_ text: String) {
            self.text = text
            var pieces: [Piece] = []
            var rest = text[...]
            // Searched by UTF-8 code unit ("{" and "}" are ASCII): no grapheme breaking.
            while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")), let close = rest.utf8[open...].firstIndex(of: UInt8(ascii: "}")) {
                if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
                pieces.append(.placeholder(String(rest[rest.utf8.index(after: open)..<close])))
                rest = rest[rest.utf8.index(after: close)...]
            }
            if !pieces.isEmpty, !rest.isEmpty { pieces.append(.text(String(rest))) }
            self.pieces = pieces
        }
    }

    public struct Problem: Error, CustomStringConvertible, Equatable, Sendable {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): error: \(message)" }
    }

    /// Parses a table; throws the first problem with its line.
    public init(language: Language, file: String, text: String) throws {
        var values: [String: Phrase] = [:]
        let bytes = Array(text.utf8)
        for (index, raw) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if trimmed.isEmpty || trimmed.first == UInt8(ascii: "#") { continue }
            // The first " = ", or a line that ends " =" (an empty value).
            let equals = line.indices.first { i in
                guard line[i] == UInt8(ascii: " "), i + 1 < line.endIndex, line[i + 1] == UInt8(ascii: "=") else { return false }
                return i + 2 == line.endIndex || line[i + 2] == UInt8(ascii: " ")
            }
            guard let equals else { throw Problem(file: file, line: index + 1, message: "expected 'key = value'") }
            let keyBytes = line[..<equals]
            let key = String(decoding: keyBytes, as: UTF8.self)
            let isKeyByte = { (b: UInt8) in
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."),
                    UInt8(ascii: "-"):
                    true
                default: false
                }
            }
            guard !keyBytes.isEmpty, keyBytes.allSatisfy(isKeyByte) else {
                throw Problem(file: file, line: index + 1, message: "a key is ASCII letters, digits, '.' and '-', not '\(key)'")
            }
            var valueBytes = line[min(equals + 3, line.endIndex)...]
            // In double quotes to keep leading or trailing spaces.
            if valueBytes.count >= 2, valueBytes.first == UInt8(ascii: "\""), valueBytes.last == UInt8(ascii: "\"") {
                valueBytes = valueBytes.dropFirst().dropLast()
            }
            let value = String(decoding: valueBytes, as: UTF8.self)
            guard values[key] == nil else { throw Problem(file: file, line: index + 1, message: "the key '\(key)' is defined twice") }
            values[key] = Phrase(Self.unescape(value))
        }
        self.language = language
        self.values = values
    }

    private static func unescape(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "\\")) else { return value }
        var out = ""
        var escaping = false
        for c in value {
            if escaping {
                out.append(c == "n" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Every key, sorted.
    public var keys: [String] { values.keys.sorted() }

    /// The placeholders `{name}` a value holds.
    public func placeholders(_ key: String) -> Set<String> {
        var names: Set<String> = []
        for piece in values[key]?.pieces ?? [] {
            if case .placeholder(let name) = piece { names.insert(name) }
        }
        return names
    }

    /// The phrase `key` with its placeholders filled. A key the table lacks
    /// shows as `⟦key⟧` (the string-table tests keep that from shipping).
    /// What fills a placeholder is running text: a line break in it (a name
    /// written over two lines for a diagram's label) becomes a space.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        guard let phrase = values[key] else { return "⟦\(key)⟧" }
        guard !arguments.isEmpty, !phrase.pieces.isEmpty else { return phrase.text }
        var out = ""
        out.reserveCapacity(phrase.text.utf8.count + 32)
        for piece in phrase.pieces {
            switch piece {
            case .text(let text):
                out += text
            case .placeholder(let name):
                if let argument = arguments[name] {
                    out += argument.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) ? Escape.oneLine(argument) : argument
                } else {
                    out += "{\(name)}"
                }
            }
        }
        return out
    }
}
