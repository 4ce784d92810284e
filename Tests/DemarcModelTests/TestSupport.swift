import Testing
@testable import DemarcModel
import DemarcResources

// MARK: - The valid base model

/// A minimal valid one-file model, section by section. Rule tests take it,
/// change one thing, and assert the one diagnostic that follows, at its exact
/// line and column (1-based, columns in Unicode scalars as libyaml counts).
///
/// Line numbers of the joined file (`ValidModel.yaml`), for counting positions:
///
///      1 demarc: 1                        37   - id: isolation
///      2 model:                           38     title: …
///      3   id: test-model                 39     source: {document: doc, page: 14}
///      4   name: …                        40     responsible: provider
///      5   version: 1.0.0                 41     statement: …
///      6   as-of: 2017-03-31              42     statements:
///      7   sources:                       43       virtual-server: …
///      8     - id: doc                    44     evidence:
///      9       title: {ja: 資料, …}       45       - id: soc2
///     10 parties:                         46         kind: audit-report
///     11   - id: provider                 47         title: …
///     12     name: {ja: 事業者, …}        48         valid-from: 2016-04-01
///     13     side: provider               49         valid-until: 2017-12-31
///     14     role: provider               50 catalogue:
///     15     colour: "#1f4e79"            51   id: test-catalogue
///     16   - id: customer                 52   standard: …
///     17     name: {ja: 府省庁, …}        53   edition: …
///     18     side: customer               54   accountable-role: agency
///     19     role: agency                 55   entries:
///     20     colour: "#8a4500"            56     - id: "4.1.4(1)(a)"        requirement
///     21 layers:                          59     - id: "4.1.4(1)-1"         basic-measure under (a)
///     22   - id: hardware                 63     - id: "4.1.4(1)-1 a)"      example under -1
///     24   - id: hypervisor               67 mapping:
///     26   - id: os                       68   - entry: "4.1.4(1)(a)"
///     28 offerings:                       69     scope: organisational
///     29   - id: virtual-server           70     answers: [topic isolation, full]
///     30     name: {ja: 仮想サーバ, …}    73   - entry: "4.1.4(1)-1 a)"
///     31     source: {document: doc, …}   74     scope: [hypervisor, os]
///     32     owners:
///     33       hardware: provider
///     34       hypervisor: provider
///     35       os: customer
///     36 topics:
///
/// The basic measure `4.1.4(1)-1` has an item, so it rolls up and needs no mapping.
enum ValidModel {
    static let header = """
        demarc: 1
        """

    static let model = """
        model:
          id: test-model
          name: {ja: 試験モデル, en: Test model}
          version: 1.0.0
          as-of: 2017-03-31
          sources:
            - id: doc
              title: {ja: 資料, en: Document}
        """

    static let parties = """
        parties:
          - id: provider
            name: {ja: 事業者, en: Provider}
            side: provider
            role: provider
            colour: "#1f4e79"
          - id: customer
            name: {ja: 府省庁, en: Agency}
            side: customer
            role: agency
            colour: "#8a4500"
        """

    static let layers = """
        layers:
          - id: hardware
            name: {ja: ハードウェア, en: Hardware}
          - id: hypervisor
            name: {ja: ハイパーバイザ, en: Hypervisor}
          - id: os
            name: {ja: OS, en: Operating system}
        """

    static let offerings = """
        offerings:
          - id: virtual-server
            name: {ja: 仮想サーバ, en: Virtual server}
            source: {document: doc, page: 13}
            owners:
              hardware: provider
              hypervisor: provider
              os: customer
        """

    static let topics = """
        topics:
          - id: isolation
            title: {ja: 資源の分離, en: Resource isolation}
            source: {document: doc, page: 14}
            responsible: provider
            statement: {ja: 資源を利用者ごとに分けている, en: Resources are kept apart per customer}
            statements:
              virtual-server: {ja: 仮想化で分けている, en: Kept apart by virtualisation}
            evidence:
              - id: soc2
                kind: audit-report
                title: {ja: SOC2報告書, en: SOC 2 report}
                valid-from: 2016-04-01
                valid-until: 2017-12-31
        """

    static let catalogue = """
        catalogue:
          id: test-catalogue
          standard: {ja: 統一基準, en: Unified Standards}
          edition: {ja: 平成28年度版, en: FY2016}
          accountable-role: agency
          entries:
            - id: "4.1.4(1)(a)"
              kind: requirement
              text: {ja: 要件, en: Requirement}
            - id: "4.1.4(1)-1"
              kind: basic-measure
              parent: "4.1.4(1)(a)"
              text: {ja: 対策, en: Measure}
            - id: "4.1.4(1)-1 a)"
              kind: example
              parent: "4.1.4(1)-1"
              text: {ja: 例, en: Example}
        """

    static let mapping = """
        mapping:
          - entry: "4.1.4(1)(a)"
            scope: organisational
            answers:
              - topic: isolation
                coverage: full
          - entry: "4.1.4(1)-1 a)"
            scope: [hypervisor, os]
        """

    /// An override section to append (lines 75–79 after `yaml`): the override
    /// itself starts at 76:5, its `does` value at 78:11.
    static let overrides = """
        overrides:
          - entry: "4.1.4(1)(a)"
            offering: virtual-server
            does: provider
            reason: {ja: 手で決めた, en: Decided by hand}
        """

    static let sections = [header, model, parties, layers, offerings, topics, catalogue, mapping]

    /// The whole model as one file (74 lines, ending in a newline).
    static let yaml = file(sections)

    /// The model with an override section appended (79 lines).
    static let yamlWithOverride = file(sections + [overrides])

    /// Sections joined into one file's text, ending in a newline.
    static func file(_ sections: [String]) -> String {
        sections.joined(separator: "\n") + "\n"
    }

    /// The model with `old` (which must occur exactly once) replaced by `new`.
    /// Replace a line by a comment line to remove it without moving the lines after it.
    static func replacing(
        _ old: String, with new: String, in text: String = yaml,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> String {
        let count = text.components(separatedBy: old).count - 1
        if count != 1 {
            Issue.record("'\(old)' occurs \(count) times in the model, not once", sourceLocation: sourceLocation)
        }
        return text.replacingOccurrences(of: old, with: new)
    }

    /// The model with several unique replacements applied in order.
    static func replacing(
        _ pairs: KeyValuePairs<String, String>, in text: String = yaml,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> String {
        pairs.reduce(text) { replacing($1.key, with: $1.value, in: $0, sourceLocation: sourceLocation) }
    }

    /// `count` comment lines, to stand in for removed lines.
    static func comments(_ count: Int) -> String {
        Array(repeating: "# removed", count: count).joined(separator: "\n")
    }
}

// MARK: - Loading

/// The path the one-file rule tests load.
let modelPath = "m/model.yaml"

/// Loads one YAML text as `m/model.yaml`.
func load(_ yaml: String) -> LoadResult {
    load(bytes: Array(yaml.utf8))
}

/// Loads raw bytes as `m/model.yaml`.
func load(bytes: [UInt8]) -> LoadResult {
    ModelLoader(fileSystem: MemoryFileSystem(files: [modelPath: bytes])).load(modelPath)
}

/// Loads `path` (file or folder) from in-memory files given as text.
func load(_ path: String, files: [String: String]) -> LoadResult {
    ModelLoader(fileSystem: MemoryFileSystem(files: files.mapValues { Array($0.utf8) })).load(path)
}

/// Loads a model embedded from `Models/` ("Models/iij-gio-p2").
func loadEmbedded(_ path: String) -> LoadResult {
    ModelLoader(fileSystem: MemoryFileSystem(files: Resources.files(under: "Models"))).load(path)
}

// MARK: - Assertions

extension LoadResult {
    /// The rule ids of all diagnostics, sorted, with repeats.
    var rules: [String] { diagnostics.map(\.rule.rawValue).sorted() }

    /// The diagnostics of one rule.
    func diagnostics(_ rule: String) -> [Diagnostic] { diagnostics.filter { $0.rule.rawValue == rule } }
}

/// Expects exactly one diagnostic of `rule`, at `line`:`column` of `file`,
/// with the given severity; returns it for further checks.
@discardableResult
func expectDiagnostic(
    _ result: LoadResult, _ rule: String, line: Int, column: Int,
    file: String = modelPath, severity: Severity = .error,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Diagnostic? {
    let found = result.diagnostics(rule)
    #expect(found.count == 1, "expected one '\(rule)', found: \(result.diagnostics)", sourceLocation: sourceLocation)
    guard let diagnostic = found.first else { return nil }
    #expect(
        diagnostic.location == DemarcModel.SourceLocation(file: file, line: line, column: column),
        "\(diagnostic)", sourceLocation: sourceLocation)
    #expect(diagnostic.severity == severity, "\(diagnostic)", sourceLocation: sourceLocation)
    return diagnostic
}

/// Expects the result to hold exactly one diagnostic: `rule` at `line`:`column`.
@discardableResult
func expectOnly(
    _ result: LoadResult, _ rule: String, line: Int, column: Int,
    file: String = modelPath, severity: Severity = .error,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Diagnostic? {
    #expect(result.rules == [rule], "\(result.diagnostics)", sourceLocation: sourceLocation)
    let diagnostic = expectDiagnostic(
        result, rule, line: line, column: column, file: file, severity: severity,
        sourceLocation: sourceLocation)
    if severity == .error {
        #expect(result.model == nil, "a model with an error is not returned", sourceLocation: sourceLocation)
    } else {
        #expect(result.model != nil, "warnings do not stop the model", sourceLocation: sourceLocation)
    }
    return diagnostic
}

/// Expects no diagnostics at all and a model.
@discardableResult
func expectClean(_ result: LoadResult, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Model? {
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)", sourceLocation: sourceLocation)
    #expect(result.model != nil, sourceLocation: sourceLocation)
    return result.model
}

// MARK: - Comparing models

/// A description of everything a model holds except source locations, so that
/// models read from differently split or named files can be compared.
func fingerprint(_ model: Model) -> [String] {
    func t(_ text: Text?) -> String { text.map { "\($0.ja)|\($0.en ?? "-")" } ?? "nil" }
    func s(_ ref: SourceRef?) -> String { ref.map { "\($0.document ?? "-")@\($0.page.map(String.init) ?? "-")" } ?? "nil" }
    var lines: [String] = []
    let m = model.metadata
    // Not the catalogue path: where the catalogue came from is not what the model says.
    lines.append("model \(m.id) \(t(m.name)) \(m.version) \(m.asOf) \(t(m.provider)) \(t(m.service))")
    lines += m.sources.map { "source \($0.id) \(t($0.title)) \(t($0.publisher)) \($0.url ?? "-")" }
    lines += m.notes.map { "note \(t($0))" }
    lines += model.parties.map { "party \($0.id) \(t($0.name)) \(t($0.short)) \($0.side) \($0.role) \($0.colour) \(t($0.description))" }
    lines += model.layers.map { "layer \($0.id) \(t($0.name)) \(t($0.description))" }
    for o in model.offerings {
        let owners = o.owners.keys.sorted().map { "\($0)=\(o.owners[$0]!)" }.joined(separator: ",")
        lines.append("offering \(o.id) \(t(o.name)) \(t(o.short)) \(s(o.source)) \(o.tenancy.map(\.rawValue) ?? "-") \(owners) notes:\(o.notes.count)")
    }
    for topic in model.topics {
        let statements = topic.statements.keys.sorted().map { "\($0)=\(t(topic.statements[$0]))" }.joined(separator: ",")
        let evidence = topic.evidence.map {
            "\($0.id):\($0.kind.rawValue):\($0.validFrom.map(String.init(describing:)) ?? "-")..\($0.validUntil.map(String.init(describing:)) ?? "-")"
        }
        lines.append(
            "topic \(topic.id) \(t(topic.title)) \(s(topic.source)) \(topic.responsible) \(t(topic.statement)) [\(statements)] sic:\(topic.sic) \(evidence)")
    }
    let c = model.catalogue
    lines.append("catalogue \(c.id) \(t(c.standard)) \(t(c.edition)) \(c.accountableRole)")
    for e in c.entries {
        lines.append(
            "entry \(e.id) \(e.slug) \(e.kind) \(e.parent ?? "-") \(t(e.title)) \(t(e.text)) \(e.commentary.count) \(e.demands.map(\.into.rawValue)) \(e.parameters.map(\.id)) \(e.conditions.count) \(s(e.source))"
        )
    }
    lines += c.correspondences.map { "correspondence \($0.entry) \($0.edition) \($0.other) \($0.relation)" }
    for item in model.mapping {
        let answers = item.answers.map { "\($0.topic):\($0.coverage.rawValue):\($0.basis.rawValue):\($0.arrowPage.map(String.init) ?? "-")" }
        lines.append(
            "mapping \(item.entry) \(item.scope.map { "\($0)" } ?? "nil") \(item.scopeBasis) \(answers) \(item.considerations.map(\.appliesTo.rawValue)) \(t(item.question))"
        )
    }
    lines += model.overrides.map { "override \($0.entry) \($0.offering) \($0.does) \(t($0.reason))" }
    return lines
}
