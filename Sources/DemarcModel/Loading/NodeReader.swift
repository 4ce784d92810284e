import Foundation
import Yams

/// Reads typed values out of a YAML tree, recording every problem with its
/// position instead of stopping at the first.
struct NodeReader {
    let file: String
    /// The load's files by index, for nodes an overlay moved here from
    /// another file (`FileMarks`).
    let files: [String]
    /// The model's languages, the first required in every text.
    let languages: [Language]
    var diagnostics: [Diagnostic] = []

    init(file: String, files: [String] = [], languages: [Language] = Language.defaults) {
        self.file = file
        self.files = files
        self.languages = languages.isEmpty ? Language.defaults : languages
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return place(mark, columns: 0)
    }

    /// A mark's file, line and column (plus `columns`).
    private func place(_ mark: Mark, columns: Int) -> SourceLocation {
        let (index, line) = FileMarks.split(mark.line)
        let owner = index > 0 && index < files.count ? files[index] : index == 0 && !files.isEmpty ? files[0] : file
        return SourceLocation(file: owner, line: line, column: mark.column + columns)
    }

    /// Where a scalar ends on its line, when that can be known from the
    /// value: plain and single-quoted scalars without quotes inside, and
    /// double-quoted ones without escapes.
    func end(_ node: Node?) -> SourceLocation? {
        guard let node, let mark = node.mark, case .scalar(let scalar) = node, !scalar.string.contains("\n") else { return nil }
        let length = scalar.string.unicodeScalars.count
        switch scalar.style {
        case .plain: return place(mark, columns: length)
        case .singleQuoted where !scalar.string.contains("'"):
            return place(mark, columns: length + 2)
        case .doubleQuoted
        where !scalar.string.unicodeScalars.contains {
            $0 == "\\" || $0 == "\"" || $0.value < 0x20 || $0.value > 0x7E && $0.properties.generalCategory == .control
        }:
            return place(mark, columns: length + 2)
        default: return nil
        }
    }

    mutating func error(_ rule: Rule, _ node: Node?, _ message: String, suggestion: String? = nil, fix: Fix? = nil) {
        diagnostics.append(Diagnostic(.error, rule, at: location(node), to: end(node), message, suggestion: suggestion, fix: fix))
    }

    mutating func warning(_ rule: Rule, _ node: Node?, _ message: String, suggestion: String? = nil) {
        diagnostics.append(Diagnostic(.warning, rule, at: location(node), to: end(node), message, suggestion: suggestion))
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty || isNull(node) ? "nothing" : "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// A mapping's entries, checking its keys against a definition of the field table.
    mutating func fields(_ node: Node, _ what: String, _ definition: FormatDefinition) -> Fields? {
        fields(node, what, definition.fields)
    }

    mutating func fields(_ node: Node, _ what: String, _ fields: [FormatField]) -> Fields? {
        self.fields(node, what, allowed: fields.keys, required: fields.requiredKeys)
    }

    /// A mapping's entries, checking keys: unknown ones (with "did you mean"),
    /// missing required ones. Returns nil (after reporting) when not a mapping.
    mutating func fields(_ node: Node, _ what: String, allowed: [String], required: [String] = []) -> Fields? {
        guard case .mapping(let mapping) = node else {
            error(.wrongType, node, "\(what) must be a mapping, found \(Self.describe(node))")
            return nil
        }
        var fields = Fields(node: node)
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                error(.wrongType, key, "a key of \(what) must be a plain word, found \(Self.describe(key))")
                continue
            }
            if allowed.contains(k.string) {
                fields.values[k.string] = value
                fields.keys[k.string] = key
            } else {
                let hint = Identifiers.closest(to: k.string, in: allowed)
                error(
                    .unknownKey, key, "unknown key '\(k.string)' in \(what)",
                    suggestion: hint.map { "did you mean '\($0)'?" } ?? "known keys: \(allowed.joined(separator: ", "))",
                    fix: hint.map { Fix(replacement: $0) })
            }
        }
        for name in required where fields.values[name] == nil || Self.isNull(fields.values[name]!) {
            error(.missingField, node, "\(what) needs '\(name)'")
        }
        return fields
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node, !Self.isNull(node) else { return nil }
        guard case .scalar(let s) = node else {
            error(.wrongType, node, "\(what) must be a single value, found \(Self.describe(node))")
            return nil
        }
        return s.string
    }

    mutating func list(_ node: Node?, _ what: String) -> [Node] {
        guard let node, !Self.isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            error(.wrongType, node, "\(what) must be a list, found \(Self.describe(node))")
            return []
        }
        return Array(sequence)
    }

    /// An id of a party, layer, offering, topic, evidence item or parameter.
    mutating func id(_ node: Node?, _ what: String) -> String? {
        guard let value = string(node, what) else { return nil }
        if let problem = Identifiers.problem(with: value) {
            let suggestion = Identifiers.suggestedID(value)
            error(
                .idInvalid, node, "invalid id '\(value)' for \(what): \(problem)",
                suggestion: suggestion != value && Identifiers.problem(with: suggestion) == nil ? "try '\(suggestion)'" : nil)
        }
        return value
    }

    /// A reference to an id (checked later against what exists).
    mutating func reference(_ node: Node?, _ what: String) -> Reference? {
        guard let node, let value = string(node, what) else { return nil }
        return Reference(id: value, location: location(node), end: end(node))
    }

    /// A list of references, or a single one.
    mutating func references(_ node: Node?, _ what: String) -> [Reference] {
        guard let node else { return [] }
        if case .sequence = node {
            return list(node, what).compactMap { reference($0, what) }
        }
        return reference(node, what).map { [$0] } ?? []
    }

    /// Text: a plain string (in the model's first language) or a mapping by
    /// language code, the first language required, the others warned about.
    mutating func text(_ node: Node?, _ what: String, required: Bool = true) -> Text? {
        guard let node, !Self.isNull(node) else { return nil }
        let first = languages[0]
        let rest = languages.dropFirst()
        // Nothing but white space (Unicode's White_Space, the set Foundation's
        // whitespacesAndNewlines holds), looked at scalar by scalar: most text
        // answers at its first.
        func blank(_ s: String?) -> Bool { s?.unicodeScalars.allSatisfy(\.properties.isWhitespace) ?? true }
        switch node {
        case .scalar(let s):
            if blank(s.string) {
                error(.textMissingJa, node, "\(what) is empty")
                return nil
            }
            if let second = rest.first {
                warning(
                    .textMissingEn, node, "\(what) has no \(Self.name(second))",
                    suggestion: "write it as {\(languages.map { "\($0.code): …" }.joined(separator: ", "))}")
            }
            return Text([(first, s.string)])
        case .mapping(let mapping):
            // A language Demarc knows but the model does not declare: say so, rather than "did you mean".
            var allowed = languages.map(\.code)
            for key in mapping.keys {
                guard case .scalar(let k) = key, ModelFormat.languages.contains(k.string), !allowed.contains(k.string) else { continue }
                error(
                    .unknownKey, key, "'\(k.string)' is not a language of this model (model.languages: \(allowed.joined(separator: ", ")))",
                    suggestion: "add it to model.languages, or leave this translation out")
                allowed.append(k.string)
            }
            guard let f = fields(node, what, allowed: allowed) else { return nil }
            var translations: [(Language, String)] = []
            for language in languages {
                if let value = string(f[language.code], "\(what) (\(language.code))"), !blank(value) { translations.append((language, value)) }
            }
            guard translations.first?.0 == first else {
                error(
                    .textMissingJa, node, "\(what) has no \(Self.name(first)) text ('\(first.code)')",
                    suggestion: "\(Self.name(first)) is required"
                        + (rest.isEmpty ? "" : "; \(rest.map { Self.name($0) }.joined(separator: " and ")) \(rest.count == 1 ? "is" : "are") optional"))
                return translations.isEmpty ? nil : Text(translations)
            }
            for language in rest where !translations.contains(where: { $0.0 == language }) {
                warning(.textMissingEn, node, "\(what) has no \(Self.name(language)) ('\(language.code)')")
            }
            return Text(translations)
        default:
            error(
                .wrongType, node,
                "\(what) must be text or {\(languages.map { "\($0.code): …" }.joined(separator: ", "))}, found \(Self.describe(node))")
            return nil
        }
    }

    /// A language's name in messages.
    static func name(_ language: Language) -> String {
        ["ja": "Japanese", "en": "English"][language.code] ?? "'\(language.code)'"
    }

    mutating func texts(_ node: Node?, _ what: String) -> [Text] {
        list(node, what).compactMap { text($0, what) }
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ node: Node?, _ what: String, as: E.Type) -> E? where E.RawValue == String {
        choice(node, what, among: E.allCases.map(\.rawValue)).flatMap(E.init(rawValue:))
    }

    /// One of `options`, or nil after saying which it could be.
    mutating func choice(_ node: Node?, _ what: String, among options: [String]) -> String? {
        guard let node, let value = string(node, what) else { return nil }
        if options.contains(value) { return value }
        let hint = Identifiers.closest(to: value, in: options)
        error(
            .valueNotInSet, node, "\(what) cannot be '\(value)'; it is one of: \(options.joined(separator: ", "))",
            suggestion: hint.map { "did you mean '\($0)'?" }, fix: hint.map { Fix(replacement: $0) })
        return nil
    }

    mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node, let value = string(node, what) else { return nil }
        switch value {
        case "true", "yes", "True", "TRUE": return true
        case "false", "no", "False", "FALSE": return false
        default:
            error(.invalidBoolean, node, "\(what) is true or false, not '\(value)'")
            return nil
        }
    }

    mutating func int(_ node: Node?, _ what: String, minimum: Int = 1) -> Int? {
        guard let node, let value = string(node, what) else { return nil }
        guard let n = Int(value), n >= minimum else {
            error(.invalidNumber, node, "\(what) must be a whole number ≥ \(minimum), not '\(value)'")
            return nil
        }
        return n
    }

    mutating func day(_ node: Node?, _ what: String) -> Day? {
        guard let node, let value = string(node, what) else { return nil }
        guard let day = Day(value) else {
            error(.invalidDate, node, "\(what) must be a date YYYY-MM-DD, not '\(value)'")
            return nil
        }
        return day
    }

    mutating func colour(_ node: Node?, _ what: String) -> Colour? {
        guard let node, let value = string(node, what) else { return nil }
        guard let colour = Colour(hex: value) else {
            error(.invalidColour, node, "\(what) must be a colour #rrggbb, not '\(value)'")
            return nil
        }
        return colour
    }

    mutating func sourceRef(_ node: Node?, _ what: String) -> SourceRef? {
        guard let node, !Self.isNull(node) else { return nil }
        guard let f = fields(node, what, ModelFormat.sourceRef) else { return nil }
        if f.values.isEmpty {
            error(.missingField, node, "\(what) is empty", suggestion: "name the document, the page or a note, or leave the key out")
            return nil
        }
        return SourceRef(
            document: string(f["document"], "\(what) document"),
            page: int(f["page"], "\(what) page"),
            note: text(f["note"], "\(what) note"))
    }
}

/// The values of a YAML mapping by key, with the key nodes for positions.
struct Fields {
    var node: Node
    var values: [String: Node] = [:]
    var keys: [String: Node] = [:]

    subscript(_ key: String) -> Node? { values[key] }
}

/// A reference to an id, with where it was written (for "unknown reference").
public struct Reference: Hashable, Sendable {
    public var id: String
    public var location: SourceLocation
    /// Where the id ends, when known.
    public var end: SourceLocation? = nil
}
