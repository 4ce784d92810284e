/// Every escaper Demarc has, one per output context, in one place. Model text
/// is untrusted: each user string goes through exactly one of these on its way
/// into an output, and each is tested on the same hostile corpus
/// (`EscapeTests`).
///
/// What every context shares: characters XML 1.0 forbids (C0 controls other
/// than tab, line feed and carriage return; U+FFFE, U+FFFF) and the invisible
/// C1 controls and DEL never reach a file; a line break stays a line break
/// where the context can draw one (DOT label text, XML text, the terminal) and
/// becomes a space where it cannot (attributes, tooltips, URLs).
public enum Escape {
    // MARK: the shared character classes

    /// What XML 1.0 and HTML forbid or call errors: C0 controls other than
    /// tab, LF and CR; DEL and C1; the noncharacters (U+FDD0…U+FDEF, and
    /// U+FFFE and U+FFFF of every plane). Lone surrogates cannot occur in a
    /// Swift string.
    public static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        return (0x7F...0x9F).contains(v) || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE
    }

    /// Characters that reorder or hide text on screen ("Trojan source"):
    /// bidi embeddings, overrides and isolates. Kept in files (they are
    /// legitimate in right-to-left text) but shown as escapes on a terminal.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// The text with dropped characters removed and CR LF / CR made LF.
    public static func clean(_ text: String) -> String {
        if !mayNeedCleaning(text) { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if scalar == "\r" {
                out.append("\n")
                continue
            }
            if scalar == "\n", previousCR { continue }
            if isDropped(scalar) { continue }
            out.append(scalar)
        }
        return String(out)
    }

    /// `clean` on UTF-8 bytes (ill-formed sequences become U+FFFD, as in a
    /// `String`): valid text with nothing to clean — a rendered diagram, say
    /// — is returned as it is, without a round trip through `String`.
    public static func clean(utf8 bytes: [UInt8]) -> [UInt8] {
        if isCleanUTF8(bytes) { return bytes }
        return Array(clean(String(decoding: bytes, as: UTF8.self)).utf8)
    }

    /// True when the bytes are well-formed UTF-8 in which `mayNeedCleaning`
    /// finds nothing; printable ASCII is passed over eight bytes at a time.
    static func isCleanUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw -> Bool in
            let n = raw.count
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            var i = 0
            while i < n {
                if i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let below20 = (w &- 0x20 &* ones) & ~w & highs
                    let x = w ^ (0x7F &* ones)
                    let del = (x &- ones) & ~x & highs
                    if (w & highs) | below20 | del == 0 {
                        i += 8
                        continue
                    }
                }
                let b = raw[i]
                func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
                    i + k < n && raw[i + k] >= low && raw[i + k] <= high
                }
                switch b {
                case 0x09, 0x0A, 0x20...0x7E:
                    i += 1
                case 0xC2:
                    guard continuation(1, 0xA0) else { return false }  // C1 controls
                    i += 2
                case 0xC3...0xDF:
                    guard continuation(1) else { return false }
                    i += 2
                case 0xE0...0xEF:
                    let (low, high): (UInt8, UInt8) = b == 0xE0 ? (0xA0, 0xBF) : b == 0xED ? (0x80, 0x9F) : (0x80, 0xBF)
                    guard continuation(1, low, high), continuation(2) else { return false }
                    if b == 0xEF, raw[i + 1] == 0xB7 || raw[i + 1] == 0xBF { return false }  // U+FDxx, U+FFxx
                    i += 3
                case 0xF0...0xF4:
                    let (low, high): (UInt8, UInt8) = b == 0xF0 ? (0x90, 0xBF) : b == 0xF4 ? (0x80, 0x8F) : (0x80, 0xBF)
                    guard continuation(1, low, high), continuation(2), continuation(3) else { return false }
                    if raw[i + 2] == 0xBF, raw[i + 3] >= 0xBE { return false }  // a noncharacter of a plane
                    i += 4
                default:
                    return false  // a control, DEL, or not UTF-8
                }
            }
            return true
        }
    }

    /// False when no scalar of the text can be one `clean` changes: no C0
    /// control but tab and line feed, no DEL or C1 control (C2 80–9F), nothing
    /// from U+FDD0 or U+FFxx (EF B7, EF BF) and no noncharacter of the other
    /// planes (… BF BE/BF). A look at the bytes, as pages run to 100 KB.
    static func mayNeedCleaning(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                if b < 0x20 {
                    if b != 0x09 && b != 0x0A { return true }
                } else if b == 0x7F {
                    return true
                } else if b == 0xC2, i + 1 < n, bytes[i + 1] < 0xA0 {
                    return true
                } else if b == 0xEF, i + 1 < n, bytes[i + 1] == 0xB7 || bytes[i + 1] == 0xBF {
                    return true
                } else if b >= 0xF0, i + 3 < n, bytes[i + 2] == 0xBF, bytes[i + 3] >= 0xBE {
                    return true
                }
                i += 1
            }
            return false
        }
    }

    /// One line: cleaned, every run of spaces, tabs and line breaks one
    /// space, no leading or trailing space.
    public static func oneLine(_ text: String) -> String {
        if isOneLine(text), !mayNeedCleaning(text), !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 }) { return text }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in clean(text).unicodeScalars {
            if scalar == "\n" || scalar == "\t" || scalar == " " {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }

    // MARK: Markdown

    /// Model text as Markdown shows it, not as markup: the characters that
    /// start emphasis, code, links, HTML, headings, lists, tables or entities
    /// backslash-escaped (CommonMark), line breaks kept.
    public static func markdownText(_ text: String) -> String {
        var out = ""
        var lineStart = true
        for character in clean(text) {
            if "\\`*_[]<>|#&~".contains(character) || lineStart && "-+=".contains(character) { out.append("\\") }
            out.append(character)
            lineStart = character == "\n" || (lineStart && character == " ")
        }
        return out
    }

    /// Model text in one cell of a Markdown table: one line, escaped.
    public static func markdownCell(_ text: String) -> String { markdownText(oneLine(text)) }

    // MARK: JSON

    /// A JSON string literal, quotes included: `"` and `\` escaped, control
    /// characters as `\n`, `\t`, `\r` or `\u00XX`; the rest as it is (UTF-8).
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: XML (SVG, and later DOCX/XLSX parts)

    /// XML character data: `&`, `<`, `>` as entities; line breaks kept.
    public static func xmlText(_ text: String) -> String {
        replacingASCII(clean(text)) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            default: nil
            }
        }
    }

    /// A double-quoted XML attribute value: one line, `&`, `<`, `>`, `"` as entities.
    public static func xmlAttribute(_ text: String) -> String {
        replacingASCII(oneLine(text)) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            default: nil
            }
        }
    }

    // MARK: HTML (the page templates' `{{…}}`)

    /// HTML text and attribute values, as swift-mustache's HTML content type
    /// escapes them: `& < > " '` as entities — but byte by byte (each is
    /// ASCII), so a `&` before a combining mark is escaped too, and the text
    /// is neither split into characters nor hashed per character: pages run
    /// to 100 KB. Text with nothing to escape is returned as it is.
    public static func html(_ text: String) -> String {
        replacingASCII(text) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
            }
        }
    }

    /// `text` with each ASCII byte `replacement` names replaced, by bytes:
    /// what every escaper here replaces is ASCII, and an ASCII byte in UTF-8
    /// is always the scalar it reads as. Text with nothing to replace is
    /// returned as it is.
    private static func replacingASCII(_ text: String, _ replacement: (UInt8) -> StaticString?) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            guard let first = bytes.firstIndex(where: { $0 < 0x80 && replacement($0) != nil }) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                if byte < 0x80, let replaced = replacement(byte) {
                    replaced.withUTF8Buffer { out.append(contentsOf: $0) }
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    // MARK: DOT (Graphviz)

    /// Graphviz replaces `\N`, `\G`, `\E`, `\H`, `\T`, `\L` with the node's or
    /// graph's name even in HTML-like labels and tooltips (after decoding
    /// entities), so a backslash before one of these letters gets a zero-width
    /// space after it: the text still reads `\N`, and nothing expands.
    static let expandingLetters: Set<Unicode.Scalar> = ["N", "G", "E", "H", "T", "L"]

    /// Text inside an HTML-like label (`label=<…>`): `& < > " '` and the
    /// backslash as entities, `\N`-style escapes defused, a line break as
    /// `<BR/>`.
    public static func dotHTML(_ text: String) -> String {
        if !mayNeedDOTEscapes(text) { return text }
        return dotHTML(clean(text), lineBreak: "<BR/>")
    }

    /// An attribute value inside an HTML-like label (`TOOLTIP="…"`, `HREF`):
    /// as `dotHTML`, on one line — Graphviz refuses `<BR/>` inside an attribute.
    public static func dotHTMLAttribute(_ text: String) -> String {
        if !mayNeedDOTEscapes(text), isOneLine(text) { return text }
        return dotHTML(oneLine(text), lineBreak: " ")
    }

    /// True when `oneLine` would leave the text's spaces as they are: none
    /// leading or trailing, none doubled (line breaks and tabs aside).
    static func isOneLine(_ text: String) -> Bool {
        let space = UInt8(ascii: " ")
        var previous: UInt8 = space
        for byte in text.utf8 {
            if byte == space, previous == space { return false }
            previous = byte
        }
        return previous != space || text.isEmpty
    }

    /// False when `dotHTML` would return the text as it is: nothing to clean,
    /// no `& < > " ' \`, line break or tab. Most label text: a look at the bytes.
    static func mayNeedDOTEscapes(_ text: String) -> Bool {
        if mayNeedCleaning(text) { return true }
        return text.utf8.contains { byte in
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), 0x0A, 0x09, 0x0D: true
            default: false
            }
        }
    }

    /// By bytes: everything replaced is ASCII, and so is the letter after a backslash that matters.
    private static func dotHTML(_ text: String, lineBreak: StaticString) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            func append(_ literal: StaticString) { literal.withUTF8Buffer { out.append(contentsOf: $0) } }
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: "\\"):
                    if index + 1 < bytes.count, expandingBytes.contains(bytes[index + 1]) { append("&#92;&#8203;") } else { append("&#92;") }
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "<"): append("&lt;")
                case UInt8(ascii: ">"): append("&gt;")
                case UInt8(ascii: "\""): append("&quot;")
                case UInt8(ascii: "'"): append("&#39;")
                case 0x0A: append(lineBreak)
                case 0x09: append(" ")
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `expandingLetters` as bytes.
    private static let expandingBytes: [UInt8] = Array("NGEHTL".utf8)

    /// A double-quoted DOT string (ids, tooltips, font names): one line; `"`
    /// and `\` escaped so `\N`, `\G`, `\L` stay literal; `&`, `<`, `>` as
    /// entities because Graphviz decodes entities in strings and writes
    /// tooltips into SVG attributes.
    public static func dotQuoted(_ text: String) -> String {
        var out = "\""
        let scalars = Array(oneLine(text).unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\"": out += "\\\""
            case "\\" where index + 1 < scalars.count && expandingLetters.contains(scalars[index + 1]):
                out += "\\\\\u{200B}"
            case "\\": out += "\\\\"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A URL as it must appear in the SVG: Graphviz 2.42 writes link targets
    /// unescaped, so `&` and `<` become entities and `"`, `\`, spaces and
    /// line breaks are percent-encoded here. (Inside an HTML-like label, pass
    /// the result through `dotHTMLAttribute` as well: the label's parser
    /// decodes one level.)
    public static func url(_ url: String) -> String {
        replacingASCII(clean(url)) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "%22"
            case UInt8(ascii: "\\"): "%5C"
            case UInt8(ascii: " "): "%20"
            case 0x0A: "%0A"
            case 0x09: "%09"
            default: nil
            }
        }
    }

    // MARK: the terminal

    /// Text for a terminal (or a log a terminal will show): line breaks and
    /// tabs kept; every other control character, DEL, C1 and the bidi
    /// controls shown as `\u{…}`, so model text cannot retitle the window,
    /// clear the screen or reorder what is shown. A backslash stays as it is.
    public static func terminal(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let isControl = (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v)
            if isControl || isBidiControl(scalar) || isDropped(scalar) {
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
