/// The inline copy of a diagram (`diagrams/inline/<id>.svg`) as a page
/// embeds it: without the XML declaration and DOCTYPE (which HTML does not
/// take inside a body), its links between diagrams turned into links
/// between pages (`control-<slug>.svg` → `entry-<slug>.html`,
/// `offering-<id>.svg` → `offering-<id>.html`). One pass over the bytes.
public enum InlineSVG {
    public static func prepare(_ svg: [UInt8], suffix: String) -> [UInt8] {
        svg.withUnsafeBufferPointer { svg -> [UInt8] in
            let n = svg.count
            func starts(_ literal: StaticString, at i: Int) -> Bool {
                let count = literal.utf8CodeUnitCount
                guard i + count <= n else { return false }
                return literal.withUTF8Buffer { literal in (0..<count).allSatisfy { svg[i + $0] == literal[$0] } }
            }
            var i = 0
            while i < n, !(svg[i] == UInt8(ascii: "<") && starts("<svg", at: i)) { i += 1 }
            if i == n { i = 0 }
            var out: [UInt8] = []
            out.reserveCapacity(n - i + 1)
            // The bytes between links copied whole; each link's target looked at.
            var copied = i
            while i < n {
                guard svg[i] == UInt8(ascii: "h"), starts("href=\"", at: i) else {
                    i += 1
                    continue
                }
                i += 6
                out.append(contentsOf: svg[copied..<i])
                var end = i
                while end < n, svg[end] != UInt8(ascii: "\"") { end += 1 }
                out.append(contentsOf: target(String(decoding: svg[i..<end], as: UTF8.self), suffix: suffix).utf8)
                i = end
                copied = end
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
