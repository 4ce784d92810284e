@testable import DemarcDiagrams
import DemarcTestSupport
import Testing

/// `Wrap.lines` works on character indices and scalars for speed; this is
/// the plain character-by-character statement of the same rules, kept as
/// the oracle it must agree with.
enum WrapOracle {
    static let noBreakBefore: Set<Character> = [
        "、", "。", "，", "．", "」", "』", "）", ")", "・", "ー", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ",
        "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", ":", ";", ",", ".",
    ]
    static let breakAfter: Set<Character> = [" ", "、", "。", "・", "）", "」", "』", ")", "/", "／"]
    static let breakBefore: Set<Character> = ["（", "「", "『", "("]

    static func lines(_ text: String, limit: Int) -> String {
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line: [Character] = []
            var lineWidth = 0
            for c in paragraph {
                let w = Wrap.width(c)
                if lineWidth + w > limit, !line.isEmpty, !noBreakBefore.contains(c) {
                    var cut = line.count
                    if !breakBefore.contains(c) && !(line.last.map(breakAfter.contains) ?? false) {
                        for i in stride(from: line.count - 1, to: line.count / 2, by: -1) {
                            if breakAfter.contains(line[i - 1]) || breakBefore.contains(line[i]) {
                                cut = i
                                break
                            }
                        }
                    }
                    while cut > 1, breakBefore.contains(line[cut - 1]) { cut -= 1 }
                    var head = String(line[..<cut])
                    while head.hasSuffix(" ") { head.removeLast() }
                    result.append(head)
                    line = Array(line[cut...])
                    while line.first == " " { line.removeFirst() }
                    lineWidth = line.reduce(0) { $0 + Wrap.width($1) }
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

@Suite("Line breaking agrees with its plain statement")
struct WrapOracleTests {
    /// Japanese, Latin, brackets, small kana, combining marks, emoji with
    /// joiners, CR LF, runs of spaces: the hostile corpus and mixes of it.
    static let texts: [String] = {
        let pieces =
            HostileText.corpus + [
                "ハードウェア（物理サーバ・ストレージ・ネットワーク機器）", "クラウドサービス（利用者）、ショップ。", "e\u{301}te\u{301} cafe\u{301}",
                "👩‍👩‍👧 family", "a\r\nb\r\nc", "  spaced   out  text  ", "「括弧」『二重』（全角）(half)", "ｶﾞｷﾞ ﾊﾟ", "〜〃々〆〪〭", "x\u{3099}か\u{309A}",
            ]
        var texts = pieces
        var seed: UInt64 = 0x5EED
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int(seed % 7 + 1) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(seed >> 33) % pieces.count] + (seed & 1 == 0 ? " " : "")
            }
            texts.append(text)
        }
        return texts
    }()

    @Test func everyTextAtEveryLimit() {
        var disagreements = 0
        for text in Self.texts {
            for limit in [1, 2, 5, 13, 30, 110] where Wrap.lines(text, limit: limit) != WrapOracle.lines(text, limit: limit) {
                disagreements += 1
                if disagreements <= 5 { Issue.record("limit \(limit): \(text.debugDescription)") }
            }
        }
        #expect(disagreements == 0)
    }
}
