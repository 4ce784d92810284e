@testable import DemarcGraphviz
import Foundation
import Testing

@Suite("The Graphviz door")
struct GraphvizDoorTests {
    static let table = """
        digraph g { node [shape=plaintext fontname="Noto Sans CJK JP"];
          n [label=<<TABLE><TR><TD>ファシリティ</TD><TD>事業者</TD></TR></TABLE>>];
          a -> n; }
        """

    @Test func rendersSVG() throws {
        let svg = String(decoding: try Graphviz.render(dot: Self.table, format: .svg, name: "t"), as: UTF8.self)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("ファシリティ"))
    }

    @Test func pngAndPDFAreCopiedByLength() throws {
        let png = try Graphviz.render(dot: Self.table, format: .png, name: "t")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(png.contains(0))
        let pdf = try Graphviz.render(dot: Self.table, format: .pdf, name: "t")
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        #expect(String(decoding: pdf.suffix(6), as: UTF8.self).contains("%%EOF"))
    }

    @Test func aBrokenHTMLLabelIsAnError() throws {
        let broken = #"digraph g { n [label=<<TABLE><TR><TD>a & b</TD></TR></TABLE>>]; }"#
        let error = #expect(throws: GraphvizError.self) {
            try Graphviz.render(dot: broken, format: .svg, name: "broken-label")
        }
        #expect(error?.diagram == "broken-label")
        #expect(error?.description.contains("broken-label") == true)
        let unclosed = #"digraph g { n [label=<<B>bold</I>>]; }"#
        #expect(throws: GraphvizError.self) { try Graphviz.render(dot: unclosed, format: .svg, name: "unclosed") }
    }

    @Test func warningsAreErrorsToo() throws {
        #expect(throws: GraphvizError.self) {
            try Graphviz.render(dot: #"digraph g { n [color="notacolour"]; }"#, format: .svg, name: "bad-colour")
        }
    }

    @Test func aSyntaxErrorIsAnError() throws {
        #expect(throws: GraphvizError.self) { try Graphviz.render(dot: "digraph { a -> ", format: .svg, name: "syntax") }
    }

    @Test func theErrorStateIsResetBetweenRenders() throws {
        _ = try? Graphviz.render(dot: "digraph { a -> ", format: .svg, name: "syntax")
        let ok = try Graphviz.render(dot: "digraph { a -> b }", format: .svg, name: "fine")
        #expect(!ok.isEmpty)
    }

    /// A named graph: Graphviz numbers anonymous graphs (%1, %2…) per process, which would change the bytes.
    static func numbered(_ i: Int) -> String { "digraph g\(i) { n\(i) [label=<<B>ノード\(i)</B>>] }" }

    /// Many tasks at once, each checking it got its own diagram back.
    @Test func concurrentRendersGiveCorrectBytes() async throws {
        let expected = try (0..<8).map { i in
            try Graphviz.render(dot: Self.numbered(i), format: .svg, name: "n\(i)")
        }
        try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for round in 0..<200 {
                let i = round % 8
                group.addTask {
                    (i, try Graphviz.render(dot: Self.numbered(i), format: .svg, name: "n\(i)"))
                }
            }
            var mismatches = 0
            for try await (i, bytes) in group where bytes != expected[i] { mismatches += 1 }
            #expect(mismatches == 0)
        }
    }
}

@Suite("Text measured once", .serialized)
struct TextMeasureTests {
    /// Bold, italic, sub/superscript, two fonts and sizes, Japanese and Latin, repeated texts.
    static let dot = """
        digraph measured { node [shape=plaintext fontname="Noto Sans CJK JP"];
          t [label=<<TABLE><TR><TD>ファシリティ</TD><TD><B>事業者</B></TD><TD><I>事業者</I></TD></TR>
            <TR><TD><FONT POINT-SIZE="8">ファシリティ</FONT></TD><TD>x<SUB>2</SUB> y<SUP>3</SUP></TD><TD><FONT FACE="DejaVu Sans">Facility</FONT></TD></TR></TABLE>>];
          a [label="ファシリティ"]; b [label="Facility" fontsize=9]; a -> t; b -> t [label="事業者"]; }
        """

    /// What differs between any two renders in one process, blanked: cairo's
    /// PDF creation date (the clock) and the number of its SVG surface (a
    /// count of the surfaces the process made).
    static func normalised(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        for (marker, end) in [("/CreationDate (D:", UInt8(ascii: ")")), ("<g id=\"surface", UInt8(ascii: "\""))] {
            let marker = Array(marker.utf8)
            guard bytes.count >= marker.count,
                let start = (0...(bytes.count - marker.count)).first(where: { bytes[$0..<$0 + marker.count].elementsEqual(marker) })
            else { continue }
            let value = start + marker.count
            let close = bytes[value...].firstIndex(of: end) ?? bytes.count
            bytes.removeSubrange(value..<close)
        }
        return bytes
    }

    static let formats: [Graphviz.Format] = [.svg, .png, .pdf, .xdot, .svgOutlines]

    @Test func theBytesAreThoseOfPangoAlone() throws {
        defer { Graphviz.measuringText(cached: true) }
        Graphviz.measuringText(cached: false)
        let plain = try Graphviz.render(dot: Self.dot, formats: Self.formats, name: "plain").map(Self.normalised)
        let before = Graphviz.measuringText(cached: true)
        let first = try Graphviz.render(dot: Self.dot, formats: Self.formats, name: "first").map(Self.normalised)
        let middle = Graphviz.measuringText(cached: true)
        _ = try Graphviz.render(dot: Self.dot, formats: Self.formats, name: "warm")
        let second = try Graphviz.render(dot: Self.dot, formats: Self.formats, name: "second").map(Self.normalised)
        let after = Graphviz.measuringText(cached: true)
        for (format, (a, b, c)) in zip(Self.formats, zip(plain, zip(first, second)).map { ($0, $1.0, $1.1) }) {
            let (cold, warm) = (a == b, a == c)
            #expect(cold, "\(format) with a cold cache")
            #expect(warm, "\(format) from the cache")
        }
        // The second and third renders measured nothing anew.
        #expect(middle.misses > before.misses)
        #expect(after.hits > middle.hits)
    }

    @Test func aFullCacheIsEmptiedBetweenRenders() throws {
        defer { TextMeasure.capacity = 50_000 }
        Graphviz.measuringText(cached: true)
        TextMeasure.capacity = 2
        let first = try Graphviz.render(dot: Self.dot, format: .png, name: "first")
        #expect(TextMeasure.count > 2)
        let second = try Graphviz.render(dot: Self.dot, format: .png, name: "second")
        #expect(first == second)
        #expect(TextMeasure.count > 2)
        Graphviz.measuringText(cached: true)
        #expect(TextMeasure.count == 0)
    }
}
