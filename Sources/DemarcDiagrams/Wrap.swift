/// Line breaking for labels: Graphviz does not wrap text, so long texts are
/// broken here by display width (East Asian wide characters count 2): at
/// spaces in Latin text; in Japanese preferably after 、。・ and closing
/// brackets or before opening ones, else between any two characters, never
/// before closing punctuation or small kana.
enum Wrap {
    static func width(_ c: Character) -> Int {
        guard let scalar = c.unicodeScalars.first else { return 1 }
        return width(scalar)
    }

    static func width(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
            return 2
        default:
            return 1
        }
    }

    // The classes below hold single-scalar characters only: a character is
    // looked at by its scalar (no grapheme hashing), and one of several
    // scalars (a base and its combining mark) is in none of them.

    /// 、。，．」』）)・ー, small kana, : ; , .
    static func noBreakBefore(_ v: UInt32?) -> Bool {
        guard let v else { return false }
        switch v {
        case 0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x300D, 0x300F, 0xFF09, 0x29, 0x30FB, 0x30FC, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3,
            0x30E3, 0x30E5, 0x30E7, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x3A, 0x3B, 0x2C, 0x2E:
            return true
        default: return false
        }
    }

    /// Space 、。・）」』) / ／
    static func breakAfter(_ v: UInt32?) -> Bool {
        guard let v else { return false }
        switch v {
        case 0x20, 0x3001, 0x3002, 0x30FB, 0xFF09, 0x300D, 0x300F, 0x29, 0x2F, 0xFF0F: return true
        default: return false
        }
    }

    /// （「『(
    static func breakBefore(_ v: UInt32?) -> Bool {
        guard let v else { return false }
        switch v {
        case 0xFF08, 0x300C, 0x300E, 0x28: return true
        default: return false
        }
    }

    /// The scalar of a character that is one scalar alone.
    static func single(_ c: Character) -> UInt32? {
        var scalars = c.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return nil }
        return first.value
    }

    /// A character of a paragraph: where it starts, its scalar when it is
    /// one scalar alone (nil for a base with marks), its width.
    private struct Glyph {
        var start: String.Index
        var scalar: UInt32?
        var width: Int
    }

    /// The characters of a paragraph. Where every scalar is one that always
    /// stands alone as a character (printable ASCII and Latin, CJK
    /// punctuation, kana, ideographs and full-width forms, but none of their
    /// combining marks), the scalars are the characters and no grapheme
    /// breaking is needed; else the characters are found one by one.
    private static func glyphs(_ paragraph: Substring) -> [Glyph] {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(paragraph.utf8.count / 2)
        let scalars = paragraph.unicodeScalars
        if scalars.allSatisfy({ standsAlone($0.value) }) {
            var index = scalars.startIndex
            while index < scalars.endIndex {
                let scalar = scalars[index]
                glyphs.append(Glyph(start: index, scalar: scalar.value, width: width(scalar)))
                index = scalars.index(after: index)
            }
            return glyphs
        }
        var index = paragraph.startIndex
        while index < paragraph.endIndex {
            let next = paragraph.index(after: index)
            let characterScalars = scalars[index..<next]
            let first = characterScalars.first!
            glyphs.append(Glyph(start: index, scalar: characterScalars.count == 1 ? first.value : nil, width: width(first)))
            index = next
        }
        return glyphs
    }

    /// Scalars that are a character by themselves whatever surrounds them
    /// (no combining mark, joiner, selector, control or jamo among them).
    private static func standsAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF9D:
            return true
        default:
            return false
        }
    }

    /// `text` with "\n" inserted so no line is wider than `limit` columns.
    static func lines(_ text: String, limit: Int) -> String {
        // A single line within the limit needs no breaking. Counting every
        // scalar over-counts a combining mark, never under-counts.
        if !text.utf8.contains(UInt8(ascii: "\n")) {
            if text.utf8.count <= limit { return text }
            var total = 0
            for scalar in text.unicodeScalars {
                total += width(scalar)
                if total > limit { break }
            }
            if total <= limit { return text }
        }
        var result: [String] = []
        // Paragraphs split at line feeds by bytes, unless a CR makes "\r\n" one character.
        let paragraphs =
            text.utf8.contains(UInt8(ascii: "\r"))
            ? text.split(separator: "\n", omittingEmptySubsequences: false)
            : text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        for paragraph in paragraphs {
            // Each character once, then only indices: the line being filled
            // is always glyphs[start..<i].
            let glyphs = Self.glyphs(paragraph)
            func text(_ from: Int, _ to: Int) -> String {
                String(paragraph[glyphs[from].start..<(to < glyphs.count ? glyphs[to].start : paragraph.endIndex)])
            }
            let space: UInt32 = 0x20
            var start = 0
            var lineWidth = 0
            for i in glyphs.indices {
                let c = glyphs[i].scalar, w = glyphs[i].width
                if lineWidth + w > limit, i > start, !noBreakBefore(c) {
                    // The last good place to break, in the second half of the line.
                    let count = i - start
                    var cut = count
                    if !breakBefore(c) && !breakAfter(glyphs[i - 1].scalar) {
                        for k in stride(from: count - 1, to: count / 2, by: -1) {
                            if breakAfter(glyphs[start + k - 1].scalar) || breakBefore(glyphs[start + k].scalar) {
                                cut = k
                                break
                            }
                        }
                    }
                    // Never end a line with an opening bracket: it goes with what it opens.
                    while cut > 1, breakBefore(glyphs[start + cut - 1].scalar) { cut -= 1 }
                    var end = start + cut
                    while end > start, glyphs[end - 1].scalar == space { end -= 1 }
                    result.append(text(start, end))
                    start += cut
                    while start < i, glyphs[start].scalar == space { start += 1 }
                    lineWidth = glyphs[start..<i].reduce(0) { $0 + $1.width }
                    // A space at the break is the break; one after carried text still separates words.
                    if c == space && start == i {
                        start = i + 1
                        continue
                    }
                }
                lineWidth += w
            }
            result.append(start < glyphs.count ? text(start, glyphs.count) : "")
        }
        return result.joined(separator: "\n")
    }
}
