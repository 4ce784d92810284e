import DemarcModel
import DemarcViews

/// A diagram ready for Graphviz: DOT text plus the title and description its
/// SVG carries (from the views, never node names).
public struct Diagram: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case offering, comparison, control, change
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
    public func href(toDiagram id: String, language: Language) -> String? {
        switch self {
        case .none: return nil
        case .relative: return "\(id).svg"
        case .absolute(let base):
            let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
            return "\(trimmed)/\(language.code)/diagrams/\(id).svg"
        }
    }
}

/// What every diagram needs to know: the views of one language, where links
/// go, and the palette.
public struct DiagramContext: Sendable {
    public var views: Views
    public var links: LinkMode
    public var palette: Palette

    public init(views: Views, links: LinkMode = .relative, theme: Palette.Theme = .light) {
        self.views = views
        self.links = links
        self.palette = Palette(theme: theme)
    }

    public var language: Language { views.language }
    var vocabulary: Vocabulary { views.vocabulary }

    /// The font list Graphviz passes to pango and writes to `font-family`.
    public static let fontFamily = "Noto Sans CJK JP,Noto Sans JP,Hiragino Sans,Yu Gothic,Meiryo,sans-serif"

    /// The graph header: name, id prefix (so inlined SVGs don't collide), fonts, colours.
    func header(id: String, title: String) -> String {
        """
        digraph \(DOT.identifier(id)) {
          graph [id=\(Escape.dotQuoted(DOT.identifier(id))) label="" tooltip=\(Escape.dotQuoted(title)) bgcolor="\(palette.background)" fontname=\(Escape.dotQuoted(Self.fontFamily)) rankdir=LR nodesep=0.3 ranksep=0.5 pad=0.2 outputorder=edgesfirst];
          node [shape=plaintext fontname=\(Escape.dotQuoted(Self.fontFamily)) fontsize=11 fontcolor="\(palette.text)" margin=0];
          edge [fontname=\(Escape.dotQuoted(Self.fontFamily)) color="\(palette.line)" arrowsize=0.6];

        """
    }

    /// The diagram: one plaintext node holding the whole HTML-like table.
    func dot(id: String, title: String, table: Table) -> String {
        header(id: id, title: title) + "  diagram [label=<\(table.markup)>];\n}\n"
    }
}
