/// Escaping for the three places text goes in DOT, each exactly once.
public enum DOT {
    /// Graphviz replaces `\N`, `\G`, `\E`, `\H`, `\T`, `\L` with the node's or
    /// graph's name even in HTML-like labels and tooltips (after decoding
    /// entities), so a backslash before one of these letters gets a zero-width
    /// space after it: the text still reads `\N`, and nothing expands.
    static let expandingLetters: Set<Unicode.Scalar> = ["N", "G", "E", "H", "T", "L"]

    /// Text inside an HTML-like label (`label=<…>`): `& < > " '` and the
    /// backslash as entities, `\N`-style escapes defused, control characters
    /// dropped (XML 1.0 forbids them in the SVG).
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\\", index + 1 < scalars.count, expandingLetters.contains(scalars[index + 1]) {
                out += "&#92;&#8203;"
                continue
            }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\\": out += "&#92;"
            case "\n": out += "<BR/>"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A double-quoted DOT string (ids, tooltips, plain labels): `"` and `\`
    /// escaped so `\N`, `\G`, `\L` stay literal; newlines as `\n`; `&`, `<`,
    /// `>` as entities because Graphviz decodes entities in strings and writes
    /// tooltips into SVG attributes.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\"": out += "\\\""
            case "\\" where index + 1 < scalars.count && expandingLetters.contains(scalars[index + 1]):
                out += "\\\\\u{200B}"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A URL as it must appear in the SVG: Graphviz 2.42 writes link targets
    /// unescaped, so `&` and `<` become entities and `"`, `\`, spaces are
    /// percent-encoded here. (Inside an HTML-like label, pass the result
    /// through `html` as well: the label's parser decodes one level.)
    public static func url(_ url: String) -> String {
        var out = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "%22"
            case "\\": out += "%5C"
            case " ": out += "%20"
            case _ where scalar.value < 0x20: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A DOT identifier made of `[a-z0-9_]` from an id or slug (never user text).
    public static func identifier(_ raw: String) -> String {
        String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}
