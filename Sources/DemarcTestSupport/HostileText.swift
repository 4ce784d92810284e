import DemarcModel
import DemarcResources
import Yams

/// Hostile and odd text, the one corpus the escapers, the loader and the
/// build are tested on: line breaks, control characters, terminal escape
/// sequences, Graphviz's `\N`-style escapes, markup and entities, bidi
/// overrides, very long text, rare CJK and characters outside the BMP.
public enum HostileText {
    public static let corpus: [String] = [
        "Virtual\nserver",
        "two\n\nparagraphs\r\nwith CR LF\rand CR",
        "tab\there",
        "\u{1B}]0;owned\u{07}\u{1B}[2JVirtual server",
        "NUL-free controls \u{01}\u{08}\u{0B}\u{0C}\u{1F}\u{7F}\u{85}\u{9F} end",
        #"Graphviz \N \G \E \H \T \L \l \r \n \\ \"#,
        #"<b>bold</b> <BR/> <TABLE> &amp; &lt; &#60; & < > " ' ]]> <!-- c -->"#,
        #"<script>document.title='pwned'</script><img src=x onerror="alert(1)">"#,
        "{{mustache}} {{{raw}}} ${shell} $(id) `id` %s %n",
        "=HYPERLINK(\"http://x\")",
        "bidi \u{202E}desrever\u{202C} \u{2066}isolate\u{2069} \u{200F}rlm",
        "zero\u{200B}width\u{FEFF}bom \u{FFFD} \u{FFFE}\u{FFFF}",
        "rare CJK 𠮷野家 𩸽 々〆〇 髙﨑 ㈱ ①",
        "emoji 👩🏽‍💻 🇯🇵 e\u{301} combining",
        String(repeating: "長い文章 long text ", count: 320),
        "   leading and trailing spaces   ",
        "",
    ]

    /// The embedded default model's files with every text (each `ja:` and
    /// `en:` value) replaced by corpus strings — the `offset`-th string for
    /// the first text, the next one for the second, and so on — so that over
    /// `corpus.count` offsets every field holds every string once. Empty
    /// strings are skipped where a text is required (`required` false keeps them).
    public static func defaultModelFiles(offset: Int) throws -> [String: [UInt8]] {
        var counter = offset
        var out: [String: [UInt8]] = [:]
        for (path, bytes) in Resources.files(under: "Models") {
            guard path.hasPrefix("Models/iij-gio-p2/") || path.hasPrefix("Models/catalogues/") else { continue }
            guard let node = try Yams.compose(yaml: String(decoding: bytes, as: UTF8.self)) else { continue }
            let changed = replacingTexts(in: node, counter: &counter)
            out[path] = Array(try Yams.serialize(node: changed, width: -1, allowUnicode: true).utf8)
        }
        return out
    }

    private static func replacingTexts(in node: Node, counter: inout Int) -> Node {
        switch node {
        case .mapping(var mapping):
            for (index, pair) in zip(mapping.indices, Array(mapping)) {
                let key = pair.key.string ?? ""
                if (key == "ja" || key == "en"), pair.value.string != nil {
                    var text = corpus[counter % corpus.count]
                    counter += 1
                    if text.isEmpty {
                        text = corpus[counter % corpus.count]
                        counter += 1
                    }
                    mapping[index] = (pair.key, Node.scalar(.init(text, Tag(.str), .doubleQuoted)))
                } else {
                    mapping[index] = (pair.key, replacingTexts(in: pair.value, counter: &counter))
                }
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            for index in sequence.indices { sequence[index] = replacingTexts(in: sequence[index], counter: &counter) }
            return .sequence(sequence)
        default:
            return node
        }
    }
}
