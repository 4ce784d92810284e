import Dispatch
import DemarcGraphviz
import DemarcModel
import DemarcTrace
import DemarcOutput
import DemarcPages
import DemarcRender
import DemarcViews
import Synchronization

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
        /// The files, as the writer takes them.
        public var store: OutputFiles
        /// Relative path → bytes (read back from the spool when spooled).
        public var files: [String: [UInt8]] { store.all() }
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
    /// it holds and storing the rest, and putting every file into `store` as
    /// soon as it is made (a spooling store keeps memory flat). When every
    /// diagram is in the cache, nothing is rendered: no font check, no
    /// worker, no Graphviz.
    ///
    /// One pipeline: the parts' plans feed each diagram to the renderer as
    /// soon as its DOT is made (the workers start with the first); each
    /// rendered diagram is finished and stored as it comes back; the pages
    /// are made meanwhile, with holes for the diagrams they embed, filled
    /// once the renders are done.
    public func build(renderer: any Renderer, cache: RenderCache?, into store: OutputFiles = OutputFiles()) async throws -> Output {
        try await build(in: RenderSession(renderer: renderer, cache: cache, store: store))
    }

    /// As `build(renderer:cache:into:)`, in a session begun before (the
    /// workers may be checking the font while the model was read).
    public func build(in session: RenderSession) async throws -> Output {
        let (feed, renders, collector, store, cache) = (session.feed, session.renders, session.collector, session.store, session.cache)
        // Each language made on a thread of its own; the feed closes once every language's plans are made.
        let planned = Barrier(count: options.languages.count) { feed.close() }
        let produced = await withTaskGroup(of: (Int, Produced).self) { group in
            for (order, language) in options.languages.enumerated() {
                group.addTask { [self] in
                    (order, await onOwnThread { produce(language, feed: feed, planned: planned, session: session) })
                }
            }
            var all: [(Int, Produced)] = []
            for await one in group { all.append(one) }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
        await session.finished()
        Trace.mark("builder: renders done")

        if let failure = produced.lazy.compactMap(\.planFailure).first { throw failure }
        try renders.verifyFont()
        let book = renders.summary()
        if !book.failures.isEmpty { throw Failure.renders(book.failures) }
        if let failure = collector.firstCollision() { throw failure }
        if book.rendered > 0 { cache?.trim() }

        // Every file that waited was filled as its renders came (a file
        // still waiting lacks a render that failed, reported above).
        for result in produced { try result.assembled.get() }
        let missing = session.waiting.left().map { PageFailure.diagramMissing(page: $0.file, diagram: $0.rendered) }
        if !missing.isEmpty { throw Failure.pages(missing) }
        if let failure = collector.firstCollision() { throw failure }
        return Output(store: store, rendered: book.rendered, cached: book.cached, damaged: book.damaged)
    }

    /// What the producing thread made: a failure of the plans, or of the files that embed renders.
    private struct Produced: Sendable {
        var planFailure: (any Error)?
        var assembled: Result<Void, any Error>
    }

    /// One language: the parts' plans (their files to `collector`, their
    /// renders from the cache or into `feed`), arriving at `planned`, then
    /// the files that embed renders.
    private func produce(_ language: Language, feed: JobFeed, planned: Barrier, session: RenderSession) -> Produced {
        let (renders, collector, cache) = (session.renders, session.collector, session.cache)
        let input = PartInput(builder: self, language: language, views: views(language))
        Trace.mark("produce \(language.code): start")
        defer { Trace.mark("produce \(language.code): assembled") }
        do {
            defer { planned.arrive() }
            for part in parts() {
                let name = type(of: part).name
                let plan = part.plan(input)
                Trace.mark("produce \(language.code): \(name) planned")
                for (path, bytes) in plan.files.sorted(by: { $0.key < $1.key }) { collector.add(path, bytes, part: name) }
                if let failure = collector.firstCollision() { throw failure }
                for make in plan.renders {
                    let render = make()
                    let key = cache.map { _ in Self.cacheKey(render) }
                    if let cache, let key {
                        switch cache.read(key) {
                        case .hit(let cached):
                            for (path, bytes) in cached.sorted(by: { $0.key < $1.key }) { collector.add(path, bytes, part: name) }
                            session.waiting.stored(Array(cached.keys))
                            renders.tookFromCache()
                            continue
                        case .damaged: renders.foundDamaged()
                        case .miss: break
                        }
                    }
                    // The font check is the first job (only when something renders), not a round of its own.
                    if renders.claimFontCheck() { feed.add(FontCheck.job) { renders.expectFontCheck(at: $0) } }
                    feed.add(render.job) { renders.expect($0, part: name, render: render, key: key) }
                    Trace.mark("produce \(language.code): fed \(render.job.name)")
                }
                Trace.mark("produce \(language.code): \(name) fed")
            }
        } catch {
            return Produced(planFailure: error, assembled: .success(()))
        }
        return Produced(planFailure: nil, assembled: Result { try assemble(input, waiting: session.waiting) })
    }

    /// Every part's files that embed renders: each filled at once when what
    /// it embeds is rendered already, else spooled unfilled, to be filled as
    /// soon as it is (`Waiting`; nothing waits in memory).
    private func assemble(_ input: PartInput, waiting: Waiting) throws {
        for part in parts() {
            let name = type(of: part).name
            try part.assemble(input) { file in waiting.add(file, part: name) }
        }
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
