import DemarcModel
import DemarcResources

/// Models for tests and benchmarks: the embedded ones, and synthetic ones of
/// any size. Not part of the `demarc` binary.
public enum TestModels {
    public static let embedded = MemoryFileSystem(files: Resources.files(under: "Models"))

    /// An embedded model, loaded and derived; stops the test run if it has errors.
    public static func derivation(_ path: String = "Models/iij-gio-p2") -> Derivation {
        let result = ModelLoader(fileSystem: embedded).load(path)
        precondition(result.model != nil, "\(result.diagnostics)")
        return Derivation(model: result.model!)!
    }

    /// The default model.
    public static let p2 = derivation()
    /// The agency/contractor example.
    public static let agencyContractor = derivation("Models/examples/agency-contractor")

    /// Derives a changed model.
    public static func derive(_ model: Model) -> Derivation { Derivation(model: model)! }
}

/// The one generator of large synthetic models: `layers` layers, four
/// parties (agency, contractor, provider, a third party), `offerings`
/// offerings whose owners vary, and `requirements` × (1 basic measure +
/// `items` example items) catalogue entries in their own folder. Every fifth
/// item has no disclosure (a gap).
public struct SyntheticModel: Sendable {
    public var layers = 10
    public var offerings = 8
    public var requirements = 20
    public var items = 48
    public var colours = ["#1f4e79", "#8a4500", "#6a1b9a", "#1b5e20"]

    public init(
        layers: Int = 10, offerings: Int = 8, requirements: Int = 20, items: Int = 48,
        colours: [String] = ["#1f4e79", "#8a4500", "#6a1b9a", "#1b5e20"]
    ) {
        self.layers = layers
        self.offerings = offerings
        self.requirements = requirements
        self.items = items
        self.colours = colours
    }

    /// Entries in the catalogue.
    public var entries: Int { requirements * (2 + items) }

    /// Gaps per offering: every fifth item.
    public var gapsPerOffering: Int { requirements * stride(from: 0, to: items, by: 5).underestimatedCount }

    /// The model's files, relative to its folder: `model.yaml` and `catalogue/catalogue.yaml`.
    public func files() -> [String: [UInt8]] {
        var y = """
            model:
              id: synthetic
              name: {ja: 合成モデル, en: Synthetic model}
              version: 0.1.0
              as-of: 2026-01-01
              catalogue: catalogue
            parties:
              - {id: agency, name: {ja: 府省庁, en: Agency}, side: customer, role: agency, colour: "\(colours[0])"}
              - {id: contractor, name: {ja: 受注者, en: Contractor}, side: customer, role: contractor, colour: "\(colours[1])"}
              - {id: provider, name: {ja: 事業者, en: Provider}, side: provider, role: provider, colour: "\(colours[2])"}
              - {id: third, name: {ja: 第三者（データセンター）, en: Third party (data centre)}, side: provider, role: third-party, works-for: provider, colour: "\(colours[3])"}
            layers:

            """
        for l in 0..<layers { y += "  - {id: l\(l), name: {ja: 階層\(l)の名前, en: Layer \(l) name}, short: {ja: 階層\(l), en: L\(l)}}\n" }
        y += "offerings:\n"
        for o in 0..<offerings {
            y += "  - id: o\(o)\n    name: {ja: 提供形態\(o), en: Offering \(o)}\n    owners:\n"
            for l in 0..<layers {
                let owner: String
                if l < 2 {
                    owner = "third"
                } else if l < 3 + o % 4 {
                    owner = "provider"
                } else if l == layers - 1 {
                    owner = "[agency, contractor]"
                } else if l == 3 + o % 4 && o % 3 == 0 {
                    owner = "{not-applicable: {ja: なし, en: none}}"
                } else {
                    owner = "contractor"
                }
                y += "      l\(l): \(owner)\n"
            }
        }
        y += """
            topics:
              - {id: t1, title: {ja: 開示1, en: Disclosure 1}, source: {page: 1}, responsible: provider, statement: {ja: 述べる, en: States}}
            mapping:

            """
        var c = """
            catalogue:
              id: synth
              standard: {ja: 合成基準, en: Synthetic standard}
              edition: {ja: 第1版, en: First edition}
              accountable-role: agency
              entries:

            """
        for r in 0..<requirements {
            c += "    - {id: \"R\(r)\", kind: requirement, title: {ja: 要件\(r), en: Requirement \(r)}, text: {ja: 要件\(r)の本文, en: Text of requirement \(r)}}\n"
            c += "    - {id: \"R\(r)-1\", kind: basic-measure, parent: \"R\(r)\", text: {ja: 基本対策, en: Basic measure}}\n"
            y += "  - {entry: \"R\(r)\", scope: organisational, answers: [{topic: t1, coverage: partial}]}\n"
            for i in 0..<items {
                c +=
                    "    - {id: \"R\(r)-1 \(i)\", kind: example, parent: \"R\(r)-1\", title: {ja: 例\(r)-\(i), en: Item \(r)-\(i)}, text: {ja: 例の本文, en: Item text}}\n"
                let scope = (0..<3).map { "l\((r + i + $0 * 3) % layers)" }
                y +=
                    "  - {entry: \"R\(r)-1 \(i)\", scope: [\(scope.joined(separator: ", "))]" + (i % 5 == 0 ? "" : ", answers: [{topic: t1, coverage: full}]")
                    + "}\n"
            }
        }
        return ["model.yaml": Array(y.utf8), "catalogue/catalogue.yaml": Array(c.utf8)]
    }

    /// The model, loaded from memory and derived.
    public func derivation() -> Derivation {
        var files: [String: [UInt8]] = [:]
        for (path, bytes) in self.files() { files["synthetic/" + path] = bytes }
        let result = ModelLoader(fileSystem: MemoryFileSystem(files: files)).load("synthetic")
        precondition(result.model != nil, "\(result.diagnostics.filter { $0.severity == .error }.prefix(5))")
        return Derivation(model: result.model!)!
    }
}
