import DemarcModel

/// What a page template reads: a tree of plain, fully worded values. Text is
/// escaped by the template engine, once; markup is what Demarc generated
/// itself (the inline SVG of a diagram) and goes in raw.
public indirect enum PageValue: Sendable, Hashable {
    case text(String)
    /// Markup Demarc generated (inline SVG): rendered raw with `{{{…}}}`.
    case markup(String)
    /// A switch for `{{#…}}` / `{{^…}}`.
    case flag(Bool)
    /// Rows, each an object; `{{#…}}` repeats for each.
    case list([PageObject])
    case object(PageObject)
}

/// One level of keys.
public typealias PageObject = [String: PageValue]

/// What a key holds, declared per page kind, so templates are checked
/// against it when they are loaded (a missing key renders as nothing).
public indirect enum PageField: Sendable, Hashable {
    case text, markup, flag
    case list(PageSchema)
    case object(PageSchema)
}

/// The keys of one level of a page's values and what each holds.
public struct PageSchema: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public var fields: [String: PageField]

    public init(_ fields: [String: PageField]) { self.fields = fields }
    public init(dictionaryLiteral elements: (String, PageField)...) {
        self.fields = Dictionary(elements, uniquingKeysWith: { a, _ in a })
    }

    /// This schema with `other`'s keys added.
    public func adding(_ other: PageSchema) -> PageSchema {
        PageSchema(fields.merging(other.fields, uniquingKeysWith: { a, _ in a }))
    }
}

extension PageField {
    /// The kind's name in messages (`text`, `markup`, …).
    public var kindName: String {
        switch self {
        case .text: return "text"
        case .markup: return "markup"
        case .flag: return "flag"
        case .list: return "list"
        case .object: return "object"
        }
    }
}

/// The kinds of page, their template and their keys.
public enum PageKind: String, Sendable, CaseIterable {
    case index, offering, entry, topic, changes

    /// The template's name (`Templates/pages/<name>.mustache`).
    public var template: String { rawValue }

    /// Every key the page's values hold.
    public var schema: PageSchema {
        let own: PageSchema
        switch self {
        case .index: own = PageSchemas.index
        case .offering: own = PageSchemas.offering
        case .entry: own = PageSchemas.entry
        case .topic: own = PageSchemas.topic
        case .changes: own = PageSchemas.changes
        }
        return PageSchemas.chrome.adding(own)
    }
}

/// A page ready for its template: kind, file name (from ids and slugs only)
/// and values. `diagram` names the inline SVG the part fills in as `diagram`.
public struct Page: Sendable {
    public var kind: PageKind
    /// "offering-vw-series.html".
    public var file: String
    public var values: PageObject
    /// The diagram whose inline copy the page embeds ("offering-vw-series"), if any.
    public var diagram: String?
}

/// The file names of pages: from ids and slugs only, with the suffix of
/// the templates' format (".html").
public struct PagePaths: Sendable, Hashable {
    public var suffix: String

    public init(suffix: String) { self.suffix = suffix }

    public var index: String { "index" + suffix }
    public func offering(_ id: String) -> String { "offering-\(id)" + suffix }
    public func entry(_ slug: String) -> String { "entry-\(slug)" + suffix }
    public func topic(_ id: String) -> String { "topic-\(id)" + suffix }
    /// What changed since a baseline (`build --baseline REV`).
    public var changes: String { "changes" + suffix }
    /// The folder of a language's pages, relative to the output folder.
    public static func folder(_ language: Language) -> String { "\(language.code)/pages" }
    /// From one page to the same page in another language.
    public func sibling(_ file: String, language: Language) -> String { "../../\(language.code)/pages/\(file)" }
}
