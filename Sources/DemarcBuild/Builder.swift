import DemarcDiagrams
import DemarcGraphviz
import DemarcModel

/// Output formats of diagrams.
public enum DiagramFormat: String, Sendable, CaseIterable, Comparable {
    /// Standalone SVG for wikis (and the inline copy pages embed).
    case svg
    case png
    case pdf
    /// The DOT text itself.
    case dot
    /// Opt-in: SVG with text as outlines, for wiki servers without Japanese fonts.
    case svgOutlines = "svg-outlines"

    public static func < (a: DiagramFormat, b: DiagramFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What a build produces.
public struct BuildOptions: Sendable {
    public var languages: [Language]
    public var formats: Set<DiagramFormat>
    /// Links in the standalone SVGs: none (default) or absolute https links.
    public var links: LinkMode
    public var theme: Palette.Theme
    /// Offerings to draw, in this order (empty: all, in model order).
    public var offerings: [String]
    /// Which kinds of diagram to draw.
    public var kinds: Set<Diagram.Kind>

    public init(languages: [Language] = Language.allCases, formats: Set<DiagramFormat> = [.svg, .png, .pdf],
                links: LinkMode = .none, theme: Palette.Theme = .light, offerings: [String] = [],
                kinds: Set<Diagram.Kind> = Set(Diagram.Kind.allCases)) {
        self.offerings = offerings
        self.kinds = kinds
        self.languages = languages
        self.formats = formats
        self.links = links
        self.theme = theme
    }
}

/// Model → diagrams → rendered files (relative path → bytes). The layout
/// is documented in docs/output.md.
public struct Builder: Sendable {
    public let model: Model
    public let derivation: Derivation
    public let options: BuildOptions

    public init(model: Model, derivation: Derivation, options: BuildOptions) {
        self.model = model
        self.derivation = derivation
        self.options = options
    }

    public struct Failure: Error, CustomStringConvertible {
        public var failures: [String]
        public var description: String {
            "\(failures.count) diagram\(failures.count == 1 ? "" : "s") failed:\n" + failures.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    /// Every diagram of one language in one link mode.
    public func diagrams(_ language: Language, links: LinkMode) -> [Diagram] {
        let context = DiagramContext(model: model, derivation: derivation, language: language, links: links, theme: options.theme)
        let offerings = options.offerings.isEmpty ? model.offerings : options.offerings.compactMap(model.offering)
        var result: [Diagram] = []
        if options.kinds.contains(.offering) { result += offerings.map { OfferingDiagram.make($0, context: context) } }
        if options.kinds.contains(.comparison) { result.append(ComparisonDiagram.make(offerings: offerings, context: context)) }
        if options.kinds.contains(.control) {
            result += model.catalogue.entries.map { ControlDiagram.make($0, offerings: offerings, context: context) }
        }
        return result
    }

    /// Renders everything and returns the files. Throws `FontCheck.Failure`
    /// before rendering when the Japanese font is missing, and `Failure`
    /// naming every diagram that failed.
    public func build(renderer: any Renderer) async throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        var jobs: [RenderJob] = []
        /// What to do with each job's bytes: (path, finisher).
        var sinks: [(String, @Sendable ([UInt8]) -> [UInt8])] = []
        let asOf = model.metadata.asOf
        for language in options.languages {
            let base = "\(language.rawValue)/diagrams"
            let standalone = diagrams(language, links: options.links)
            let inline = options.formats.contains(.svg) ? diagrams(language, links: .relative) : []
            let print = options.links == .none ? standalone : diagrams(language, links: .none)
            for (index, diagram) in standalone.enumerated() {
                let id = diagram.id, title = diagram.title, description = diagram.description
                if options.formats.contains(.dot) {
                    files["\(base)/\(id).dot"] = Array(diagram.dot.utf8)
                }
                if options.formats.contains(.svg) {
                    jobs.append(RenderJob(name: "\(base)/\(id).svg", dot: diagram.dot, format: .svg))
                    sinks.append(("\(base)/\(id).svg", { SVGFinisher.finish($0, id: id, title: title, description: description, standalone: true) }))
                    jobs.append(RenderJob(name: "\(base)/inline/\(id).svg", dot: inline[index].dot, format: .svg))
                    sinks.append(("\(base)/inline/\(id).svg", { SVGFinisher.finish($0, id: id, title: title, description: description, standalone: false) }))
                }
                if options.formats.contains(.png) {
                    jobs.append(RenderJob(name: "\(base)/\(id).png", dot: print[index].dot, format: .png))
                    sinks.append(("\(base)/\(id).png", { $0 }))
                }
                if options.formats.contains(.pdf) {
                    jobs.append(RenderJob(name: "\(base)/\(id).pdf", dot: print[index].dot, format: .pdf))
                    sinks.append(("\(base)/\(id).pdf", { PDFFinisher.finish($0, asOf: asOf) }))
                }
                if options.formats.contains(.svgOutlines) {
                    jobs.append(RenderJob(name: "\(base)/outlines/\(id).svg", dot: print[index].dot, format: .svgOutlines))
                    sinks.append(("\(base)/outlines/\(id).svg", { SVGFinisher.finish($0, id: id, title: title, description: description, standalone: true) }))
                }
            }
        }
        guard !jobs.isEmpty else { return files }

        // The font check runs before the first render (and only when something renders).
        let check = await renderer.render([RenderJob(name: "font check", dot: FontCheck.dot, format: .xdot)])
        switch check.first {
        case .success(let xdot)?: try FontCheck.verify(xdot: xdot)
        case .failure(let message)?: throw Failure(failures: [message])
        case nil: throw Failure(failures: ["font check: no result"])
        }

        let outcomes = await renderer.render(jobs)
        var failures: [String] = []
        for ((path, finish), outcome) in zip(sinks, outcomes) {
            switch outcome {
            case .success(let bytes): files[path] = finish(bytes)
            case .failure(let message): failures.append(message)
            }
        }
        if !failures.isEmpty { throw Failure(failures: failures) }
        return files
    }

    /// The manifest for a set of file hashes.
    public func manifest(_ hashes: [String: String], generator: String) -> Manifest {
        Manifest(generator: generator,
                 model: .init(id: model.metadata.id, version: model.metadata.version, asOf: model.metadata.asOf.description),
                 system: SystemVersions.read(), files: hashes)
    }
}
