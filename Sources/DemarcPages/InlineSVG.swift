/// The inline copy of a diagram (`diagrams/inline/<id>.svg`) as a page
/// embeds it: without the XML declaration and DOCTYPE (which HTML does not
/// take inside a body), its links between diagrams turned into links
/// between pages (`control-<slug>.svg` → `entry-<slug>.html`,
/// `offering-<id>.svg` → `offering-<id>.html`). One pass over the bytes.
public enum InlineSVG {
    public static func prepare(_ svg: [UInt8], suffix: String) -> String {
        let n = svg.count
        func starts(_ literal: [UInt8], at i: Int) -> Bool {
            guard i + literal.count <= n else { return false }
            for k in 0..<literal.count where svg[i + k] != literal[k] { return false }
            return true
        }
        let svgTag = Array("<svg".utf8), href = Array("href=\"".utf8)
        var i = 0
        while i < n, !starts(svgTag, at: i) { i += 1 }
        if i == n { i = 0 }
        var out: [UInt8] = []
        out.reserveCapacity(n - i + 1)
        while i < n {
            if svg[i] == UInt8(ascii: "h"), starts(href, at: i) {
                out += href
                i += href.count
                var end = i
                while end < n, svg[end] != UInt8(ascii: "\"") { end += 1 }
                out += Array(target(String(decoding: svg[i..<end], as: UTF8.self), suffix: suffix).utf8)
                i = end
                continue
            }
            out.append(svg[i])
            i += 1
        }
        if out.last != 0x0A { out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
    }

    public static func prepare(_ svg: String, suffix: String) -> String { prepare(Array(svg.utf8), suffix: suffix) }

    /// A diagram's file name as the page of the same thing.
    static func target(_ href: String, suffix: String) -> String {
        guard href.hasSuffix(".svg"), !href.contains("/"), !href.contains(":") else { return href }
        let stem = href.dropLast(4)
        if stem.hasPrefix("control-") { return "entry-" + stem.dropFirst("control-".count) + suffix }
        if stem.hasPrefix("offering-") || stem == "comparison" { return (stem == "comparison" ? "index" : String(stem)) + suffix }
        return href
    }
}
