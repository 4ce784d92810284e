import DemarcModel
import DemarcPages
import DemarcViews

/// The pages (`<lang>/pages/`): the index, one per offering, one per
/// catalogue entry, one per disclosure topic, each through its template,
/// embedding the inline copy of its diagram (links between diagrams become
/// links between pages). Made while the diagrams render, their inline
/// copies filled in once they are there.
struct PagesPart: BuildPart {
    static let name = PartName.pages.rawValue

    func plan(_ input: PartInput) -> PartPlan { PartPlan() }

    /// Stands in a page for its diagram until the diagram is rendered. Model
    /// text never holds it: the templates escape every `<` of it.
    static let hole = "<!--demarc:inline-diagram:7f3e9a-->"

    func assemble(_ input: PartInput, _ emit: (AssembledFile) -> Void) throws {
        guard let templates = input.builder.templates else { return }
        let site = Views.Site(
            languages: input.options.languages.map { language in
                Views.SiteLanguage(language: language, name: input.builder.strings[language].map(Views.endonym) ?? language.code)
            }, suffix: templates.format.suffix)
        let folder = PagePaths.folder(input.language)
        let suffix = templates.format.suffix
        let hole = Array(Self.hole.utf8)
        var failures: [PageFailure] = []
        let baseline = input.options.baseline.map { ($0.derivation, label: $0.label) }
        input.views.eachPage(offerings: input.offerings, site: site, baseline: baseline) { page in
            var page = page
            let diagram = page.diagram.map { "\(input.language.code)/diagrams/inline/\($0).svg" }
            if diagram != nil { page.values["diagram"] = .markup(Self.hole) }
            let html: [UInt8]
            do throws(PageTemplates.RenderFailure) {
                html = try templates.render(page)
            } catch {
                failures.append(.template(error))
                return
            }
            var pieces: [AssembledFile.Piece] = []
            var start = 0
            if let diagram {
                var i = 0
                while i + hole.count <= html.count {
                    if html[i] == hole[0], html[i..<i + hole.count].elementsEqual(hole) {
                        pieces.append(.bytes(html[start..<i]))
                        pieces.append(.rendered(path: diagram) { Escape.clean(utf8: InlineSVG.prepare($0, suffix: suffix)) })
                        i += hole.count
                        start = i
                    } else {
                        i += 1
                    }
                }
            }
            pieces.append(.bytes(html[start...]))
            emit(AssembledFile(path: "\(folder)/\(page.file)", pieces: pieces))
        }
        if !failures.isEmpty { throw Builder.Failure.pages(failures) }
    }
}

/// Why one page was not made.
public enum PageFailure: Sendable, Equatable, CustomStringConvertible {
    /// The diagram it embeds was not rendered.
    case diagramMissing(page: String, diagram: String)
    /// Its values do not fit its template.
    case template(PageTemplates.RenderFailure)

    public var description: String {
        switch self {
        case .diagramMissing(let page, let diagram): return "\(page): the diagram \(diagram) was not rendered"
        case .template(let failure): return failure.description
        }
    }
}
