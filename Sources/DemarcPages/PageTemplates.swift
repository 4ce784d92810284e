import DemarcModel
import DemarcResources
import DemarcViews
import Foundation
import Mustache

/// The page templates (`Templates/pages/*.mustache`, or an organisation's
/// own from `--templates DIR`), checked when loaded against the keys of
/// the page views: an unknown key, a misspelt partial, a section that is
/// never closed or text sent out raw is an error with its file, line and
/// column — swift-mustache itself would render it as nothing.
public struct PageTemplates: Sendable {
    /// What the templates produce, declared by each page template's first
    /// tag (`{{% CONTENT_TYPE: HTML }}`); escaping follows it.
    public enum Format: String, Sendable, CaseIterable {
        case html = "HTML"
        case markdown = "MARKDOWN"

        /// The suffix of the files written.
        public var suffix: String {
            switch self {
            case .html: return ".html"
            case .markdown: return ".md"
            }
        }
    }

    /// One problem in one template file.
    public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(file):\(line):\(column): error: \(message)" }
    }

    /// Every problem of the templates, in file order.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var diagnostics: [Diagnostic]
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    /// A template's text and the file it came from (for diagnostics).
    public struct Source: Sendable {
        public var file: String
        public var text: String

        public init(file: String, text: String) {
            self.file = file
            self.text = text
        }
    }

    /// The folder of the built-in templates, as embedded.
    public static let builtInFolder = "Templates/pages"
    static let fileSuffix = ".mustache"

    public let format: Format
    /// What renders the pages (swift-mustache parses and checks the templates too).
    let renderer: PageRenderer
    /// The sources, as checked (for the reference rendering in tests).
    let sources: [String: Source]

    /// The built-in templates, with those of `folder` (when given) in
    /// place of the built-in ones of the same name and beside them.
    public static func load(overrides folder: String? = nil) throws(Failure) -> PageTemplates {
        guard let folder else { return try builtIn.get() }
        var sources = builtInSources
        do {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw Failure(diagnostics: [
                    Diagnostic(file: folder, line: 1, column: 1, message: "cannot read the templates folder (\(error.localizedDescription))")
                ])
            }
            let mustache = names.filter { $0.hasSuffix(fileSuffix) }.sorted()
            if mustache.isEmpty {
                throw Failure(diagnostics: [Diagnostic(file: folder, line: 1, column: 1, message: "the templates folder holds no *\(fileSuffix) file")])
            }
            for name in mustache {
                let path = (folder as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw Failure(diagnostics: [Diagnostic(file: path, line: 1, column: 1, message: "cannot read the template as UTF-8 text")])
                }
                sources[String(name.dropLast(fileSuffix.count))] = Source(file: path, text: text)
            }
        }
        return try PageTemplates(sources: sources)
    }

    /// The built-in templates' sources, by name.
    static let builtInSources: [String: Source] = {
        var sources: [String: Source] = [:]
        for (path, bytes) in Resources.files(under: builtInFolder) where path.hasSuffix(fileSuffix) {
            let name = String(path.dropFirst(builtInFolder.count + 1).dropLast(fileSuffix.count))
            sources[name] = Source(file: path, text: String(decoding: bytes, as: UTF8.self))
        }
        return sources
    }()

    /// The built-in templates, checked and parsed once per process (they are
    /// compiled in); a build asks for them on a thread of their own while it
    /// reads the model (`prepare()`).
    static let builtIn: Result<PageTemplates, Failure> = {
        do throws(Failure) {
            return .success(try PageTemplates(sources: builtInSources))
        } catch {
            return .failure(error)
        }
    }()

    /// Checks and parses the built-in templates now.
    public static func prepare() { _ = builtIn }

    /// Templates by name (`index`, `offering`, `entry`, `topic` and partials).
    public init(sources: [String: Source]) throws(Failure) {
        ContentTypes.registerOnce()
        var checker = TemplateChecker(sources: sources)
        let format = checker.checkAll()
        if !checker.diagnostics.isEmpty { throw Failure(diagnostics: checker.diagnostics) }
        // swift-mustache, the reference, parses every template: what it refuses is refused.
        var library = MustacheLibrary()
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(source.text, named: name)
            } catch {
                throw Failure(diagnostics: [Diagnostic(file: source.file, line: 1, column: 1, message: "the template engine refuses it: \(error)")])
            }
        }
        do {
            renderer = try PageRenderer(sources: sources)
        } catch {
            throw Failure(diagnostics: [Diagnostic(file: error.file, line: 1, column: 1, message: "the template engine refuses it: \(error.message)")])
        }
        self.format = format ?? .html
        self.sources = sources
    }

    /// A page rendered through its template, with every character XML and
    /// HTML forbid removed. Throws when the page's values do not match its
    /// kind's keys (a fault of Demarc's, not of the templates).
    public func render(_ page: Page) throws(RenderFailure) -> [UInt8] {
        let schema = page.kind.schema
        guard schema.conforms(page.values) else { throw RenderFailure(page: page.file, problems: schema.problems(page.values)) }
        guard let bytes = renderer.render(page.kind.template, page.values) else {
            throw RenderFailure(page: page.file, problems: ["no template '\(page.kind.template)'"])
        }
        return Escape.clean(utf8: bytes)
    }

    /// Values that do not fit their page's keys.
    public struct RenderFailure: Error, Sendable, Equatable, CustomStringConvertible {
        public var page: String
        public var problems: [String]
        public var description: String { "the values of \(page) do not fit its template's keys: " + problems.joined(separator: "; ") }
    }

}

/// The content types: HTML through Demarc's own escaper (`Escape.html`, in
/// place of swift-mustache's, which splits text into characters and looks
/// each up in a dictionary — the largest share of a page's time), and
/// Markdown.
enum ContentTypes {
    /// HTML: `& < > " '` as entities, byte by byte.
    struct HTML: MustacheContentType {
        func escapeText(_ text: String) -> String { Escape.html(text) }
    }

    /// Markdown: HTML's escapes (Markdown passes HTML through) and a
    /// backslash before every character Markdown gives a meaning.
    struct Markdown: MustacheContentType {
        static let special: Set<Character> = ["\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "~"]
        func escapeText(_ text: String) -> String {
            var out = ""
            for c in text {
                switch c {
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "&": out += "&amp;"
                case "\"": out += "&quot;"
                case "\n", "\r": out += " "
                default:
                    if Self.special.contains(c) { out.append("\\") }
                    out.append(c)
                }
            }
            return out
        }
    }

    private static let registered: Bool = {
        MustacheContentTypes.register(HTML(), named: PageTemplates.Format.html.rawValue)
        MustacheContentTypes.register(Markdown(), named: PageTemplates.Format.markdown.rawValue)
        return true
    }()

    static func registerOnce() { _ = registered }
}
