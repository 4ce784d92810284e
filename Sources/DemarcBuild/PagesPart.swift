import DemarcModel
import DemarcPages
import DemarcViews

/// The pages (`<lang>/pages/`): the index, one per offering, one per
/// catalogue entry, one per disclosure topic, each through its template,
/// embedding the inline copy of its diagram (links between diagrams become
/// links between pages). Made after the renders, from the inline copies.
struct PagesPart: BuildPart {
    static let name = PartName.pages.rawValue

    func plan(_ input: PartInput) -> PartPlan { PartPlan() }

    func assemble(_ input: PartInput, rendered: [String: [UInt8]]) throws -> [String: [UInt8]] {
        guard let templates = input.builder.templates else { return [:] }
        let site = Views.Site(
            languages: input.options.languages.map { language in
                Views.SiteLanguage(language: language, name: input.builder.strings[language].map(Views.endonym) ?? language.code)
            }, suffix: templates.format.suffix)
        let folder = PagePaths.folder(input.language)
        var files: [String: [UInt8]] = [:]
        var failures: [PageFailure] = []
        for var page in input.views.pages(offerings: input.offerings, site: site) {
            if let diagram = page.diagram {
                let path = "\(input.language.code)/diagrams/inline/\(diagram).svg"
                guard let svg = rendered[path] else {
                    failures.append(.diagramMissing(page: "\(folder)/\(page.file)", diagram: path))
                    continue
                }
                page.values["diagram"] = .markup(InlineSVG.prepare(String(decoding: svg, as: UTF8.self), suffix: templates.format.suffix))
            }
            do {
                files["\(folder)/\(page.file)"] = Array(try templates.render(page).utf8)
            } catch {
                failures.append(.template(error))
            }
        }
        if !failures.isEmpty { throw Builder.Failure.pages(failures) }
        return files
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
