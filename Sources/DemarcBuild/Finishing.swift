import DemarcModel
import Foundation

/// The version of how rendered bytes become files (`SVGFinisher`,
/// `PDFFinisher`, the files `DiagramsPart` delivers): part of every render
/// cache key, so a change here never serves old files. A golden test
/// (FinishingVersionTests) fails when finishing changes until this is raised
/// and the test's digest recorded anew.
public enum FinishingVersion {
    public static let current = 2
}

/// Turns Graphviz's SVG into what wikis and pages accept, in one pass over
/// the bytes that knows tags from text: no comments, no internal node names
/// as titles, a real `<title>` and `<desc>` from the views, `role="img"` on
/// standalone files, and the links each copy needs — kept (the inline copy
/// pages embed), removed (standalone files for wikis) or made absolute.
/// cairo's SVG (outlines) numbers its group `surfaceN` by how many surfaces
/// the process made before: the number is dropped, as it would make the
/// bytes depend on which worker rendered what.
public enum SVGFinisher {
    /// What becomes of the links Graphviz drew (`<g id="a_…"><a …>`).
    public enum Links: Sendable, Equatable {
        /// Kept as they are (relative links between the site's diagrams).
        case keep
        /// Removed with their wrappers; what they held stays.
        case remove
        /// Each relative target prefixed, e.g. "https://wiki.example/ja/diagrams/".
        case prefix(String)
    }

    public static func finish(
        _ svg: [UInt8], id: String, title: String, description: String, standalone: Bool,
        links: Links = .keep
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(svg.count + title.utf8.count + description.utf8.count + 128)
        /// For each open element: whether its tags are dropped.
        var stack: [Bool] = []
        var i = 0
        let n = svg.count

        func starts(_ literal: StaticString, at index: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= n else { return false }
            return literal.withUTF8Buffer { buffer in
                for k in 0..<count where svg[index + k] != buffer[k] { return false }
                return true
            }
        }
        func append(_ bytes: ArraySlice<UInt8>) {
            // Whole, unless a line break in it needs the look appendByte takes.
            if !bytes.containsLineFeed {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes { appendByte(byte) }
        }
        func appendByte(_ byte: UInt8) {
            // No blank lines: a line break never follows a line break (removed
            // elements leave none behind).
            if byte == 0x0A, out.isEmpty || out.last == 0x0A { return }
            out.append(byte)
        }
        func append(_ string: String) { append(Array(string.utf8)[...]) }

        while i < n {
            guard svg[i] == UInt8(ascii: "<") else {
                // Text up to the next tag, as one piece.
                let next = svg.index(of: UInt8(ascii: "<"), from: i) ?? n
                append(svg[i..<next])
                i = next
                continue
            }
            // A comment: dropped.
            if starts("<!--", at: i) {
                i = (svg.index(of: "-->", from: i + 4).map { $0 + 3 }) ?? n
                continue
            }
            // Graphviz's <title> (node and graph names): dropped with its text.
            if starts("<title>", at: i) {
                i = (svg.index(of: "</title>", from: i + 7).map { $0 + 8 }) ?? n
                continue
            }
            guard let close = svg.index(of: UInt8(ascii: ">"), from: i) else {
                append(svg[i...])
                break
            }
            let tag = svg[i...close]
            i = close + 1
            if starts("<svg", at: tag.startIndex), tag.count > 4, svg[tag.startIndex + 4] == 0x20 || svg[tag.startIndex + 4] == 0x0A {
                // Our title and description first in the <svg>.
                let prefix = Escape.xmlAttribute(id)
                append(tag.dropLast())
                append((standalone ? " role=\"img\"" : "") + " aria-labelledby=\"\(prefix)-title \(prefix)-desc\">\n")
                append(
                    "<title id=\"\(prefix)-title\">\(Escape.xmlText(Escape.oneLine(title)))</title>\n<desc id=\"\(prefix)-desc\">\(Escape.xmlText(description))</desc>\n"
                )
                stack.append(false)
                continue
            }
            let selfClosing = tag.count >= 2 && svg[close - 1] == UInt8(ascii: "/")
            if svg[tag.startIndex + 1] == UInt8(ascii: "/") {
                // An end tag: dropped when its start tag was.
                if stack.popLast() == true { continue }
                append(tag)
                continue
            }
            if svg[tag.startIndex + 1] == UInt8(ascii: "?") || svg[tag.startIndex + 1] == UInt8(ascii: "!") || selfClosing {
                append(tag)
                continue
            }
            if isSurfaceGroup(tag) {
                append("<g>")
                stack.append(false)
                continue
            }
            // A link: an <a> with a target (a tooltip alone is kept), and the <g> Graphviz wraps it in.
            let isAnchor = (starts("<a ", at: tag.startIndex) || starts("<a\n", at: tag.startIndex)) && hasHref(tag)
            var isLinkGroup = false
            if starts("<g id=\"a_", at: tag.startIndex), let next = svg[i...].firstIndex(of: UInt8(ascii: "<")),
                let nextClose = svg[next...].firstIndex(of: UInt8(ascii: ">"))
            {
                isLinkGroup = starts("<a", at: next) && hasHref(svg[next...nextClose])
            }
            switch links {
            case .remove where isLinkGroup || isAnchor:
                stack.append(true)
            case .prefix(let base) where isAnchor:
                append(prefixingHref(String(decoding: tag, as: UTF8.self), with: base))
                stack.append(false)
            default:
                append(tag)
                stack.append(false)
            }
        }
        return out
    }

    /// cairo's `<g id="surfaceN">`.
    static func isSurfaceGroup(_ tag: ArraySlice<UInt8>) -> Bool {
        let key = Array("<g id=\"surface".utf8)
        guard tag.count > key.count + 2, tag.prefix(key.count).elementsEqual(key), tag.suffix(2).elementsEqual(Array("\">".utf8)) else { return false }
        return tag.dropFirst(key.count).dropLast(2).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    static func hasHref(_ tag: ArraySlice<UInt8>) -> Bool {
        let key = Array("xlink:href=".utf8)
        guard tag.count > key.count else { return false }
        var k = tag.startIndex
        while k + key.count <= tag.endIndex {
            if tag[k..<k + key.count].elementsEqual(key) { return true }
            k += 1
        }
        return false
    }

    /// The `<a …>` tag with its relative `xlink:href` prefixed (absolute links are left alone).
    static func prefixingHref(_ tag: String, with base: String) -> String {
        guard let start = tag.range(of: "xlink:href=\""), let end = tag.range(of: "\"", range: start.upperBound..<tag.endIndex) else {
            return tag
        }
        let target = tag[start.upperBound..<end.lowerBound]
        if target.contains("://") || target.hasPrefix("#") { return tag }
        return String(tag[..<start.upperBound]) + base + target + String(tag[end.lowerBound...])
    }
}

/// cairo stamps the clock into a PDF's `/CreationDate`, in the process's
/// time zone (`D:YYYYMMDDhhmmssZ` in UTC, `…+09'00` elsewhere). The value is
/// replaced by the model's as-of date in UTC, and the cross-reference table
/// and `startxref` are shifted by the change in length, so the bytes are the
/// same whatever the clock and the zone — and the process's zone is never
/// touched.
public enum PDFFinisher {
    public static func finish(_ pdf: [UInt8], asOf: Day) -> [UInt8] {
        let key: StaticString = "/CreationDate ("
        guard let start = pdf.index(of: key, from: 0) else { return pdf }
        let valueStart = start + key.utf8CodeUnitCount
        guard let close = pdf[valueStart...].firstIndex(of: UInt8(ascii: ")")) else { return pdf }
        let stamp = Array(String(format: "D:%04d%02d%02d000000Z", asOf.year, asOf.month, asOf.day).utf8)
        let delta = stamp.count - (close - valueStart)
        var result = Array(pdf[..<valueStart]) + stamp + Array(pdf[close...])
        guard delta != 0 else { return result }
        // Shift every recorded offset past the date.
        guard let xref = lastIndex(of: Array("\nxref\n".utf8), in: result) else { return result }
        var index = xref + 6
        func line() -> ArraySlice<UInt8>? {
            guard index < result.count, let end = result[index...].firstIndex(of: 0x0A) else { return nil }
            defer { index = end + 1 }
            return result[index..<end]
        }
        while let header = line() {
            let fields = header.split(separator: 0x20)
            guard fields.count == 2, let count = Int(String(decoding: fields[1], as: UTF8.self)) else { break }
            for _ in 0..<count {
                let entryStart = index
                guard let entry = line(), entry.count >= 18, entry[entry.startIndex + 17] == UInt8(ascii: "n"),
                    let offset = Int(String(decoding: entry.prefix(10), as: UTF8.self))
                else { continue }
                if offset > valueStart {
                    let digits = Array(String(format: "%010d", offset + delta).utf8)
                    result.replaceSubrange(entryStart..<entryStart + 10, with: digits)
                }
            }
        }
        let startKey = Array("startxref\n".utf8)
        if let s = lastIndex(of: startKey, in: result), let end = result[(s + startKey.count)...].firstIndex(of: 0x0A),
            let offset = Int(String(decoding: result[(s + startKey.count)..<end], as: UTF8.self))
        {
            let shifted = Array(String(offset > valueStart ? offset + delta : offset).utf8)
            result.replaceSubrange((s + startKey.count)..<end, with: shifted)
        }
        return result
    }

    static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i] == needle[0], haystack[i..<i + needle.count].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
