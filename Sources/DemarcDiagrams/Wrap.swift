/// Line breaking for labels: Graphviz does not wrap text, so long texts are
/// broken here by display width (East Asian wide characters count 2), at
/// spaces in Latin text and between characters in Japanese, never before
/// closing punctuation.
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

    static let noBreakBefore: Set<Character> = ["、", "。", "，", "．", "」", "』", "）", ")", "・", "ー", "ッ", "ャ", "ュ", "ョ", "っ", "ゃ", "ゅ", "ょ", ":", ";", ",", "."]

    /// `text` with "\n" inserted so no line is wider than `limit` columns.
    static func lines(_ text: String, limit: Int) -> String {
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            var lastSpace: String.Index?
            for c in paragraph {
                let w = width(c)
                if lineWidth + w > limit, !line.isEmpty, !noBreakBefore.contains(c) {
                    if w == 1, c != " ", let space = lastSpace {
                        // Latin: break at the last space.
                        let head = String(line[..<space])
                        let tail = String(line[line.index(after: space)...])
                        result.append(head)
                        line = tail
                        lineWidth = tail.reduce(0) { $0 + width($1) }
                    } else {
                        result.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    lastSpace = nil
                    if c == " " { continue }
                }
                if c == " " { lastSpace = line.endIndex }
                line.append(c)
                lineWidth += w
            }
            result.append(line)
        }
        return result.joined(separator: "\n")
    }
}
