/// A language Demarc writes in, by its code (`ja`, `en`, …): lower-case
/// ASCII letters, optionally followed by `-` and a region or script subtag.
/// A model declares its languages; Japanese comes first by default.
public struct Language: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let code: String

    /// Nil for a code that is not `[a-z]{2,3}(-[a-z0-9]{2,8})*`.
    public init?(code: String) {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLowercase }),
            parts.dropFirst().allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } })
        else { return nil }
        self.code = code
    }

    private init(known code: String) { self.code = code }

    public static let ja = Language(known: "ja")
    public static let en = Language(known: "en")
    /// The languages a model has when it declares none.
    public static let defaults: [Language] = [.ja, .en]

    public var description: String { code }
    public static func < (a: Language, b: Language) -> Bool { a.code < b.code }
}

/// Human-readable text in one or more languages. The language written first
/// is the fallback for a language the text lacks.
public struct Text: Hashable, Sendable {
    /// Language code → text.
    public private(set) var strings: [String: String]
    /// The code of the fallback language (written first).
    public private(set) var primary: String

    /// Text in `translations`, the first being the fallback. At least one.
    public init(_ translations: [(Language, String)]) {
        precondition(!translations.isEmpty, "a text needs one language")
        var strings: [String: String] = [:]
        for (language, string) in translations where strings[language.code] == nil { strings[language.code] = string }
        self.strings = strings
        primary = translations[0].0.code
    }

    /// Japanese with an optional English translation.
    public init(ja: String, en: String? = nil) {
        self.init([(.ja, ja)] + (en.map { [(.en, $0)] } ?? []))
    }

    /// The same string in every language (ids, numbers).
    public static func verbatim(_ string: String) -> Text { Text([(.ja, string)]) }

    /// The text in `language`, falling back to the primary language.
    public func string(_ language: Language) -> String { strings[language.code] ?? strings[primary] ?? "" }

    public subscript(_ language: Language) -> String { string(language) }

    /// Whether the text was written in `language` (no fallback).
    public func has(_ language: Language) -> Bool { strings[language.code] != nil }

    /// The Japanese text (or the primary one).
    public var ja: String { string(.ja) }
    /// The English text, when written.
    public var en: String? { strings["en"] }
}

extension Text: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(ja: value) }
}

extension Text: CustomStringConvertible {
    /// `ja: …, en: …`, the primary language first, the others sorted: stable
    /// whatever order the dictionary keeps.
    public var description: String {
        let codes = [primary] + strings.keys.filter { $0 != primary }.sorted()
        return codes.map { "\($0): \(strings[$0]!)" }.joined(separator: ", ")
    }
}
