import DemarcDiagrams
import DemarcModel
import DemarcTestSupport
import DemarcViews
import Foundation
import Testing

enum Models {
    static let p2 = TestModels.p2
    static let agencyContractor = TestModels.agencyContractor
    static func load(_ path: String) -> Derivation { TestModels.derivation(path) }
    static func derive(_ model: Model) -> Derivation { TestModels.derive(model) }

    static func context(_ d: Derivation, _ language: Language, links: LinkMode = .relative, theme: Palette.Theme = .light) -> DiagramContext {
        DiagramContext(views: try! Views(derivation: d, language: language), links: links, theme: theme)
    }

    /// Every diagram of a model in one language.
    static func all(_ d: Derivation, _ language: Language, links: LinkMode = .relative, theme: Palette.Theme = .light) -> [Diagram] {
        let c = context(d, language, links: links, theme: theme)
        return d.model.offerings.map { OfferingDiagram.make($0, context: c) }
            + [ComparisonDiagram.make(offerings: d.model.offerings, context: c)]
            + d.model.catalogue.entries.map { ControlDiagram.make($0, context: c) }
    }

    static func synthetic(requirements: Int = 20, items: Int = 48, colours: [String] = SyntheticModel().colours) -> Derivation {
        SyntheticModel(requirements: requirements, items: items, colours: colours).derivation()
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
        Issue.record(
            "\(name) differs from the snapshot (row \(first)): expected \(a.indices.contains(first) ? a[first].prefix(300) : "end") — got \(b.indices.contains(first) ? b[first].prefix(300) : "end")",
            sourceLocation: sourceLocation)
    }
}

/// The default model with hostile text in names and titles, drawn with
/// absolute links whose base holds `&`.
enum HostileModel {
    static let text = #"A & B <b>x</b> "q" 'a' \N \G \L \ end"#

    static func diagrams() -> [Diagram] {
        var model = Models.p2.model
        model.offerings[0].name = Text(ja: text, en: text)
        model.layers[0].name = Text(ja: text, en: text)
        model.catalogue.entries[0].title = Text(ja: text, en: text)
        model.parties[0].short = Text(ja: text, en: text)
        let c = Models.context(Models.derive(model), .en, links: .absolute(baseURL: "https://x.example/a?b=1&c=2"))
        return [
            OfferingDiagram.make(model.offerings[0], context: c), ComparisonDiagram.make(offerings: model.offerings, context: c),
            ControlDiagram.make(model.catalogue.entries[0], context: c),
        ]
    }
}
