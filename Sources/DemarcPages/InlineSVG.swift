/// The inline copy of a diagram (`diagrams/inline/<id>.svg`) as a page
/// embeds it: without the XML declaration and DOCTYPE (which HTML does not
/// take inside a body), its links between diagrams turned into links
/// between pages (`control-<slug>.svg` → `entry-<slug>.html`,
/// `offering-<id>.svg` → `offering-<id>.html`). One pass over the bytes.
public enum InlineSVG {
    public static func prepare(_ svg: [UInt8], suffix: String) -> [UInt8] {
        svg.withUnsafeBufferPointer { svg -> [UInt8] in
            let n = svg.count
            let start = svg.index(of: "<svg", from: 0) ?? 0
            var out: [UInt8] = []
            out.reserveCapacity(n - start + 1)
            // The bytes between links copied whole; each link's target looked at.
            var copied = start
            var from = start
            while let found = svg.index(of: "href=\"", from: from) {
                let i = found + 6
                out.append(contentsOf: svg[copied..<i])
                var end = i
                while end < n, svg[end] != UInt8(ascii: "\"") { end += 1 }
                out.append(contentsOf: target(String(decoding: svg[i..<end], as: UTF8.self), suffix: suffix).utf8)
                copied = end
                from = end
            }
            out.append(contentsOf: svg[copied..<n])
            if out.last != 0x0A { out.append(0x0A) }
            return out
        }
    }

    public static func prepare(_ svg: String, suffix: String) -> String {
        String(decoding: prepare(Array(svg.utf8), suffix: suffix), as: UTF8.self)
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
