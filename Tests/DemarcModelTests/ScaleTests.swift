import DemarcModel
import Testing

/// A catalogue of 10,000 entries must load, check and derive (no timing is
/// asserted: performance belongs in benchmarks).
@Suite("Scale")
struct ScaleTests {
    static func catalogue(requirements: Int, items: Int) -> String {
        var y = """
            model: {id: scale, name: {ja: 規模, en: Scale}, version: 1.0.0, as-of: 2026-01-01, catalogue: cat}
            parties:
              - {id: provider, name: {ja: 事業者, en: Provider}, side: provider, role: provider, colour: "#1f4e79"}
              - {id: customer, name: {ja: 利用者, en: Customer}, side: customer, role: user, colour: "#8a4500"}
            layers:
              - {id: hardware, name: {ja: ハードウェア, en: Hardware}}
              - {id: os, name: {ja: OS, en: OS}}
            offerings:
              - {id: vm, name: {ja: 仮想サーバ, en: Virtual server}, owners: {hardware: provider, os: customer}}
              - {id: metal, name: {ja: 物理サーバ, en: Bare metal}, owners: {hardware: provider, os: [provider, customer]}}
            topics:
              - {id: t, title: {ja: 開示, en: Disclosure}, source: {page: 1}, responsible: provider, statement: {ja: 述べる, en: States}}
            mapping:

            """
        var c = """
            catalogue:
              id: big
              standard: {ja: 大きな基準, en: A large standard}
              edition: {ja: 第1版, en: First edition}
              accountable-role: agency
              entries:

            """
        for r in 0..<requirements {
            c += "    - {id: \"\(r)\", kind: requirement, title: {ja: 要件\(r), en: Requirement \(r)}, text: {ja: 要件\(r)の本文です。, en: Text of requirement \(r).}}\n"
            c += "    - {id: \"\(r)-1\", kind: basic-measure, parent: \"\(r)\", text: {ja: 基本対策, en: Basic measure}}\n"
            y += "  - {entry: \"\(r)\", scope: organisational, answers: [{topic: t, coverage: full}]}\n"
            for i in 0..<items {
                c += "    - {id: \"\(r)-1 \(i))\", kind: example, parent: \"\(r)-1\", text: {ja: 例\(r)-\(i)の本文, en: Example \(r)-\(i)}}\n"
                y += "  - {entry: \"\(r)-1 \(i))\", scope: [\(i % 2 == 0 ? "hardware" : "hardware, os")]}\n"
            }
        }
        return y + "\n" + c
    }

    @Test func aCatalogueOfTenThousandEntriesLoadsAndDerives() throws {
        let text = Self.catalogue(requirements: 100, items: 98)
        let parts = text.components(separatedBy: "\ncatalogue:")
        let files = ["m/model.yaml": Array(parts[0].utf8), "m/cat/catalogue.yaml": Array(("catalogue:" + parts[1]).utf8)]
        let result = ModelLoader(fileSystem: MemoryFileSystem(files: files)).load("m")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(3))")
        let model = try #require(result.model)
        #expect(model.catalogue.entries.count == 10_000)
        let derivation = try #require(Derivation(model: model))
        let cells = derivation.matrix().flatMap { $0 }
        #expect(cells.count == 20_000)
        #expect(cells.filter { $0.coverage == .none }.count == 2 * 100 * (98 + 1), "examples and their roll-ups")
        #expect(Set(model.catalogue.entries.map(\.slug)).count == 10_000)
    }
}
