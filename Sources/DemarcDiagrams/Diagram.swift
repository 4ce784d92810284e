import DemarcModel

/// A diagram ready for Graphviz: DOT text plus the title and description its
/// SVG carries (from the model, never node names).
public struct Diagram: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case offering, comparison, control
    }

    /// File stem, from ids and slugs only ("offering-vw-series").
    public var id: String
    public var kind: Kind
    public var language: Language
    public var title: String
    public var description: String
    public var dot: String
    /// Every colour pair the DOT draws, for the contrast checks.
    public var contrast: [ContrastPair]
}

/// Where links in a diagram point.
public enum LinkMode: Sendable, Equatable {
    /// No links (standalone files for wikis, PNG and PDF).
    case none
    /// Relative links between the site's diagrams (the copy pages inline).
    case relative
    /// Absolute https links under a base URL (`--links absolute --base-url`).
    case absolute(baseURL: String)

    /// The link to another diagram of the same language, or nil.
    func href(toDiagram id: String, language: Language) -> String? {
        switch self {
        case .none: return nil
        case .relative: return "\(id).svg"
        case .absolute(let base):
            let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
            return "\(trimmed)/\(language.rawValue)/diagrams/\(id).svg"
        }
    }
}

/// What every diagram needs to know.
public struct DiagramContext: Sendable {
    public var model: Model
    public var derivation: Derivation
    public var language: Language
    public var links: LinkMode
    public var palette: Palette

    public init(model: Model, derivation: Derivation, language: Language, links: LinkMode, theme: Palette.Theme = .light) {
        self.model = model
        self.derivation = derivation
        self.language = language
        self.links = links
        self.palette = Palette(theme: theme)
    }

    /// The font list Graphviz passes to pango and writes to `font-family`.
    public static let fontFamily = "Noto Sans CJK JP,Noto Sans JP,Hiragino Sans,Yu Gothic,Meiryo,sans-serif"

    func s(_ text: Text?) -> String { text?.string(language) ?? "" }
    func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }

    /// The caption every diagram carries: model, edition, as-of.
    var caption: String {
        let model = self.model
        return t("\(s(model.metadata.name))　｜　\(s(model.catalogue.standard))（\(s(model.catalogue.edition))）　｜　\(model.metadata.asOf) 時点　｜　v\(model.metadata.version)",
                 "\(s(model.metadata.name)) | \(s(model.catalogue.standard)), \(s(model.catalogue.edition)) | as of \(model.metadata.asOf) | v\(model.metadata.version)")
    }

    /// The graph header: name, id prefix (so inlined SVGs don't collide), fonts, colours.
    func header(id: String, title: String) -> String {
        """
        digraph \(DOT.identifier(id)) {
          graph [id=\(DOT.quoted(DOT.identifier(id))) label="" tooltip=\(DOT.quoted(title)) bgcolor="\(palette.background)" fontname=\(DOT.quoted(Self.fontFamily)) rankdir=LR nodesep=0.3 ranksep=0.5 pad=0.2 outputorder=edgesfirst];
          node [shape=plaintext fontname=\(DOT.quoted(Self.fontFamily)) fontsize=11 fontcolor="\(palette.text)" margin=0];
          edge [fontname=\(DOT.quoted(Self.fontFamily)) color="\(palette.line)" arrowsize=0.6];

        """
    }
}
