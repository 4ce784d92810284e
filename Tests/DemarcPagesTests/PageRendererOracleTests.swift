import DemarcModel
@testable import DemarcPages
import DemarcTestSupport
import DemarcViews
import Foundation
import Mustache
import Testing

/// swift-mustache, the reference: the same templates and values through its
/// renderer (text as strings, flags as booleans, lists and objects as
/// arrays and dictionaries), its HTML escaping replaced by Demarc's as
/// `PageTemplates` registers it.
enum MustacheReference {
    static func render(_ templates: PageTemplates, _ page: Page) throws -> [UInt8] {
        var library = MustacheLibrary()
        for (name, source) in templates.sources { try library.register(source.text, named: name) }
        let text = library.render(context(page.values), withTemplate: page.kind.template) ?? "no template"
        return Escape.clean(utf8: Array(text.utf8))
    }

    static func context(_ object: PageObject) -> [String: Any] { object.mapValues(value) }

    static func value(_ value: PageValue) -> Any {
        switch value {
        case .text(let text), .markup(let text): return text
        case .flag(let flag): return flag
        case .list(let rows): return rows.map(context)
        case .object(let object): return context(object)
        }
    }
}

@Suite("Pages render as swift-mustache renders them")
struct PageRendererOracleTests {
    static func compare(_ derivation: Derivation, templates: PageTemplates, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for language in Language.defaults {
            let views = try Views(derivation: derivation, language: language)
            for var page in views.pages(site: PageFixture.site(templates.format.suffix)) {
                if let diagram = page.diagram {
                    page.values["diagram"] = .markup(InlineSVG.prepare(PageFixture.svg(diagram), suffix: templates.format.suffix))
                }
                let ours = try templates.render(page), reference = try MustacheReference.render(templates, page)
                let same = ours == reference
                #expect(same, "\(language.code)/\(page.file)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func theDefaultModelAndTheAgencyExample() throws {
        try Self.compare(TestModels.p2, templates: PageFixture.templates)
        try Self.compare(TestModels.agencyContractor, templates: PageFixture.templates)
    }

    @Test func hostileText() throws {
        try Self.compare(HostileTextTests.hostileModel(), templates: PageFixture.templates)
    }

    /// Templates of one's own that lean on how mustache cuts lines: standalone
    /// tags with spaces and tabs around them, comments alone and inline,
    /// indented partials holding sections, CR LF line ends, a last line
    /// without a line end, tags in the middle of text, inverted sections,
    /// dotted names, the pragma after a comment.
    @Test(arguments: 0..<4)
    func linesAndWhitespace(_ variant: Int) throws {
        let crlf = variant % 2 == 1
        var head = """
            {{! The document's start, as an organisation writes it. }}
            <!DOCTYPE html>
            <html lang="{{lang}}">
              <head>
                {{! an inline comment }}<title>{{title}} | {{site}}</title>
                <style>
                  {{> style}}
                </style>
              </head>
              <body>
            \t{{#languages}}
            \t  <a href="{{href}}">{{label}}</a>{{#current}} (here){{/current}}
            \t{{/languages}}
               {{^languages}}none{{/languages}}
              <h1>{{title}}</h1>
            """
        var foot = "  </body>\n</html>"
        if variant >= 2 { foot += "\n" }
        if crlf {
            head = head.replacingOccurrences(of: "\n", with: "\r\n")
            foot = foot.replacingOccurrences(of: "\n", with: "\r\n")
        }
        let templates = try PageFixture.load(["head": head, "foot": foot])
        try Self.compare(TestModels.p2, templates: templates)
    }

    /// Markdown pages: escaped as Markdown in the page templates and, as in
    /// swift-mustache, as HTML inside partials.
    @Test func markdownPages() throws {
        var overrides: [String: String] = [:]
        for kind in PageKind.allCases {
            overrides[kind.template] = "{{% CONTENT_TYPE: MARKDOWN }}\n# {{title}}\n\n{{> head}}\n"
        }
        try Self.compare(TestModels.p2, templates: PageFixture.load(overrides))
    }
}
