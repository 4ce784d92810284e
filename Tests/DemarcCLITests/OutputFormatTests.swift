import Foundation
import Testing

@Suite("Rendered files are valid and safe for wikis")
struct OutputFormatTests {
    func output() async throws -> String {
        try await SharedBuilds.shared.output("formats", ["--format", "svg,png,pdf,svg-outlines"])
    }

    func absoluteOutput() async throws -> String {
        try await SharedBuilds.shared.output("absolute", ["--format", "svg", "--links", "absolute", "--base-url", "https://example.org/demarc?a=1&b=2"])
    }

    static let forbidden: [(String, String)] = [
        ("<script", "script"), ("foreignObject", "foreignObject"), ("<image", "external image"), ("xml-stylesheet", "stylesheet PI"),
        ("<style", "style element"), ("@import", "CSS import"), ("@font-face", "web font"), ("<!--", "comment"),
        ("javascript:", "javascript URL"), ("<iframe", "iframe"), ("<embed", "embed"), ("<object", "object"),
    ]

    static func scan(_ svg: String) -> [String] {
        var problems = forbidden.filter { svg.contains($0.0) }.map(\.1)
        // Event handler attributes: on…="…"
        if svg.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil { problems.append("event handler") }
        // url(...) other than #fragment
        if svg.range(of: #"url\((?!#)"#, options: .regularExpression) != nil { problems.append("external url()") }
        return problems
    }

    @Test func everySVGIsWellFormedAndRendersAndHasNothingForbidden() async throws {
        let out = try await output()
        let svgs = Tree.files(Tree.read(out), suffix: ".svg")
        #expect(svgs.count == 3 * 21 * 2)  // standalone, inline, outlines × 21 diagrams × languages
        let lint = try await tool(["xmllint", "--noout", "--nonet"] + svgs.map { out + "/" + $0 })
        #expect(lint.status == 0, "\(lint.stderr)")
        for svg in svgs {
            let text = try String(contentsOfFile: out + "/" + svg, encoding: .utf8)
            #expect(Self.scan(text).isEmpty, "\(svg): \(Self.scan(text))")
            let png = try await tool(["rsvg-convert", "--format", "png", "--output", out + "/../rsvg.png", out + "/" + svg])
            #expect(png.status == 0, "rsvg-convert refused \(svg): \(png.stderr)")
        }
    }

    @Test func standaloneSVGsHaveTitleDescriptionRoleAndNoLinks() async throws {
        let out = try await output()
        let tree = Tree.read(out)
        for path in Tree.files(tree, suffix: ".svg") where !path.contains("/inline/") {
            let svg = String(decoding: tree[path]!, as: UTF8.self)
            #expect(svg.contains("role=\"img\""), "\(path)")
            #expect(svg.range(of: #"href="[^#]"#, options: .regularExpression) == nil, "\(path) has a link")
            let title = try #require(svg.firstMatch(of: /<title id="[^"]+">([^<]+)<\/title>/)).1
            let desc = try #require(svg.firstMatch(of: /<desc id="[^"]+">([^<]+)<\/desc>/)).1
            #expect(title.count > 10 && !title.contains("diagram") && !title.hasPrefix("%"), "\(path): \(title)")
            #expect(desc.count > 40)
            // Exactly one <title>: Graphviz's internal node names are gone.
            #expect(svg.components(separatedBy: "<title").count == 2, "\(path)")
            #expect(svg.contains("font-family=\"Noto Sans CJK JP,") || path.contains("/outlines/"), "\(path) font fallback list")
            // cairo's surface count (which worker drew what) is not in the bytes.
            #expect(!svg.contains("id=\"surface"), "\(path) names a cairo surface")
        }
    }

    @Test func inlineCopiesLinkRelativelyAndPrefixTheirIDs() async throws {
        let out = try await output()
        let svg = try String(contentsOfFile: out + "/ja/diagrams/inline/offering-vw-series.svg", encoding: .utf8)
        #expect(svg.contains("xlink:href=\"control-4-1-4-1-2-d.svg\""))
        #expect(!svg.contains("role=\"img\""))
        #expect(svg.contains("id=\"offering_vw_series\""))
        #expect(!svg.contains("id=\"graph0\""))
        let other = try String(contentsOfFile: out + "/ja/diagrams/inline/offering-bare-metal.svg", encoding: .utf8)
        let ids = Set(svg.matches(of: /\sid="([^"]+)"/).map { String($0.1) })
        let otherIDs = Set(other.matches(of: /\sid="([^"]+)"/).map { String($0.1) })
        #expect(ids.isDisjoint(with: otherIDs), "two inlined diagrams would share ids: \(ids.intersection(otherIDs))")
    }

    @Test func absoluteLinksAreHTTPSAndEscaped() async throws {
        let out = try await absoluteOutput()
        let svg = try String(contentsOfFile: out + "/en/diagrams/offering-vw-series.svg", encoding: .utf8)
        #expect(svg.contains("xlink:href=\"https://example.org/demarc?a=1&amp;b=2/en/diagrams/control-4-1-4-1-2-d.svg\""))
        let lint = try await tool(["xmllint", "--noout", "--nonet", out + "/en/diagrams/offering-vw-series.svg"])
        #expect(lint.status == 0, "\(lint.stderr)")
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ data: Data) -> (Int, Int)? {
        let b = [UInt8](data.prefix(24))
        guard b.count == 24, b[12...15] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (be(16), be(20))
    }

    @Test func pngHasTheDeclaredSizeAndNonUniformPixels() async throws {
        let out = try await output()
        for lang in ["ja", "en"] {
            let png = try #require(FileManager.default.contents(atPath: "\(out)/\(lang)/diagrams/offering-vw-series.png"))
            let svg = try String(contentsOfFile: "\(out)/\(lang)/diagrams/offering-vw-series.svg", encoding: .utf8)
            let widthMatch = try #require(svg.firstMatch(of: /<svg width="([0-9.]+)pt"/))
            let heightMatch = try #require(svg.firstMatch(of: /height="([0-9.]+)pt"/))
            let width = try #require(Double(widthMatch.1))
            let height = try #require(Double(heightMatch.1))
            let (w, h) = try #require(Self.pngSize(png))
            // Graphviz draws PNG at 96 dpi: points × 4/3.
            #expect(abs(Double(w) - width * 4 / 3) <= 2, "\(w) vs \(width) pt")
            #expect(abs(Double(h) - height * 4 / 3) <= 2, "\(h) vs \(height) pt")
            // Decode with Python's zlib and count distinct pixel values.
            let script = """
                import sys, zlib, struct
                d = open(sys.argv[1], 'rb').read()
                i, idat = 8, b''
                while i < len(d):
                    n = struct.unpack('>I', d[i:i+4])[0]; t = d[i+4:i+8]
                    if t == b'IDAT': idat += d[i+8:i+8+n]
                    i += 12 + n
                raw = zlib.decompress(idat)
                print(len(set(raw[k:k+64] for k in range(0, len(raw), 64))))
                """
            let r = try await tool(["python3", "-c", script, "\(out)/\(lang)/diagrams/offering-vw-series.png"])
            #expect((Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 50, "uniform pixels? \(r.stdout)\(r.stderr)")
        }
    }

    @Test func pdfEmbedsNotoCJKAndHoldsTheJapaneseLayerNames() async throws {
        let out = try await output()
        let pdf = "\(out)/ja/diagrams/offering-vw-series.pdf"
        let fonts = try await tool(["pdffonts", pdf])
        #expect(fonts.status == 0)
        #expect(fonts.stdout.contains("NotoSansCJK"), "\(fonts.stdout)")
        let text = try await tool(["pdftotext", "-enc", "UTF-8", pdf, "-"])
        for name in ["ファシリティ", "ハイパーバイザ", "データ", "責任分界点", "利用者", "事業者"] {
            #expect(text.stdout.contains(name), "\(name) missing from the PDF text")
        }
        let bytes = try #require(FileManager.default.contents(atPath: pdf))
        #expect(String(decoding: bytes, as: UTF8.self).contains("/CreationDate (D:20170331000000Z)"))
    }

    @Test func outlineSVGHasNoTextButATitle() async throws {
        let out = try await output()
        let svg = try String(contentsOfFile: "\(out)/ja/diagrams/outlines/offering-vw-series.svg", encoding: .utf8)
        #expect(!svg.contains("<text"))
        #expect(svg.contains("<title id="))
        #expect(svg.contains("<desc id="))
    }
}
