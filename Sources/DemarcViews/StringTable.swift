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
    private let values: [String: String]

    public struct Problem: Error, CustomStringConvertible, Equatable, Sendable {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): error: \(message)" }
    }

    /// Parses a table; throws the first problem with its line.
    public init(language: Language, file: String, text: String) throws {
        var values: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let separator = line.range(of: " = ") ?? (line.hasSuffix(" =") ? line.range(of: " =", options: .backwards) : nil) else {
                throw Problem(file: file, line: index + 1, message: "expected 'key = value'")
            }
            let key = String(line[..<separator.lowerBound])
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else {
                throw Problem(file: file, line: index + 1, message: "a key is ASCII letters, digits, '.' and '-', not '\(key)'")
            }
            var value = String(line[separator.upperBound...])
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard values[key] == nil else { throw Problem(file: file, line: index + 1, message: "the key '\(key)' is defined twice") }
            values[key] = Self.unescape(value)
        }
        self.language = language
        self.values = values
    }

    private static func unescape(_ value: String) -> String {
        guard value.contains("\\") else { return value }
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
        guard let value = values[key] else { return [] }
        var names: Set<String> = []
        var rest = value[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The phrase `key` with its placeholders filled. A key the table lacks
    /// shows as `⟦key⟧` (the string-table tests keep that from shipping).
    /// What fills a placeholder is running text: a line break in it (a name
    /// written over two lines for a diagram's label) becomes a space.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String {
        guard let value = values[key] else { return "⟦\(key)⟧" }
        // Searched by UTF-8 code unit ("{" and "}" are ASCII): no grapheme breaking.
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        guard !arguments.isEmpty, value.utf8.contains(open) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        var rest = value[...]
        while let start = rest.utf8.firstIndex(of: open), let end = rest.utf8[start...].firstIndex(of: close) {
            out += rest[..<start]
            let name = String(rest[rest.utf8.index(after: start)..<end])
            if let argument = arguments[name] {
                out += argument.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) ? Escape.oneLine(argument) : argument
            } else {
                out += "{\(name)}"
            }
            rest = rest[rest.utf8.index(after: end)...]
        }
        out += rest
        return out
    }
}
