import DemarcModel
@testable import DemarcPages
import DemarcTestSupport
import DemarcViews
import Foundation
import Testing

enum PageFixture {
    static let templates = try! PageTemplates.load()

    static func site(_ suffix: String = ".html") -> Views.Site {
        Views.Site(
            languages: Language.defaults.map { Views.SiteLanguage(language: $0, name: Views.endonym(try! StringTables.builtIn($0))) },
            suffix: suffix)
    }

    /// A stand-in for the inline SVG Graphviz would draw (this target has no Graphviz).
    static func svg(_ id: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="no"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><g id="a_\#(id)"><a xlink:href="control-4-1-4-1-2-d.svg" xlink:title="x"><text>\#(id)</text></a></g></svg>"#
    }

    static func pages(_ d: Derivation, _ language: Language, templates: PageTemplates = templates) throws -> [String: String] {
        let views = try Views(derivation: d, language: language)
        var out: [String: String] = [:]
        for var page in views.pages(site: site(templates.format.suffix)) {
            if let diagram = page.diagram { page.values["diagram"] = .markup(InlineSVG.prepare(svg(diagram), suffix: templates.format.suffix)) }
            out[page.file] = String(decoding: try templates.render(page), as: UTF8.self)
        }
        return out
    }

    static func load(_ overrides: [String: String]) throws(PageTemplates.Failure) -> PageTemplates {
        var sources: [String: PageTemplates.Source] = [:]
        for (path, bytes) in Resources.files(under: PageTemplates.builtInFolder) {
            let name = String(path.dropFirst(PageTemplates.builtInFolder.count + 1).dropLast(".mustache".count))
            sources[name] = .init(file: path, text: String(decoding: bytes, as: UTF8.self))
        }
        for (name, text) in overrides { sources[name] = .init(file: "org/\(name).mustache", text: text) }
        return try PageTemplates(sources: sources)
    }
}

import DemarcResources

/// Golden files under Snapshots/, re-recorded with RECORD_SNAPSHOTS=1.
func assertSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no snapshot \(name); record it with RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
        return
    }
    if expected != text {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false), b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
        Issue.record(
            "\(name) differs from the snapshot at line \(first + 1): expected \(a.indices.contains(first) ? a[first].prefix(300) : "end") — got \(b.indices.contains(first) ? b[first].prefix(300) : "end")",
            sourceLocation: sourceLocation)
    }
}

@Suite("Pages: golden HTML for each kind of page")
struct PageSnapshotTests {
    @Test(arguments: ["ja", "en"])
    func goldenPages(_ code: String) throws {
        let pages = try PageFixture.pages(TestModels.p2, Language(code: code)!)
        for file in ["index.html", "offering-vw-series.html", "entry-4-1-4-1-2-d.html", "topic-certifications.html"] {
            let html = try #require(pages[file])
            try assertSnapshot(html, named: "p2-\(code)-\(file)")
        }
    }

    @Test func everyOfferingEntryAndTopicHasItsPageInBothLanguages() throws {
        for d in [TestModels.p2, TestModels.agencyContractor] {
            for language in Language.defaults {
                let pages = try PageFixture.pages(d, language)
                var expected: Set<String> = ["index.html"]
                expected.formUnion(d.model.offerings.map { "offering-\($0.id).html" })
                expected.formUnion(d.model.catalogue.entries.map { "entry-\($0.slug).html" })
                expected.formUnion(d.model.topics.map { "topic-\($0.id).html" })
                #expect(Set(pages.keys) == expected)
                for (file, html) in pages {
                    #expect(!html.contains("⟦"), "\(file) shows a missing key")
                    #expect(html.contains("<html lang=\"\(language.code)\">"), "\(file)")
                    #expect(html.contains("Content-Security-Policy"), "\(file)")
                    #expect(html.contains(d.model.metadata.asOf.description), "\(file): the footer's as-of date")
                    #expect(!html.contains("<?xml") && !html.contains("<!DOCTYPE svg"), "\(file): prolog of the inline SVG")
                }
            }
        }
    }

    @Test func pagesAreDeterministic() throws {
        #expect(try PageFixture.pages(TestModels.p2, .ja) == PageFixture.pages(TestModels.p2, .ja))
    }

    @Test func theIndexNamesEveryOfferingEntryTopicAndTheGaps() throws {
        let d = TestModels.p2
        let views = try Views(derivation: d, language: .en)
        let html = try #require(try PageFixture.pages(d, .en)["index.html"])
        for offering in d.model.offerings { #expect(html.contains(#"href="offering-\#(offering.id).html""#)) }
        for entry in d.model.catalogue.entries { #expect(html.contains(#"href="entry-\#(entry.slug).html""#)) }
        for topic in d.model.topics { #expect(html.contains(#"href="topic-\#(topic.id).html""#)) }
        #expect(html.contains("2017-03-31") && html.contains("FY2016"))
        // -2 e) (recovery point objective) is a gap in every offering.
        #expect(html.components(separatedBy: "4.1.4(1)-2 e)").count - 1 >= 3)
        #expect(html.contains(views.words.coverageWord(.none)))
    }

    @Test func theOfferingPageHasTheRoleTableOfEveryEntryAndTheCustomerSidesDuties() throws {
        let d = TestModels.agencyContractor
        let html = try #require(try PageFixture.pages(d, .en)["offering-vw-series.html"])
        for entry in d.model.catalogue.entries { #expect(html.contains(#"<a href="entry-\#(entry.slug).html">\#(entry.id)</a>"#), "\(entry.id)") }
        for party in d.model.parties where party.side == .customer {
            #expect(html.contains("<h3>" + party.label.string(.en)), "\(party.id)")
        }
        #expect(html.contains("<th scope=\"col\">") && html.contains("<caption>"))
    }

    @Test func inlineDiagramsLinkToPages() {
        let svg = InlineSVG.prepare(PageFixture.svg("x"), suffix: ".html")
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.contains(#"xlink:href="entry-4-1-4-1-2-d.html""#))
        #expect(InlineSVG.target("offering-vw-series.svg", suffix: ".html") == "offering-vw-series.html")
        #expect(InlineSVG.target("https://x.example/a.svg", suffix: ".html") == "https://x.example/a.svg")
        #expect(InlineSVG.target("#frag", suffix: ".html") == "#frag")
    }

    @Test func inlineDiagramsAtTheirEdges() {
        func prepared(_ svg: String) -> String { InlineSVG.prepare(svg, suffix: ".html") }
        // No <svg: kept whole; a newline added once.
        #expect(prepared("plain") == "plain\n")
        #expect(prepared("<?xml?>\n<svg/>\n") == "<svg/>\n")
        // Links at the very end, unterminated, back to back, and "href=" that is not an attribute's start.
        #expect(prepared(#"<svg><a href="control-a.svg"/>"#) == #"<svg><a href="entry-a.html"/>"# + "\n")
        #expect(prepared(#"<svg><a href="control-a.svg"#) == #"<svg><a href="entry-a.html"# + "\n")
        #expect(prepared(#"<svg href="offering-x.svg"href="comparison.svg">"#) == #"<svg href="offering-x.html"href="index.html">"# + "\n")
        #expect(prepared(#"<svg>xhref="control-b.svg" href=""#) == #"<svg>xhref="entry-b.html" href=""# + "\n")
        #expect(prepared(#"<svg><text>href=</text></svg>"#) == #"<svg><text>href=</text></svg>"# + "\n")
    }
}

@Suite("Pages: hostile text")
struct HostileTextTests {
    static let hostile =
        "<script>document.body.appendChild(document.createElement('pwned'))</script><img src=x onerror=alert(1)> \" ' & {{title}} \u{0}\u{1}\u{B}\u{7F}\u{85}"
        + nonCharacters + " end"
    /// Noncharacters (Swift's literals refuse them).
    static let nonCharacters = String(String.UnicodeScalarView([0xFFFE, 0xFFFF, 0xFDD0, 0x10FFFF].compactMap(Unicode.Scalar.init)))

    static func hostileModel() -> Derivation {
        var model = TestModels.p2.model
        let text = Text(ja: hostile, en: hostile)
        model.metadata.name = text
        model.offerings[0].name = text
        model.layers[0].name = text
        model.catalogue.entries[3].title = text
        model.catalogue.entries[3].text = text
        model.catalogue.entries[3].commentary = [text]
        model.topics[0].title = text
        model.topics[0].statement = text
        model.parties[0].short = text
        return TestModels.derive(model)
    }

    @Test(arguments: ["ja", "en"])
    func modelTextIsEscapedOnceAndForbiddenCharactersGo(_ code: String) throws {
        for (file, html) in try PageFixture.pages(Self.hostileModel(), Language(code: code)!) {
            #expect(!html.contains("<script"), "\(file)")
            #expect(!html.contains("<img"), "\(file)")
            #expect(html.contains("&lt;script&gt;document.body.appendChild"), "\(file): shown literally")
            #expect(!html.contains("&amp;lt;"), "\(file): escaped twice")
            #expect(!html.unicodeScalars.contains(where: Escape.isDropped), "\(file)")
            #expect(html.contains("{{title}}"), "\(file): model text is not a template")
        }
    }

    @Test func forbiddenCharacters() {
        #expect(HostileTextTests.nonCharacters.unicodeScalars.count == 4)
        #expect(Escape.clean("a\u{0}b\tc\nd\re\u{1F}\u{7F}\u{9F}" + HostileTextTests.nonCharacters + "f😀") == "ab\tc\nd\nef😀")
    }
}

@Suite("Templates are checked when loaded")
struct TemplateCheckTests {
    func diagnostics(_ overrides: [String: String]) -> [String] {
        do {
            _ = try PageFixture.load(overrides)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func theBuiltInTemplatesFitThePages() throws {
        #expect(PageFixture.templates.format == .html)
    }

    @Test func anUnknownKeyIsAnErrorWithItsLineAndColumn() {
        let topic = "{{% CONTENT_TYPE: HTML }}\n{{> head}}\n<p>{{source}}</p>\n  <p>{{responsibel}}</p>\n{{> foot}}\n"
        #expect(diagnostics(["topic": topic]) == ["org/topic.mustache:4:6: error: unknown key 'responsibel' in the topic page (did you mean 'responsible'?)"])
    }

    @Test func keysAreResolvedInTheirSection() {
        // Evidence rows have kind, title and details, and no level above them an href; entries' rows have one.
        let topic = "{{% CONTENT_TYPE: HTML }}\n{{#evidence}}{{kind}}{{#details}}{{text}}{{/details}}{{href}}{{/evidence}}\n{{#entries}}{{href}}{{/entries}}"
        #expect(diagnostics(["topic": topic]) == ["org/topic.mustache:2:54: error: unknown key 'href' in the topic page"])
    }

    @Test func partialsAreCheckedWhereTheyAreIncluded() {
        let found = diagnostics(["foot": "</main><p>{{footer}} {{asOf}}</p></body></html>", "topic": "{{% CONTENT_TYPE: HTML }}{{> head}}{{> fot}}"])
        #expect(found.contains("org/foot.mustache:1:22: error: unknown key 'asOf' in the index page"))
        #expect(found.contains("org/topic.mustache:1:36: error: unknown partial 'fot' (did you mean 'foot'?)"))
    }

    @Test func escapingFollowsWhatAKeyHolds() {
        let found = diagnostics(["topic": "{{% CONTENT_TYPE: HTML }}\n{{{statement}}}\n{{diagram}}\n{{evidence}}\n{{#title}}{{/title}}"])
        #expect(
            found == [
                "org/topic.mustache:2:1: error: 'statement' is text and must be escaped: write {{statement}}; raw output is only for markup Demarc generated",
                "org/topic.mustache:3:1: error: 'diagram' is markup Demarc generated: write it raw, {{{diagram}}}",
                "org/topic.mustache:4:1: error: 'evidence' is a list, not text: use it as a section, {{#evidence}}…{{/evidence}}",
                "org/topic.mustache:5:1: error: 'title' is text, not a list, an object or a flag: it cannot open a section",
            ])
    }

    @Test func sectionsAreClosedInOrder() {
        #expect(
            diagnostics(["topic": "{{% CONTENT_TYPE: HTML }}\n{{#entries}}\n{{#hasEntries}}{{/entries}}"]) == [
                "org/topic.mustache:3:16: error: '{{/entries}}' closes 'hasEntries', opened at 3:1",
                "org/topic.mustache:3:1: error: the section 'hasEntries' opened here is never closed",
                "org/topic.mustache:2:1: error: the section 'entries' opened here is never closed",
            ])
    }

    @Test func whatTheScannerRefuses() {
        #expect(
            diagnostics(["topic": "{{% CONTENT_TYPE: HTML }}\n{{=<% %>=}}"]) == [
                "org/topic.mustache:2:1: error: set-delimiter tags ('{{=…=}}') are not supported in Demarc's templates"
            ])
        #expect(diagnostics(["topic": "{{% CONTENT_TYPE: HTML }}\n\n  {{title"]) == ["org/topic.mustache:3:3: error: a tag opened here is never closed ('}}')"])
        #expect(
            diagnostics(["topic": "<p>{{title}}</p>"]) == [
                "org/topic.mustache:1:1: error: a page template starts by declaring what it produces: {{% CONTENT_TYPE: HTML }} (HTML or MARKDOWN)"
            ])
        #expect(
            diagnostics(["topic": "{{% CONTENT_TYPE: PDF }}"]) == [
                "org/topic.mustache:1:1: error: unknown declaration 'CONTENT_TYPE: PDF'; write CONTENT_TYPE: HTML or MARKDOWN"
            ])
        #expect(
            diagnostics(["topic": "{{% CONTENT_TYPE: MARKDOWN }}{{title}}"]) == [
                "org/topic.mustache:1:1: error: the topic page declares MARKDOWN, the index page HTML: all pages of a site have one format"
            ])
        #expect(diagnostics(["head": "{{> head}}"]).contains("org/head.mustache:1:1: error: the partial 'head' includes itself"))
    }

    @Test func anOrganisationsTemplateChangesThePage() throws {
        let templates = try PageFixture.load(["foot": "</main><footer class=\"org\">{{footer}} — Example Agency</footer></body></html>"])
        let html = try #require(try PageFixture.pages(TestModels.p2, .en, templates: templates)["index.html"])
        #expect(html.contains("— Example Agency</footer>"))
    }

    @Test func markdownTemplatesEscapeForMarkdown() throws {
        let md = "{{% CONTENT_TYPE: MARKDOWN }}\n# {{title}}\n{{#languages}}\n- [{{label}}]({{href}})\n{{/languages}}\n"
        var overrides: [String: String] = [:]
        for kind in PageKind.allCases { overrides[kind.template] = md }
        let templates = try PageFixture.load(overrides)
        #expect(templates.format == .markdown)
        let pages = try PageFixture.pages(HostileTextTests.hostileModel(), .en, templates: templates)
        let index = try #require(pages["index.md"])
        #expect(index.contains("&lt;script&gt;document\\.body\\.appendChild\\(document\\.createElement"))
        #expect(index.contains("- [English](index\\.md)") && index.contains("(\\.\\./\\.\\./ja/pages/index\\.md)"))
    }

    @Test func theQuickLookAgreesWithTheProblemsItSkips() throws {
        let pages = try Views(derivation: TestModels.p2, language: .en).pages(site: PageFixture.site())
        for page in pages {
            let schema = page.kind.schema
            #expect(schema.conforms(page.values) && schema.problems(page.values).isEmpty, "\(page.file)")
            // Break the values at every depth: a key dropped, one added, one of the wrong kind.
            for mutated in Self.breakages(of: page.values) {
                #expect(!schema.conforms(mutated) && !schema.problems(mutated).isEmpty, "\(page.file)")
            }
        }
    }

    /// Copies of `object`, each wrong in one place, in its rows and objects too.
    static func breakages(of object: PageObject) -> [PageObject] {
        var out: [PageObject] = []
        for key in object.keys.sorted() {
            var dropped = object
            dropped[key] = nil
            out.append(dropped)
            var wrong = object
            if case .flag = object[key]! { wrong[key] = .text("x") } else { wrong[key] = .flag(true) }
            out.append(wrong)
            switch object[key]! {
            case .list(let rows):
                for (index, row) in rows.enumerated().prefix(2) {
                    for broken in breakages(of: row).prefix(4) {
                        var copy = rows
                        copy[index] = broken
                        var changed = object
                        changed[key] = .list(copy)
                        out.append(changed)
                    }
                }
            case .object(let inner):
                for broken in breakages(of: inner).prefix(4) {
                    var changed = object
                    changed[key] = .object(broken)
                    out.append(changed)
                }
            default: break
            }
        }
        var extra = object
        extra["not-a-key"] = .text("x")
        out.append(extra)
        return out
    }

    @Test func valuesThatDoNotFitTheirKeysAreRefused() throws {
        var page = try Views(derivation: TestModels.p2, language: .en).pages(site: PageFixture.site()).first!
        page.values["title"] = .flag(true)
        page.values["extra"] = .text("x")
        #expect(throws: PageTemplates.RenderFailure(page: "index.html", problems: ["extra: not in the schema", "title: holds flag, the schema says text"])) {
            try PageFixture.templates.render(page)
        }
    }
}
