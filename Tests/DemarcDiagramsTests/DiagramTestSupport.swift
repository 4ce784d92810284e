import DemarcDiagrams
import DemarcModel
import DemarcResources
import Foundation
import Testing

enum Models {
    static let embedded = MemoryFileSystem(files: Resources.files(under: "Models"))

    static func load(_ path: String) -> (Model, Derivation) {
        let result = ModelLoader(fileSystem: embedded).load(path)
        precondition(result.model != nil, "\(result.diagnostics)")
        return (result.model!, Derivation(model: result.model!)!)
    }

    static let p2 = load("Models/iij-gio-p2")
    static let agencyContractor = load("Models/examples/agency-contractor")

    static func context(_ m: (Model, Derivation), _ language: Language, links: LinkMode = .none, theme: Palette.Theme = .light) -> DiagramContext {
        DiagramContext(model: m.0, derivation: m.1, language: language, links: links, theme: theme)
    }

    /// Every diagram of a model in one language.
    static func all(_ m: (Model, Derivation), _ language: Language, links: LinkMode = .none, theme: Palette.Theme = .light) -> [Diagram] {
        let c = context(m, language, links: links, theme: theme)
        return m.0.offerings.map { OfferingDiagram.make($0, context: c) }
            + [ComparisonDiagram.make(offerings: m.0.offerings, context: c)]
            + m.0.catalogue.entries.map { ControlDiagram.make($0, context: c) }
    }

    /// A large synthetic model: `layers` layers, four parties (agency,
    /// contractor, provider, a third party), `offerings` offerings and
    /// `requirements` × (1 basic measure + `items` examples) entries.
    static func synthetic(layers: Int = 10, offerings: Int = 8, requirements: Int = 20, items: Int = 48,
                          colours: [String] = ["#1f4e79", "#8a4500", "#6a1b9a", "#1b5e20"]) -> (Model, Derivation) {
        var y = """
            model:
              id: synthetic
              name: {ja: 合成モデル, en: Synthetic model}
              version: 0.1.0
              as-of: 2026-01-01
            parties:
              - {id: agency, name: {ja: 府省庁, en: Agency}, side: customer, role: agency, colour: "\(colours[0])"}
              - {id: contractor, name: {ja: 受注者, en: Contractor}, side: customer, role: contractor, colour: "\(colours[1])"}
              - {id: provider, name: {ja: 事業者, en: Provider}, side: provider, role: provider, colour: "\(colours[2])"}
              - {id: third, name: {ja: 第三者（監査法人）, en: Third party (auditor)}, side: provider, role: third-party, colour: "\(colours[3])"}
            layers:

            """
        for l in 0..<layers { y += "  - {id: l\(l), name: {ja: 階層\(l)の名前, en: Layer \(l) name}, short: {ja: 階層\(l), en: L\(l)}}\n" }
        y += "offerings:\n"
        for o in 0..<offerings {
            y += "  - id: o\(o)\n    name: {ja: 提供形態\(o), en: Offering \(o)}\n    owners:\n"
            for l in 0..<layers {
                let owner: String
                if l < 2 { owner = "third" }
                else if l < 3 + o % 4 { owner = "provider" }
                else if l == layers - 1 { owner = "[agency, contractor]" }
                else if l == 3 + o % 4 && o % 3 == 0 { owner = "{not-applicable: {ja: なし, en: none}}" }
                else { owner = "contractor" }
                y += "      l\(l): \(owner)\n"
            }
        }
        y += """
            topics:
              - {id: t1, title: {ja: 開示1, en: Disclosure 1}, source: {page: 1}, responsible: provider, statement: {ja: 述べる, en: States}}
            catalogue:
              id: synth
              standard: {ja: 合成基準, en: Synthetic standard}
              edition: {ja: 第1版, en: First edition}
              accountable-role: agency
              entries:

            """
        var mapping = "mapping:\n"
        for r in 0..<requirements {
            y += "    - {id: \"R\(r)\", kind: requirement, title: {ja: 要件\(r), en: Requirement \(r)}, text: {ja: 要件\(r)の本文, en: Text of requirement \(r)}}\n"
            y += "    - {id: \"R\(r)-1\", kind: basic-measure, parent: \"R\(r)\", text: {ja: 基本対策, en: Basic measure}}\n"
            mapping += "  - {entry: \"R\(r)\", scope: organisational, answers: [{topic: t1, coverage: partial}]}\n"
            for i in 0..<items {
                y += "    - {id: \"R\(r)-1 \(i)\", kind: example, parent: \"R\(r)-1\", title: {ja: 例\(r)-\(i), en: Item \(r)-\(i)}, text: {ja: 例の本文, en: Item text}}\n"
                let scope = (0..<3).map { "l\((r + i + $0 * 3) % layers)" }
                mapping += "  - {entry: \"R\(r)-1 \(i)\", scope: [\(scope.joined(separator: ", "))]" + (i % 5 == 0 ? "" : ", answers: [{topic: t1, coverage: full}]") + "}\n"
            }
        }
        let result = ModelLoader(fileSystem: MemoryFileSystem(files: ["s/model.yaml": Array((y + mapping).utf8)])).load("s/model.yaml")
        precondition(result.model != nil, "\(result.diagnostics.filter { $0.severity == .error }.prefix(5))")
        return (result.model!, Derivation(model: result.model!)!)
    }
}

/// Golden files under Snapshots/, re-recorded with RECORD_SNAPSHOTS=1.
func assertSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no snapshot \(name); record it with RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
        return
    }
    if expected != text {
        let a = expected.components(separatedBy: "<TR>"), b = text.components(separatedBy: "<TR>")
        let first = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
        Issue.record("\(name) differs from the snapshot (row \(first)): expected \(a.indices.contains(first) ? a[first].prefix(300) : "end") — got \(b.indices.contains(first) ? b[first].prefix(300) : "end")", sourceLocation: sourceLocation)
    }
}
