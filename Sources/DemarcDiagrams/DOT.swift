import DemarcModel

/// DOT identifiers. The escapers for the places text goes in DOT (label
/// text, attributes inside labels, quoted strings, URLs) are `Escape`'s, with
/// every other context's (DemarcModel/Core/Escape.swift).
public enum DOT {
    /// The widest line of label text, in columns (a CJK character is two).
    /// Graphviz 2.42 aborts (`pos_html_tbl: Assertion 'delx >= 0'`) on HTML
    /// tables tens of thousands of points wide, which one long unbroken name
    /// would make; every label is wrapped to this width at the least.
    static let longestLine = 240

    /// Label text: wrapped so no line is wider than `longestLine`, then escaped
    /// for an HTML-like label (`Escape.dotHTML`).
    public static func label(_ text: String) -> String {
        Escape.dotHTML(Wrap.lines(text, limit: longestLine))
    }

    /// A DOT identifier made of `[a-z0-9_]` from an id or slug (never user text).
    public static func identifier(_ raw: String) -> String {
        guard raw.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else {  // "\r\n" is one character
            return String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        }
        // ASCII (ids and slugs are): by bytes.
        return String(
            decoding: raw.utf8.map { byte in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): byte
                default: UInt8(ascii: "_")
                }
            }, as: UTF8.self)
    }
}
