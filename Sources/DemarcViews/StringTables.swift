import DemarcModel
import DemarcResources

/// The string tables compiled into the binary, one per language, from
/// `Templates/strings/<code>.strings`.
public enum StringTables {
    /// The folder the tables come from.
    public static let folder = "Templates/strings"

    /// The languages Demarc has wording for.
    public static let languages: [Language] = {
        Resources.files(under: folder).keys.compactMap { path -> Language? in
            let name = path.split(separator: "/").last.map(String.init) ?? ""
            guard name.hasSuffix(".strings") else { return nil }
            return Language(code: String(name.dropLast(".strings".count)))
        }.sorted()
    }()

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

    /// The built-in table of `language` (each read once per process: they are compiled in).
    public static func builtIn(_ language: Language) throws -> StringTable {
        guard let table = all[language] else { throw Unsupported(language: language, available: languages) }
        return try table.get()
    }

    /// Every built-in table, read on first use (a build asks for them on a
    /// thread of their own while it reads the model: `prepare()`).
    private static let all: [Language: Result<StringTable, any Error>] = {
        var tables: [Language: Result<StringTable, any Error>] = [:]
        for language in languages {
            let path = "\(folder)/\(language.code).strings"
            let text = String(decoding: Resources.file(path) ?? [], as: UTF8.self)
            tables[language] = Result { try StringTable(language: language, file: path, text: text) }
        }
        return tables
    }()

    /// Reads every built-in table now.
    public static func prepare() { _ = all }
}
