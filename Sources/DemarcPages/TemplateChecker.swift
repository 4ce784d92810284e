import DemarcModel
import DemarcViews

/// Checks every page template, and every partial where it is included,
/// against the keys of its kind of page, the way mustache resolves them:
/// a name is looked up in the innermost section's row first, then outwards.
struct TemplateChecker {
    typealias Diagnostic = PageTemplates.Diagnostic
    let sources: [String: PageTemplates.Source]
    var diagnostics: [Diagnostic] = []
    private var scanned: [String: [TemplateScanner.Tag]] = [:]
    /// Diagnostics already given (a partial included twice reports once).
    private var seen: Set<String> = []

    init(sources: [String: PageTemplates.Source]) {
        self.sources = sources
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                scanned[name] = try TemplateScanner.scan(source.text)
            } catch {
                report(source.file, error.line, error.column, error.message)
            }
        }
    }

    private mutating func report(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        let diagnostic = Diagnostic(file: file, line: line, column: column, message: message)
        if seen.insert(diagnostic.description).inserted { diagnostics.append(diagnostic) }
    }

    /// Checks every kind of page; returns the format they declare.
    mutating func checkAll() -> PageTemplates.Format? {
        var formats: [(PageKind, PageTemplates.Format)] = []
        for kind in PageKind.allCases {
            guard let source = sources[kind.template] else {
                report(
                    PageTemplates.builtInFolder + "/" + kind.template + PageTemplates.fileSuffix, 1, 1,
                    "there is no template for the \(kind.rawValue) page")
                continue
            }
            guard let tags = scanned[kind.template] else { continue }
            if let format = declaredFormat(tags, file: source.file) { formats.append((kind, format)) }
            check(kind.template, kind: kind, scopes: [kind.schema], including: [])
        }
        if let first = formats.first, let other = formats.first(where: { $0.1 != first.1 }), let source = sources[other.0.template] {
            report(
                source.file, 1, 1,
                "the \(other.0.rawValue) page declares \(other.1.rawValue), the \(first.0.rawValue) page \(first.1.rawValue): all pages of a site have one format"
            )
        }
        return formats.first?.1
    }

    /// The content type a page template declares with its first tag.
    private mutating func declaredFormat(_ tags: [TemplateScanner.Tag], file: String) -> PageTemplates.Format? {
        let formats = PageTemplates.Format.allCases.map(\.rawValue).joined(separator: " or ")
        guard let first = tags.first(where: { $0.kind != .comment }), first.kind == .pragma else {
            report(file, 1, 1, "a page template starts by declaring what it produces: {{% CONTENT_TYPE: HTML }} (\(formats))")
            return nil
        }
        let parts = first.name.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces }
        guard parts.count == 2, parts[0] == "CONTENT_TYPE", let format = PageTemplates.Format(rawValue: parts[1]) else {
            report(file, first.line, first.column, "unknown declaration '\(first.name)'; write CONTENT_TYPE: \(formats)")
            return nil
        }
        return format
    }

    /// What a name refers to in the scopes (innermost last), if anything.
    private func resolve(_ name: String, _ scopes: [PageSchema]) -> PageField? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let head = parts.first, !head.isEmpty else { return nil }
        guard var field = scopes.reversed().lazy.compactMap({ $0.fields[head] }).first else { return nil }
        for part in parts.dropFirst() {
            guard case .object(let schema) = field, let next = schema.fields[part] else { return nil }
            field = next
        }
        return field
    }

    private func suggestion(_ name: String, _ scopes: [PageSchema]) -> String {
        Identifiers.closest(to: name, in: Set(scopes.flatMap(\.fields.keys))).map { " (did you mean '\($0)'?)" } ?? ""
    }

    private mutating func check(_ template: String, kind: PageKind, scopes initial: [PageSchema], including: [String]) {
        guard let tags = scanned[template], let file = sources[template]?.file else { return }
        var scopes = initial
        var open: [(tag: TemplateScanner.Tag, pushed: Bool)] = []
        let page = "the \(kind.rawValue) page"
        for tag in tags {
            switch tag.kind {
            case .comment, .pragma:
                continue
            case .variable, .raw:
                guard let field = resolve(tag.name, scopes) else {
                    report(file, tag.line, tag.column, "unknown key '\(tag.name)' in \(page)\(suggestion(tag.name, scopes))")
                    continue
                }
                switch (tag.kind, field) {
                case (.variable, .text), (.raw, .markup): break
                case (.variable, .markup):
                    report(file, tag.line, tag.column, "'\(tag.name)' is markup Demarc generated: write it raw, {{{\(tag.name)}}}")
                case (.raw, .text):
                    report(
                        file, tag.line, tag.column,
                        "'\(tag.name)' is text and must be escaped: write {{\(tag.name)}}; raw output is only for markup Demarc generated")
                default:
                    report(file, tag.line, tag.column, "'\(tag.name)' is a \(field.kindName), not text: use it as a section, {{#\(tag.name)}}…{{/\(tag.name)}}")
                }
            case .section, .inverted:
                guard let field = resolve(tag.name, scopes) else {
                    report(file, tag.line, tag.column, "unknown key '\(tag.name)' in \(page)\(suggestion(tag.name, scopes))")
                    open.append((tag, false))
                    continue
                }
                switch field {
                case .list(let schema) where tag.kind == .section, .object(let schema) where tag.kind == .section:
                    scopes.append(schema)
                    open.append((tag, true))
                case .list, .object, .flag:
                    open.append((tag, false))
                case .text, .markup:
                    report(file, tag.line, tag.column, "'\(tag.name)' is \(field.kindName), not a list, an object or a flag: it cannot open a section")
                    open.append((tag, false))
                }
            case .close:
                guard let last = open.last else {
                    report(file, tag.line, tag.column, "'{{/\(tag.name)}}' closes no section")
                    continue
                }
                guard last.tag.name == tag.name else {
                    report(file, tag.line, tag.column, "'{{/\(tag.name)}}' closes '\(last.tag.name)', opened at \(last.tag.line):\(last.tag.column)")
                    continue
                }
                open.removeLast()
                if last.pushed { scopes.removeLast() }
            case .partial:
                guard sources[tag.name] != nil else {
                    let hint = Identifiers.closest(to: tag.name, in: Set(sources.keys)).map { " (did you mean '\($0)'?)" } ?? ""
                    report(file, tag.line, tag.column, "unknown partial '\(tag.name)'\(hint)")
                    continue
                }
                if including.contains(tag.name) || tag.name == template {
                    report(file, tag.line, tag.column, "the partial '\(tag.name)' includes itself")
                    continue
                }
                check(tag.name, kind: kind, scopes: scopes, including: including + [template])
            }
        }
        for (tag, _) in open.reversed() {
            report(file, tag.line, tag.column, "the section '\(tag.name)' opened here is never closed")
        }
    }
}
