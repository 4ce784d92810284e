import DemarcDiagrams
import DemarcGraphviz
import DemarcModel
import DemarcRender
import DemarcViews

/// The diagrams: one stack per offering, the comparison, one per control —
/// each generated and laid out once per language, with relative links; the
/// standalone SVG (no links, or absolute ones), the inline copy (relative
/// links), PNG, PDF and outlines all come from that one layout.
struct DiagramsPart: BuildPart {
    static let name = PartName.diagrams.rawValue

    func plan(_ input: PartInput) -> PartPlan {
        let options = input.options
        let context = DiagramContext(views: input.views, links: .relative, theme: options.theme == .dark ? .dark : .light)
        // Each diagram made when the build asks for it: its render is fed to
        // the workers before the next is made.
        var diagrams: [() -> Diagram] = []
        if options.diagrams.contains(.offering) { diagrams += input.offerings.map { offering in { OfferingDiagram.make(offering, context: context) } } }
        if options.diagrams.contains(.comparison) { diagrams.append { ComparisonDiagram.make(offerings: input.offerings, context: context) } }
        if options.diagrams.contains(.control) {
            diagrams += input.views.model.catalogue.entries.map { entry in { ControlDiagram.make(entry, offerings: input.offerings, context: context) } }
        }
        let base = "\(input.language.code)/diagrams"
        let standaloneLinks: SVGFinisher.Links
        switch options.links {
        case .none: standaloneLinks = .remove
        case .absolute(let url):
            let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
            standaloneLinks = .prefix(Escape.xmlAttribute("\(trimmed)/\(input.language.code)/diagrams/"))
        }
        let asOf = input.views.model.metadata.asOf
        var plan = PartPlan()
        // One layout, rendered in every Graphviz format the build needs.
        // The pages embed the inline copies: SVG is rendered for them even when not asked for.
        let formats = Self.formats(options.parts.contains(.pages) ? options.formats.union([.svg]) : options.formats)
        let standalone = options.formats.contains(.svg)
        for make in diagrams {
            var made: Diagram?
            if options.formats.contains(.dot) {
                let diagram = make()
                plan.files["\(base)/\(diagram.id).dot"] = Array(diagram.dot.utf8)
                made = diagram
            }
            guard !formats.isEmpty else { continue }
            plan.renders.append { [made] in
                let diagram = made ?? make()
                let id = diagram.id, title = diagram.title, description = diagram.description
                let job = RenderJob(name: "\(base)/\(id)", dot: diagram.dot, formats: formats, group: input.language.code)
                return PartRender(
                    job: job,
                    finishing: [
                        base, id, title, description, String(standalone), "\(standaloneLinks)", asOf.description,
                        formats.map(\.rawValue).joined(separator: ","),
                    ]
                ) { outputs in
                    var files: [String: [UInt8]] = [:]
                    for (format, bytes) in zip(formats, outputs) {
                        switch format {
                        case .svg:
                            if standalone {
                                files["\(base)/\(id).svg"] = SVGFinisher.finish(
                                    bytes, id: id, title: title, description: description,
                                    standalone: true, links: standaloneLinks)
                            }
                            files["\(base)/inline/\(id).svg"] = SVGFinisher.finish(
                                bytes, id: id, title: title, description: description,
                                standalone: false, links: .keep)
                        case .png:
                            files["\(base)/\(id).png"] = bytes
                        case .pdf:
                            files["\(base)/\(id).pdf"] = PDFFinisher.finish(bytes, asOf: asOf)
                        case .svgOutlines:
                            files["\(base)/outlines/\(id).svg"] = SVGFinisher.finish(
                                bytes, id: id, title: title, description: description,
                                standalone: true, links: .remove)
                        case .xdot:
                            break
                        }
                    }
                    return files
                }
            }
        }
        return plan
    }

    /// The Graphviz formats a build's formats need, in a fixed order.
    static func formats(_ wanted: Set<DiagramFormat>) -> [Graphviz.Format] {
        [(DiagramFormat.svg, Graphviz.Format.svg), (.png, .png), (.pdf, .pdf), (.svgOutlines, .svgOutlines)]
            .filter { wanted.contains($0.0) }.map(\.1)
    }
}
