/// The inline copy of a diagram (`diagrams/inline/<id>.svg`) as a page
/// embeds it: without the XML declaration and DOCTYPE (which HTML does not
/// take inside a body), its links between diagrams turned into links
/// between pages (`control-<slug>.svg` → `entry-<slug>.html`,
/// `offering-<id>.svg` → `offering-<id>.html`).
public enum InlineSVG {
    public static func prepare(_ svg: String, suffix: String) -> String {
        var text = svg[...]
        if let start = text.range(of: "<svg") { text = text[start.lowerBound...] }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = text
        let marker = "href=\""
        while let found = rest.range(of: marker) {
            out += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            out += target(String(rest[..<end]), suffix: suffix)
            rest = rest[end...]
        }
        out += rest
        return out.hasSuffix("\n") ? out : out + "\n"
    }

    /// A diagram's file name as the page of the same thing.
    static func target(_ href: String, suffix: String) -> String {
        guard href.hasSuffix(".svg"), !href.contains("/"), !href.contains(":") else { return href }
        let stem = href.dropLast(4)
        if stem.hasPrefix("control-") { return "entry-" + stem.dropFirst("control-".count) + suffix }
        if stem.hasPrefix("offering-") || stem == "comparison" { return (stem == "comparison" ? "index" : String(stem)) + suffix }
        return href
    }
}
