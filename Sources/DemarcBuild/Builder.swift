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
    /// The model as it was at a baseline (`--baseline REV`) and its label:
    /// the pages then include what changed since.
    public var baseline: Baseline?

    public struct Baseline: Sendable {
        public var derivation: Derivation
        public var label: String

        public init(derivation: Derivation, label: String) {
            self.derivation = derivation
            self.label = label
        }
    }

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

    /// What a build made, and how many diagrams it rendered or took from the cache.
    public struct Output: Sendable {
        /// Relative path → bytes.
        public var files: [String: [UInt8]]
        /// Diagrams laid out and rendered by Graphviz in this build.
        public var rendered = 0
        /// Diagrams whose files came from the render cache.
        public var cached = 0
        /// Cache entries found damaged (removed, and rendered again).
        public var damaged = 0
    }

    /// Renders everything and returns the files. Throws `Failure.font`
    /// before rendering when the Japanese font is missing, and
    /// `Failure.renders` naming every diagram that failed.
    public func build(renderer: any Renderer) async throws -> [String: [UInt8]] {
        try await build(renderer: renderer, cache: nil).files
    }

    /// As `build(renderer:)`, taking from `cache` the files of every diagram
    /// it holds and storing the rest. When every diagram is in the cache,
    /// nothing is rendered: no font check, no worker, no Graphviz.
    public func build(renderer: any Renderer, cache: RenderCache?) async throws -> Output {
        var files: [String: [UInt8]] = [:]
        var owners: [String: String] = [:]
        var renders: [(part: String, render: PartRender)] = []
        func add(_ path: String, _ bytes: [UInt8], part: String) throws {
            if let other = owners[path] { throw Failure.collision(path: path, parts: [other, part]) }
            owners[path] = part
            files[path] = bytes
        }
        let inputs = options.languages.map { PartInput(builder: self, language: $0, views: views($0)) }
        for input in inputs {
            for part in parts() {
                let plan = part.plan(input)
                for (path, bytes) in plan.files.sorted(by: { $0.key < $1.key }) { try add(path, bytes, part: type(of: part).name) }
                renders += plan.renders.map { (type(of: part).name, $0) }
            }
        }
        var output = Output(files: [:])

        // What the cache holds is not rendered again.
        var pending: [(part: String, render: PartRender, key: String?)] = []
        for (part, render) in renders {
            guard let cache else {
                pending.append((part, render, nil))
                continue
            }
            let key = Self.cacheKey(render)
            switch cache.read(key) {
            case .hit(let cached):
                for (path, bytes) in cached.sorted(by: { $0.key < $1.key }) { try add(path, bytes, part: part) }
                output.cached += 1
            case .damaged:
                output.damaged += 1
                pending.append((part, render, key))
            case .miss:
                pending.append((part, render, key))
            }
        }
        // The font check is the first job of the first worker (only when
        // something renders), not a round of its own. While the renders run
        // (in workers, or on a thread of their own), the files that embed
        // them are made, with holes for what is rendered.
        let jobs = pending.isEmpty ? [] : [RenderJob(name: "font check", dot: FontCheck.dot, formats: [.xdot])] + pending.map(\.render.job)
        async let rendering = jobs.isEmpty ? [] : renderer.render(jobs)
        let assembled = Result { try assembleAll(inputs) }
        var outcomes = await rendering

        // A missing font fails the build before any render is looked at.
        if !jobs.isEmpty {
            switch outcomes.first {
            case .success(let outputs)?:
                do { try FontCheck.verify(xdot: outputs.first ?? []) } catch let failure as FontCheck.Failure { throw Failure.font(failure) }
            case .failure(let failure)?: throw Failure.renders([failure])
            case nil: throw Failure.renders([RenderFailure(diagram: "font check", cause: .notRendered)])
            }
            outcomes.removeFirst()
        }
        var failures: [RenderFailure] = []
        for ((part, render, key), outcome) in zip(pending, outcomes) {
            switch outcome {
            case .success(let outputs):
                let delivered = render.deliver(outputs)
                for (path, bytes) in delivered.sorted(by: { $0.key < $1.key }) { try add(path, bytes, part: part) }
                if let cache, let key { cache.store(key, delivered) }
                output.rendered += 1
            case .failure(let failure):
                failures.append(failure)
            }
        }
        if !failures.isEmpty { throw Failure.renders(failures) }
        if !pending.isEmpty { cache?.trim() }

        // The holes filled.
        var missing: [PageFailure] = []
        let rendered = files
        for (part, file) in try assembled.get() {
            switch file.filled(from: rendered) {
            case .success(let bytes): try add(file.path, bytes, part: part)
            case .failure(let gap): missing.append(.diagramMissing(page: gap.file, diagram: gap.rendered))
            }
        }
        if !missing.isEmpty { throw Failure.pages(missing) }
        output.files = files
        return output
    }

    /// Every part's files that embed renders, in order.
    private func assembleAll(_ inputs: [PartInput]) throws -> [(part: String, file: AssembledFile)] {
        var all: [(part: String, file: AssembledFile)] = []
        for input in inputs {
            for part in parts() {
                all += try part.assemble(input).sorted { $0.path < $1.path }.map { (type(of: part).name, $0) }
            }
        }
        return all
    }

    /// What the finished files of one diagram depend on: the DOT and the
    /// formats, how they are finished (`FinishingVersion`, the part's
    /// finishing parameters) and the system that renders them.
    static func cacheKey(
        _ render: PartRender, finishing: Int = FinishingVersion.current, system: [String: String] = SystemVersions.current
    ) -> String {
        return RenderCache.key(
            ["finishing \(finishing)", SystemVersions.key(system), render.job.name, render.job.formats.map(\.rawValue).joined(separator: ","), render.job.dot]
                + render.finishing)
    }

    /// The manifest for a set of file hashes.
    public func manifest(_ hashes: [String: String], generator: String) -> Manifest {
        Manifest(
            generator: generator,
            model: .init(id: model.metadata.id, version: model.metadata.version, asOf: model.metadata.asOf.description),
            system: SystemVersions.current, files: hashes)
    }
}
