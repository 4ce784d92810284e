/// A language Demarc writes in. Japanese first.
public enum Language: String, CaseIterable, Sendable, Codable {
    case ja, en
}

/// Human-readable text, Japanese required and English optional.
public struct Text: Hashable, Sendable {
    /// The Japanese text (required by the format).
    public var ja: String
    /// The English text, when the model gives one.
    public var en: String?

    public init(ja: String, en: String? = nil) {
        self.ja = ja
        self.en = en
    }

    /// The text in `language`, falling back to Japanese where English is missing.
    public func string(_ language: Language) -> String {
        switch language {
        case .ja: return ja
        case .en: return en ?? ja
        }
    }

    public subscript(_ language: Language) -> String { string(language) }
}

extension Text: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(ja: value) }
}
