/// Line breaking for labels: Graphviz does not wrap text, so long texts are
/// broken here by display width (East Asian wide characters count 2): at
/// spaces in Latin text; in Japanese preferably after 、。・ and closing
/// brackets or before opening ones, else between any two characters, never
/// before closing punctuation or small kana.
enum Wrap {
    static func width(_ c: Character) -> Int {
        guard let scalar = c.unicodeScalars.first else { return 1 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
            return 2
        default:
            return 1
        }
    }

    static let noBreakBefore: Set<Character> = [
        "、", "。", "，", "．", "」", "』", "）", ")", "・", "ー", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ",
        "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", ":", ";", ",", ".",
    ]
    static let breakAfter: Set<Character> = [" ", "、", "。", "・", "）", "」", "』", ")", "/", "／"]
    static let breakBefore: Set<Character> = ["（", "「", "『", "("]

    /// `text` with "\n" inserted so no line is wider than `limit` columns.
    static func lines(_ text: String, limit: Int) -> String {
        // No character is wider than its UTF-8 bytes: a short single line needs no look.
        if text.utf8.count <= limit, !text.utf8.contains(UInt8(ascii: "\n")) { return text }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line: [Character] = []
            var lineWidth = 0
            for c in paragraph {
                let w = width(c)
                if lineWidth + w > limit, !line.isEmpty, !noBreakBefore.contains(c) {
                    // The last good place to break, in the second half of the line.
                    var cut = line.count
                    if !breakBefore.contains(c) && !(line.last.map(breakAfter.contains) ?? false) {
                        for i in stride(from: line.count - 1, to: line.count / 2, by: -1) {
                            if breakAfter.contains(line[i - 1]) || breakBefore.contains(line[i]) {
                                cut = i
                                break
                            }
                        }
                    }
                    // Never end a line with an opening bracket: it goes with what it opens.
                    while cut > 1, breakBefore.contains(line[cut - 1]) { cut -= 1 }
                    var head = String(line[..<cut])
                    while head.hasSuffix(" ") { head.removeLast() }
                    result.append(head)
                    line = Array(line[cut...])
                    while line.first == " " { line.removeFirst() }
                    lineWidth = line.reduce(0) { $0 + width($1) }
                    // A space at the break is the break; one after carried text still separates words.
                    if c == " " && line.isEmpty { continue }
                }
                line.append(c)
                lineWidth += w
            }
            result.append(String(line))
        }
        return result.joined(separator: "\n")
    }
}
