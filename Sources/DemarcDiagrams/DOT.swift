/// DOT identifiers. The escapers for the places text goes in DOT (label
/// text, attributes inside labels, quoted strings, URLs) are `Escape`'s, with
/// every other context's (DemarcModel/Core/Escape.swift).
public enum DOT {
    /// A DOT identifier made of `[a-z0-9_]` from an id or slug (never user text).
    public static func identifier(_ raw: String) -> String {
        String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}
