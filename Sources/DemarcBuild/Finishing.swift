import Foundation
import DemarcModel

/// Turns Graphviz's SVG into what wikis and pages accept: no comments, no
/// internal node names as titles, a real `<title>` and `<desc>` from the
/// model, `role="img"` on standalone files.
public enum SVGFinisher {
    public static func finish(_ svg: [UInt8], id: String, title: String, description: String, standalone: Bool) -> [UInt8] {
        var text = String(decoding: svg, as: UTF8.self)
        text = removing(text, from: "<!--", to: "-->")
        text = removing(text, from: "<title>", to: "</title>")
        // Graphviz's own "Title:" comment is gone; put ours first in the <svg>.
        guard let open = text.range(of: "<svg"), let close = text.range(of: ">", range: open.upperBound..<text.endIndex) else {
            return Array(text.utf8)
        }
        let prefix = XML.attribute(id)
        var attributes = " aria-labelledby=\"\(prefix)-title \(prefix)-desc\""
        if standalone { attributes = " role=\"img\"" + attributes }
        let head = "<title id=\"\(prefix)-title\">\(XML.text(title))</title>\n<desc id=\"\(prefix)-desc\">\(XML.text(description))</desc>\n"
        text.replaceSubrange(close.lowerBound..<close.upperBound, with: attributes + ">\n" + head)
        // Blank lines left by removed comments.
        while text.contains("\n\n") { text = text.replacingOccurrences(of: "\n\n", with: "\n") }
        return Array(text.utf8)
    }

    static func removing(_ text: String, from start: String, to end: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let s = rest.range(of: start) {
            result += rest[..<s.lowerBound]
            guard let e = rest.range(of: end, range: s.upperBound..<rest.endIndex) else {
                rest = rest[s.lowerBound...]
                break
            }
            rest = rest[e.upperBound...]
            // Drop the line break after a removed element that stood alone on its line.
            if rest.first == "\n", result.last == "\n" || result.isEmpty { rest = rest.dropFirst() }
        }
        result += rest
        return result
    }
}

/// XML escaping for text Demarc writes into SVG itself.
enum XML {
    static func text(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func attribute(_ s: String) -> String {
        text(s).replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// cairo stamps the clock into a PDF's `/CreationDate`; a fixed value of
/// the same length (the model's as-of date) keeps the cross-reference
/// offsets valid and the bytes identical.
public enum PDFFinisher {
    public static func finish(_ pdf: [UInt8], asOf: Day) -> [UInt8] {
        let key = Array("/CreationDate (D:".utf8)
        guard let start = find(key, in: pdf) else { return pdf }
        let valueStart = start + key.count
        guard let close = pdf[valueStart...].firstIndex(of: UInt8(ascii: ")")) else { return pdf }
        let old = close - valueStart
        var stamp = Array(String(format: "%04d%02d%02d000000Z", asOf.year, asOf.month, asOf.day).utf8)
        guard stamp.count <= old else { return pdf }
        // Same length: pad a shorter stamp (never happens with cairo's D:YYYYMMDDhhmmssZ).
        while stamp.count < old { stamp.append(UInt8(ascii: " ")) }
        var result = pdf
        result.replaceSubrange(valueStart..<close, with: stamp)
        return result
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0], Array(haystack[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }
}
