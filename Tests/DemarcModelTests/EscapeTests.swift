import DemarcModel
import Foundation
import DemarcTestSupport
import Testing

/// The escapers, one per output context, on the one hostile corpus: what
/// each must never let through, and exact results where the form matters.
@Suite("One escaper per output context")
struct EscapeTests {
    static let corpus = HostileText.corpus

    static func forbiddenInXML(_ s: String) -> Bool {
        s.unicodeScalars.contains { ($0.value < 0x20 && !["\t", "\n", "\r"].contains($0)) || $0.value == 0xFFFE || $0.value == 0xFFFF }
    }

    @Test(arguments: corpus)
    func xmlTextAndAttributes(_ text: String) {
        let t = Escape.xmlText(text), a = Escape.xmlAttribute(text)
        for out in [t, a] {
            #expect(!Self.forbiddenInXML(out))
            #expect(!out.contains("<") && !out.contains(">"))
            #expect(
                !out.replacingOccurrences(of: "&amp;", with: "").replacingOccurrences(of: "&lt;", with: "")
                    .replacingOccurrences(of: "&gt;", with: "").replacingOccurrences(of: "&quot;", with: "").contains("&"))
        }
        #expect(!a.contains("\"") && !a.contains("\n") && !a.contains("\t"))
    }

    @Test(arguments: corpus)
    func dotContexts(_ text: String) {
        let html = Escape.dotHTML(text), attribute = Escape.dotHTMLAttribute(text), quoted = Escape.dotQuoted(text)
        for out in [html, attribute, quoted] {
            #expect(!Self.forbiddenInXML(out) && !out.contains("\n") && !out.contains("\r"))
            // No \N-style escape survives for Graphviz to expand.
            for letter in ["N", "G", "E", "H", "T", "L"] { #expect(!out.contains("\\" + letter)) }
        }
        // Label text: the only markup is Demarc's own line break.
        #expect(!html.replacingOccurrences(of: "<BR/>", with: "").contains("<"))
        #expect(!attribute.contains("<") && !attribute.contains("\"") && !attribute.contains("'"))
        // A quoted string: no unescaped quote before the closing one.
        let inner = quoted.dropFirst().dropLast()
        #expect(quoted.hasPrefix("\"") && quoted.hasSuffix("\""))
        #expect(!inner.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\\"", with: "").contains("\""))
    }

    /// The page templates' `{{…}}`: every `& < > " '` as an entity (a `&`
    /// before a combining mark too, which swift-mustache's own escaper,
    /// working on characters, lets through), nothing else changed.
    @Test(arguments: corpus + ["&\u{301}amp; <\u{338}>"])
    func html(_ text: String) {
        let out = Array(Escape.html(text).utf8)
        #expect(!out.contains { [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'")].contains($0) })
        // Read back entity by entity, by bytes (Foundation's search would not see "&amp;" before a combining mark).
        let entities: [(String, UInt8)] = [("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&#39;", 0x27)]
        var back: [UInt8] = []
        var i = 0
        while i < out.count {
            if out[i] == UInt8(ascii: "&") {
                guard let entity = entities.first(where: { out[i...].starts(with: Array($0.0.utf8)) }) else {
                    Issue.record("a bare & at \(i)")
                    return
                }
                back.append(entity.1)
                i += entity.0.utf8.count
            } else {
                back.append(out[i])
                i += 1
            }
        }
        #expect(back == Array(text.utf8), "nothing but the five is changed")
    }

    @Test(arguments: corpus)
    func urlsAndTerminal(_ text: String) {
        let url = Escape.url(text)
        #expect(!url.contains(" ") && !url.contains("\"") && !url.contains("<") && !url.contains("\n") && !Self.forbiddenInXML(url))
        let shown = Escape.terminal(text)
        #expect(!shown.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) })
        #expect(!shown.unicodeScalars.contains { Escape.isBidiControl($0) })
    }

    @Test(arguments: corpus)
    func jsonStrings(_ text: String) throws {
        let literal = Escape.jsonString(text)
        #expect(!literal.unicodeScalars.contains { $0.value < 0x20 })
        let parsed = try JSONSerialization.jsonObject(with: Data(("[" + literal + "]").utf8)) as? [String]
        #expect(parsed == [text], "the literal reads back as the text")
    }

    @Test func exactForms() {
        #expect(Escape.jsonString("a\"b\\c\n\u{1}é") == #""a\"b\\c\n\u0001é""#)
        #expect(Escape.dotHTML("a&b<c>\"d\"'e'\\N\u{7}\\x\nz") == "a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;&#92;&#8203;N&#92;x<BR/>z")
        #expect(Escape.dotHTMLAttribute("Virtual\nserver\t x") == "Virtual server x")
        #expect(Escape.dotQuoted("a\"b\\N\nc&d\\x") == "\"a\\\"b\\\\\u{200B}N c&amp;d\\\\x\"")
        #expect(Escape.url("https://x/a?b=1&c=\"2\" d") == "https://x/a?b=1&amp;c=%222%22%20d")
        #expect(Escape.xmlText("a\r\nb\u{1B}[2J<c>") == "a\nb[2J&lt;c&gt;")
        #expect(Escape.xmlAttribute("t \"q\"\nr") == "t &quot;q&quot; r")
        #expect(Escape.terminal("\u{1B}]0;owned\u{07}\u{1B}[2Jx\u{202E}y\tz\n") == "\\u{1B}]0;owned\\u{7}\\u{1B}[2Jx\\u{202E}y\tz\n")
        #expect(Escape.oneLine("  two\n\nlines \t here ") == "two lines here")
        #expect(Escape.clean("a\r\nb\rc\u{0}\u{85}d") == "a\nb\ncd")
        #expect(Escape.html(#"<a href="x">Tom & Jerry's</a> 事業者"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; 事業者")
    }
}
