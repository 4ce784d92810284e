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
