import DemarcModel
import DemarcResources

/// The string tables compiled into the binary, one per language, from
/// `Templates/strings/<code>.strings`.
public enum StringTables {
    /// The folder the tables come from.
    public static let folder = "Templates/strings"

    /// The languages Demarc has wording for.
    public static var languages: [Language] {
        Resources.files(under: folder).keys.compactMap { path -> Language? in
            let name = path.split(separator: "/").last.map(String.init) ?? ""
            guard name.hasSuffix(".strings") else { return nil }
            return Language(code: String(name.dropLast(".strings".count)))
        }.sorted()
    }

    /// Demarc has no wording for a language.
    public struct Unsupported: Error, CustomStringConvertible, Equatable, Sendable {
        public var language: Language
        public var available: [Language]

        public init(language: Language, available: [Language]) {
            self.language = language
            self.available = available
        }

        public var description: String {
            "Demarc has no wording for language '\(language.code)' (no \(StringTables.folder)/\(language.code).strings); it writes: \(available.map(\.code).joined(separator: ", "))"
        }
    }

    /// The built-in table of `language`.
    public static func builtIn(_ language: Language) throws -> StringTable {
        let path = "\(folder)/\(language.code).strings"
        guard let bytes = Resources.file(path) else { throw Unsupported(language: language, available: languages) }
        return try StringTable(language: language, file: path, text: String(decoding: bytes, as: UTF8.self))
    }
}
