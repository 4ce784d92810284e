import DemarcModel
import DemarcTestSupport
import Foundation
import Testing

/// The escapers work on bytes for speed (everything they replace is ASCII);
/// these are their plain statements on scalars, kept as the oracles they
/// must agree with on the hostile corpus and on random bytes.
@Suite("Escapers agree with their plain statements")
struct EscapeOracleTests {
    static let texts: [String] =
        HostileText.corpus + [
            "\\N \\G \\E \\H \\T \\L \\x \\", "a&b<c>\"d\"'e'", "行1\n行2\t後", "e\u{301}&\u{301}<\u{338}", "  two  spaces  ", "\r\n\r", "",
        ]

    static func replacing(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { out += replaced } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func dotHTML(_ scalars: [Unicode.Scalar], lineBreak: String) -> String {
        var out = ""
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\\", index + 1 < scalars.count, "NGEHTL".unicodeScalars.contains(scalars[index + 1]) {
                out += "&#92;&#8203;"
                continue
            }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\\": out += "&#92;"
            case "\n": out += lineBreak
            case "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in Escape.clean(text).unicodeScalars {
            if scalar == "\n" || scalar == "\t" || scalar == " " {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }

    @Test(arguments: texts)
    func eachEscaper(_ text: String) {
        #expect(Escape.dotHTML(text) == Self.dotHTML(Array(Escape.clean(text).unicodeScalars), lineBreak: "<BR/>"))
        #expect(Escape.dotHTMLAttribute(text) == Self.dotHTML(Array(Self.oneLine(text).unicodeScalars), lineBreak: " "))
        #expect(Escape.oneLine(text) == Self.oneLine(text))
        #expect(
            Escape.xmlText(text)
                == Self.replacing(Escape.clean(text)) {
                    switch $0 {
                    case "&": "&amp;"
                    case "<": "&lt;"
                    case ">": "&gt;"
                    default: nil
                    }
                })
        #expect(
            Escape.url(text)
                == Self.replacing(Escape.clean(text)) {
                    switch $0 {
                    case "&": "&amp;"
                    case "<": "&lt;"
                    case ">": "&gt;"
                    case "\"": "%22"
                    case "\\": "%5C"
                    case " ": "%20"
                    case "\n": "%0A"
                    case "\t": "%09"
                    default: nil
                    }
                })
    }

    /// Cleaning bytes (a rendered diagram as a page embeds it) is cleaning
    /// their text: on the corpus, and on random bytes, ill-formed UTF-8 and
    /// every control and noncharacter among them.
    @Test func cleaningBytesIsCleaningTheirText() {
        var samples = Self.texts.map { Array($0.utf8) }
        var seed: UInt64 = 42
        let interesting: [[UInt8]] = [
            [0x00], [0x09], [0x0A], [0x0D], [0x7F], [0xC2, 0x85], [0xC2, 0xA0], [0xEF, 0xB7, 0x90], [0xEF, 0xBF, 0xBE], [0xF0, 0x9F, 0xBF, 0xBF],
            [0xF0, 0x9F, 0x98, 0x80], [0xE3, 0x81, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE3, 0x81],
            Array("plain ascii text, long enough for whole words".utf8),
        ]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(seed % 9) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes += seed & 3 == 0 ? [UInt8(truncatingIfNeeded: seed >> 40)] : interesting[Int(seed >> 33) % interesting.count]
            }
            samples.append(bytes)
        }
        var disagreements = 0
        for bytes in samples where Escape.clean(utf8: bytes) != Array(Escape.clean(String(decoding: bytes, as: UTF8.self)).utf8) {
            disagreements += 1
            if disagreements <= 5 { Issue.record("\(bytes)") }
        }
        #expect(disagreements == 0)
    }
}
