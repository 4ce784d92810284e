import DemarcGraphviz
import DemarcModel
import DemarcOutput
import DemarcPages
import DemarcRender
import DemarcViews

/// What a build produces: which parts, languages, formats and offerings.
public struct BuildOptions: Sendable {
    public var parts: [PartName]
    public var languages: [Language]
    public var formats: Set<DiagramFormat>
    /// Links in the standalone SVGs: none (default) or absolute https links.
    public var links: StandaloneLinks
    public var theme: Theme
    /// Offerings to draw, in this order (empty: all, in model order).
    public var offerings: [String]
    /// Which kinds of diagram to draw.
    public var diagrams: Set<DiagramKind>
    /// A folder of page templates of one's own (`--templates`), in place of
    /// the built-in ones of the same name; nil for the built-in ones.
    public var templates: String?

    public init(
        parts: [PartName] = [.diagrams], languages: [Language] = Language.defaults,
        formats: Set<DiagramFormat> = [.svg, .png, .pdf], links: StandaloneLinks = .none, theme: Theme = .light,
        offerings: [String] = [], diagrams: Set<DiagramKind> = Set(DiagramKind.allCases), templates: String? = nil
    ) {
        self.parts = parts
        self.languages = languages
        self.formats = formats
        self.links = links
        self.theme = theme
        self.offerings = offerings
        self.diagrams = diagrams
        self.templates = templates
    }
}

/// The parts a build can make (`--parts`).
public enum PartName: String, Sendable, CaseIterable {
    /// The diagrams (`<lang>/diagrams/`).
    case diagrams
    /// The HTML pages (`<lang>/pages/`), embedding the diagrams' inline copies.
    case pages
    /// The text reports (`<lang>/explain.txt`, `<lang>/obligations-<offering>.txt`).
    case reports
}

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

/// The kinds of diagram.
public enum DiagramKind: String, Sendable, CaseIterable {
    case offering, comparison, control
}

/// Links in standalone SVG files.
public enum StandaloneLinks: Sendable, Equatable {
    case none
    /// https links under a base URL.
    case absolute(baseURL: String)
}

/// The palette.
public enum Theme: String, Sendable, CaseIterable {
    case light, dark
}

/// Model → views → parts → rendered files (relative path → bytes). Parts
/// say what they produce; the builder renders every diagram once, hands the
/// bytes back to the part that asked, and checks that no two parts write the
/// same path. The layout is documented in docs/output.md.
public struct Builder: Sendable {
    public let derivation: Derivation
    public let options: BuildOptions
    public let strings: [Language: StringTable]
    /// The page templates, checked; nil when the build makes no pages.
    public let templates: PageTemplates?

    public var model: Model { derivation.model }

    /// Throws `StringTables.Unsupported` for a language Demarc has no
    /// wording for, `Failure.pagesNeed…` for pages without the diagrams they
    /// embed, and `PageTemplates.Failure` for templates that do not fit the
    /// pages' keys.
    public init(derivation: Derivation, options: BuildOptions) throws {
        self.derivation = derivation
        self.options = options
        var strings: [Language: StringTable] = [:]
        for language in options.languages { strings[language] = try StringTables.builtIn(language) }
        self.strings = strings
        if options.parts.contains(.pages) {
            if !options.parts.contains(.diagrams) { throw Failure.pagesNeedDiagrams }
            if options.diagrams != Set(DiagramKind.allCases) { throw Failure.pagesNeedEveryDiagramKind }
            templates = try PageTemplates.load(overrides: options.templates)
        } else {
            templates = nil
        }
    }

    /// Why a build failed.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// Diagrams that were not rendered, each with why.
        case renders([RenderFailure])
        /// Two parts wrote the same path.
        case collision(path: String, parts: [String])
        /// The Japanese font is missing (see `FontCheck`).
        case font(FontCheck.Failure)
        /// Pages asked for without the diagrams they embed (`--parts`).
        case pagesNeedDiagrams
        /// Pages asked for without every kind of diagram (`--diagrams`).
        case pagesNeedEveryDiagramKind
        /// Pages that could not be made, each with why.
        case pages([PageFailure])

        public var description: String {
            switch self {
            case .renders(let failures):
                return "\(failures.count) diagram\(failures.count == 1 ? "" : "s") failed:\n" + failures.map { "  - \($0.description)" }.joined(separator: "\n")
            case .collision(let path, let parts):
                return "the parts \(parts.joined(separator: " and ")) both write \(path)"
            case .font(let failure):
                return failure.description
            case .pagesNeedDiagrams:
                return "the pages embed the diagrams: add diagrams to --parts"
            case .pagesNeedEveryDiagramKind:
                return "the pages embed every kind of diagram: --diagrams must name offering, comparison and control"
            case .pages(let failures):
                return failures.map(\.description).joined(separator: "\n")
            }
        }
    }

    /// The parts this build makes, in order.
    func parts() -> [any BuildPart] {
        options.parts.map { name -> any BuildPart in
            switch name {
            case .diagrams: return DiagramsPart()
            case .pages: return PagesPart()
            case .reports: return ReportsPart()
            }
        }
    }

    /// The views of one language.
    public func views(_ language: Language) -> Views {
        Views(derivation: derivation, strings: strings[language]!)
    }

    /// The offerings the options select, in their order.
    var offerings: [Offering] {
        options.offerings.isEmpty ? model.offerings : options.offerings.compactMap(model.offering)
    }

    /// Renders everything and returns the files. Throws `Failure.font`
    /// before rendering when the Japanese font is missing, and
    /// `Failure.renders` naming every diagram that failed.
    public func build(renderer: any Renderer) async throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        var owners: [String: String] = [:]
        var renders: [(part: String, render: PartRender)] = []
        func add(_ path: String, _ bytes: [UInt8], part: String) throws {
            if let other = owners[path] { throw Failure.collision(path: path, parts: [other, part]) }
            owners[path] = part
            files[path] = bytes
        }
        for language in options.languages {
            let input = PartInput(builder: self, language: language, views: views(language))
            for part in parts() {
                let plan = part.plan(input)
                for (path, bytes) in plan.files.sorted(by: { $0.key < $1.key }) { try add(path, bytes, part: type(of: part).name) }
                renders += plan.renders.map { (type(of: part).name, $0) }
            }
        }
        guard !renders.isEmpty else { return try assemble(files, owners: owners) }

        // The font check runs before the first render (and only when something renders).
        let check = await renderer.render([RenderJob(name: "font check", dot: FontCheck.dot, formats: [.xdot])])
        switch check.first {
        case .success(let outputs)?:
            do { try FontCheck.verify(xdot: outputs.first ?? []) } catch let failure as FontCheck.Failure { throw Failure.font(failure) }
        case .failure(let failure)?: throw Failure.renders([failure])
        case nil: throw Failure.renders([RenderFailure(diagram: "font check", cause: .notRendered)])
        }

        let outcomes = await renderer.render(renders.map(\.render.job))
        var failures: [RenderFailure] = []
        for ((part, render), outcome) in zip(renders, outcomes) {
            switch outcome {
            case .success(let outputs):
                for (path, bytes) in render.deliver(outputs).sorted(by: { $0.key < $1.key }) { try add(path, bytes, part: part) }
            case .failure(let failure):
                failures.append(failure)
            }
        }
        if !failures.isEmpty { throw Failure.renders(failures) }
        return try assemble(files, owners: owners)
    }

    /// The files parts make from what was rendered, added to `files`.
    private func assemble(_ rendered: [String: [UInt8]], owners: [String: String]) throws -> [String: [UInt8]] {
        var files = rendered
        var owners = owners
        for language in options.languages {
            let input = PartInput(builder: self, language: language, views: views(language))
            for part in parts() {
                for (path, bytes) in try part.assemble(input, rendered: rendered).sorted(by: { $0.key < $1.key }) {
                    if let other = owners[path] { throw Failure.collision(path: path, parts: [other, type(of: part).name]) }
                    owners[path] = type(of: part).name
                    files[path] = bytes
                }
            }
        }
        return files
    }

    /// The manifest for a set of file hashes.
    public func manifest(_ hashes: [String: String], generator: String) -> Manifest {
        Manifest(
            generator: generator,
            model: .init(id: model.metadata.id, version: model.metadata.version, asOf: model.metadata.asOf.description),
            system: SystemVersions.read(), files: hashes)
    }
}
