@testable import DemarcBuild
import DemarcDiagrams
import DemarcGraphviz
import DemarcModel
import DemarcRender
import DemarcTestSupport
import DemarcViews
import Foundation
import Testing

typealias Fixture = TestModels

extension TestModels {
    static func context(_ d: Derivation, _ language: Language, links: LinkMode = .relative) -> DiagramContext {
        DiagramContext(views: try! Views(derivation: d, language: language), links: links)
    }

    static func diagrams(_ d: Derivation, _ language: Language, links: LinkMode = .relative) -> [Diagram] {
        let c = context(d, language, links: links)
        return d.model.offerings.map { OfferingDiagram.make($0, context: c) } + [ComparisonDiagram.make(offerings: d.model.offerings, context: c)]
            + d.model.catalogue.entries.map { ControlDiagram.make($0, context: c) }
    }
}

@Suite("Diagrams through the Graphviz door")
struct RenderedDiagramTests {
    @Test func everyDiagramRendersWithoutAGraphvizComplaint() throws {
        for language in Language.defaults {
            for d in [Fixture.p2, Fixture.agencyContractor] {
                for diagram in Fixture.diagrams(d, language) {
                    let outputs = try Graphviz.render(dot: diagram.dot, formats: [.svg, .png], name: diagram.id)
                    #expect(outputs[0].count > 1000 && outputs[1].count > 1000)
                }
            }
        }
    }

    /// Model text is untrusted: it reaches labels, tooltips and links escaped once.
    @Test func hostileTextSurvivesAsText() throws {
        let text = #"A & B <b>x</b> "q" 'a' \N \G \L \ end"#
        var model = Fixture.p2.model
        model.offerings[0].name = Text(ja: text, en: text)
        model.layers[0].name = Text(ja: text, en: text)
        model.catalogue.entries[0].title = Text(ja: text, en: text)
        model.parties[0].short = Text(ja: text, en: text)
        let c = Fixture.context(Derivation(model: model)!, .en, links: .absolute(baseURL: "https://x.example/a?b=1&c=2"))
        for diagram in [
            OfferingDiagram.make(model.offerings[0], context: c), ComparisonDiagram.make(offerings: model.offerings, context: c),
            ControlDiagram.make(model.catalogue.entries[0], context: c),
        ] {
            let svg = String(decoding: try Graphviz.render(dot: diagram.dot, format: .svg, name: diagram.id), as: UTF8.self)
            #expect(svg.contains("A &amp; B &lt;b&gt;x&lt;/b&gt;"), "\(diagram.id): the text survives as text")
            #expect(svg.contains("\\\u{200B}N \\\u{200B}G \\\u{200B}L \\ end"), "\(diagram.id): \\N is not expanded to the node name")
            #expect(!svg.contains("diagram \\"), "\(diagram.id): no node name where \\N was")
            #expect(!svg.contains("a?b=1&c=2"), "\(diagram.id): a raw & in a link")
        }
    }
}

@Suite("One layout per diagram: the standalone and inline copies, PNG and PDF from it")
struct OneLayoutTests {
    static func anchors(_ svg: [UInt8]) -> [String] {
        String(decoding: svg, as: UTF8.self).matches(of: /xlink:href="([^"]*)"/).map { String($0.1) }
    }

    /// Geometry: every drawing element, with the link wrappers left out.
    static func drawing(_ svg: [UInt8]) -> [String] {
        String(decoding: svg, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("<polygon") || $0.hasPrefix("<text") || $0.hasPrefix("<path") || $0.hasPrefix("<svg") }
            .map { $0.hasPrefix(" viewBox") ? String($0.prefix { $0 != "x" }) : $0 }
    }

    @Test func theStandaloneCopyHasNoLinksAndTheSameDrawingAsOneRenderedWithout() throws {
        for language in Language.defaults {
            let linked = Fixture.diagrams(Fixture.p2, language, links: .relative)
            let unlinked = Fixture.diagrams(Fixture.p2, language, links: .none)
            for (a, b) in zip(linked, unlinked) {
                let rendered = try Graphviz.render(dot: a.dot, formats: [.svg, .png], name: a.id)
                let plain = try Graphviz.render(dot: b.dot, formats: [.svg, .png], name: b.id)
                let standalone = SVGFinisher.finish(rendered[0], id: a.id, title: a.title, description: a.description, standalone: true, links: .remove)
                let inline = SVGFinisher.finish(rendered[0], id: a.id, title: a.title, description: a.description, standalone: false, links: .keep)
                let reference = SVGFinisher.finish(plain[0], id: b.id, title: b.title, description: b.description, standalone: true, links: .keep)
                #expect(Self.anchors(standalone).isEmpty, "\(a.id): the standalone SVG links nowhere")
                #expect(!String(decoding: standalone, as: UTF8.self).contains("<a xlink:href"))
                #expect(standalone == reference, "\(a.id): removing the links gives what rendering without them gives")
                #expect(Self.drawing(inline) == Self.drawing(standalone), "\(a.id): same geometry")
                #expect(rendered[1] == plain[1], "\(a.id): links do not change the PNG")
                if a.kind != .comparison { #expect(!Self.anchors(inline).isEmpty, "\(a.id): the inline copy links to its neighbours") }
            }
        }
    }

    @Test func absoluteLinksArePrefixedAndEscapedOnce() throws {
        let diagram = Fixture.diagrams(Fixture.p2, .ja)[0]
        let svg = try Graphviz.render(dot: diagram.dot, format: .svg, name: diagram.id)
        let finished = SVGFinisher.finish(
            svg, id: diagram.id, title: diagram.title, description: diagram.description, standalone: true,
            links: .prefix("https://wiki.example/a&amp;b/ja/diagrams/"))
        let links = Self.anchors(finished)
        #expect(!links.isEmpty)
        #expect(links.allSatisfy { $0.hasPrefix("https://wiki.example/a&amp;b/ja/diagrams/control-") && $0.hasSuffix(".svg") })
    }

    @Test func theFinisherDropsCommentsAndNodeTitlesAndAddsOurs() throws {
        let svg = Array(
            """
            <?xml version="1.0"?>
            <!-- Generated by graphviz -->
            <svg width="1pt" height="1pt"
             viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg">

            <g id="graph0" class="graph">
            <title>%3</title>
            <g id="a_x"><a xlink:title="tip only">
            <polygon points="0,0"/>
            </a>
            </g>
            <g id="a_y"><a xlink:href="t.svg" xlink:title="t">
            <text>a &lt; b</text>
            </a>
            </g>
            </g>
            </svg>

            """.utf8)
        let out = String(decoding: SVGFinisher.finish(svg, id: "d", title: "T & <t>", description: "D", standalone: true, links: .remove), as: UTF8.self)
        #expect(
            out == """
                <?xml version="1.0"?>
                <svg width="1pt" height="1pt"
                 viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="d-title d-desc">
                <title id="d-title">T &amp; &lt;t&gt;</title>
                <desc id="d-desc">D</desc>
                <g id="graph0" class="graph">
                <g id="a_x"><a xlink:title="tip only">
                <polygon points="0,0"/>
                </a>
                </g>
                <text>a &lt; b</text>
                </g>
                </svg>

                """)
    }
}

@Suite("PDF dates")
struct PDFFinisherTests {
    /// A minimal PDF whose date is followed by objects the cross-reference table points at.
    static func pdf(date: String) -> [UInt8] {
        var body = "%PDF-1.5\n"
        var offsets: [Int] = []
        offsets.append(body.utf8.count)
        body += "1 0 obj\n<< /CreationDate (\(date)) >>\nendobj\n"
        offsets.append(body.utf8.count)
        body += "2 0 obj\n<< /Type /Catalog >>\nendobj\n"
        let xref = body.utf8.count
        body += "xref\n0 3\n0000000000 65535 f \n" + offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        body += "trailer\n<< /Size 3 /Root 2 0 R /Info 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(body.utf8)
    }

    @Test func everyZoneGivesTheSameBytesAndValidOffsets() throws {
        let asOf = try #require(Day("2017-03-31"))
        let utc = PDFFinisher.finish(Self.pdf(date: "D:20261202081500Z"), asOf: asOf)
        let tokyo = PDFFinisher.finish(Self.pdf(date: "D:20261202171500+09'00"), asOf: asOf)
        #expect(utc == tokyo)
        let text = String(decoding: tokyo, as: UTF8.self)
        #expect(text.contains("/CreationDate (D:20170331000000Z)"))
        // Every offset points at its object; startxref at the table.
        for (index, match) in text.matches(of: /(\d{10}) 00000 n/).enumerated() {
            let offset = Int(match.1)!
            #expect(text.utf8.dropFirst(offset).starts(with: "\(index + 1) 0 obj".utf8))
        }
        let start = Int(try #require(text.firstMatch(of: /startxref\n(\d+)/)).1)!
        #expect(text.utf8.dropFirst(start).starts(with: "xref".utf8))
    }
}

@Suite("The builder")
struct BuilderTests {
    @Test func aLanguageWithoutWordingIsRefused() throws {
        #expect(throws: StringTables.Unsupported.self) {
            try Builder(derivation: Fixture.p2, options: BuildOptions(languages: [Language(code: "fr")!]))
        }
    }

    @Test func dotOnlyBuildsRenderNothingAndNeedNoFontCheck() async throws {
        let builder = try Builder(derivation: Fixture.p2, options: BuildOptions(formats: [.dot]))
        let files = try await builder.build(renderer: FailingRenderer())
        #expect(files.count == 2 * (3 + 1 + 17))
        #expect(files.keys.allSatisfy { $0.hasSuffix(".dot") })
    }

    @Test func aMissingFontStopsTheBuildWithNothingWritten() async throws {
        let builder = try Builder(derivation: Fixture.p2, options: BuildOptions(formats: [.svg]))
        let renderer = NarrowFontRenderer()
        await #expect(throws: Builder.Failure.font(FontCheck.Failure(width: 127))) { try await builder.build(renderer: renderer) }
        // The check is the first job; what was rendered beside it is thrown away.
        #expect(await renderer.log.jobs.first == "font check")
    }

    @Test func eachDiagramIsLaidOutOnceForAllItsFormats() async throws {
        let builder = try Builder(derivation: Fixture.p2, options: BuildOptions(languages: [.en], formats: [.svg, .png, .pdf, .svgOutlines]))
        let renderer = CountingRenderer()
        let files = try await builder.build(renderer: renderer)
        let jobs = await renderer.log.jobs
        #expect(jobs.count == 1 + 21, "the font check and one job per diagram")
        #expect(Set(jobs).count == jobs.count)
        #expect(files.count == 21 * 5, "svg, inline svg, png, pdf, outlines")
    }

    @Test func pagesWithoutTheirDiagramsAreRefusedByCase() throws {
        #expect(throws: Builder.Failure.pagesNeedDiagrams) {
            try Builder(derivation: Fixture.p2, options: BuildOptions(parts: [.pages]))
        }
        #expect(throws: Builder.Failure.pagesNeedEveryDiagramKind) {
            try Builder(derivation: Fixture.p2, options: BuildOptions(parts: [.diagrams, .pages], diagrams: [.offering]))
        }
    }

    /// In the order the diagrams were asked for.
    @Test func everyDiagramThatFailsIsNamedWithItsCause() async throws {
        let builder = try Builder(derivation: Fixture.p2, options: BuildOptions(languages: [.en], formats: [.svg]))
        let renderer = RefusingRenderer(refused: ["en/diagrams/comparison", "en/diagrams/offering-vw-series"])
        await #expect(
            throws: Builder.Failure.renders([
                RenderFailure(diagram: "en/diagrams/offering-vw-series", cause: .graphviz(["refused"])),
                RenderFailure(diagram: "en/diagrams/comparison", cause: .graphviz(["refused"])),
            ])
        ) { try await builder.build(renderer: renderer) }
    }
}

/// Renders in process, except the named diagrams, which Graphviz "refuses".
struct RefusingRenderer: Renderer {
    let refused: Set<String>
    func render(_ jobs: [RenderJob]) async -> [RenderOutcome] {
        var outcomes = await InProcessRenderer().render(jobs)
        for (index, job) in jobs.enumerated() where refused.contains(job.name) {
            outcomes[index] = .failure(RenderFailure(diagram: job.name, cause: .graphviz(["refused"])))
        }
        return outcomes
    }
}

actor JobLog {
    var jobs: [String] = []
    func add(_ names: [String]) { jobs += names }
}

struct FailingRenderer: Renderer {
    func render(_ jobs: [RenderJob]) async -> [RenderOutcome] { jobs.map { .failure(RenderFailure(diagram: $0.name, cause: .notRendered)) } }
}

/// Lays the font check out as DejaVu would.
struct NarrowFontRenderer: Renderer {
    let log = JobLog()
    func render(_ jobs: [RenderJob]) async -> [RenderOutcome] {
        await log.add(jobs.map(\.name))
        return jobs.map { _ in .success([Array(#"_ldraw_="F 10 16 -DejaVu c 7 -#000000 T 39.5 15.5 0 127 24 -アプリケーション ""#.utf8)]) }
    }
}

/// Renders in process and records the jobs.
struct CountingRenderer: Renderer {
    let log = JobLog()
    func render(_ jobs: [RenderJob]) async -> [RenderOutcome] {
        await log.add(jobs.map(\.name))
        return await InProcessRenderer().render(jobs)
    }
}

@Suite("docs/architecture.md's picture")
struct ArchitecturePictureTests {
    /// docs/images/architecture.svg is rendered from docs/architecture.dot
    /// through the door; re-record with RECORD_SNAPSHOTS=1.
    @Test func thePictureIsRenderedFromItsSource() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dot = try String(contentsOf: root.appendingPathComponent("docs/architecture.dot"), encoding: .utf8)
        let svg = SVGFinisher.finish(
            try Graphviz.render(dot: dot, format: .svg, name: "architecture"), id: "architecture",
            title: "Demarc's architecture",
            description:
                "The targets and the one-way path of the data: model files → DemarcModel → DemarcViews → DemarcDiagrams and text reports → DemarcBuild → DemarcRender and the Graphviz door → DemarcOutput → Output/.",
            standalone: true, links: .remove)
        let url = root.appendingPathComponent("docs/images/architecture.svg")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try Data(svg).write(to: url)
            return
        }
        #expect(FileManager.default.contents(atPath: url.path) == Data(svg), "re-record with RECORD_SNAPSHOTS=1")
    }
}
