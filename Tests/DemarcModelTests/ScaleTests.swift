import DemarcModel
import DemarcTestSupport
import Testing

/// A catalogue of 10,000 entries must load, check and derive (no timing is
/// asserted: performance belongs in benchmarks).
@Suite("Scale")
struct ScaleTests {
    @Test func aCatalogueOfTenThousandEntriesLoadsAndDerives() throws {
        let synthetic = SyntheticModel(layers: 4, offerings: 2, requirements: 100, items: 98)
        var files: [String: [UInt8]] = [:]
        for (path, bytes) in synthetic.files() { files["m/" + path] = bytes }
        let result = ModelLoader(fileSystem: MemoryFileSystem(files: files)).load("m")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(3))")
        let model = try #require(result.model)
        #expect(model.catalogue.entries.count == 10_000 && synthetic.entries == 10_000)
        let derivation = try #require(Derivation(model: model))
        let cells = derivation.matrix().flatMap { $0 }
        #expect(cells.count == 20_000)
        #expect(cells.filter { $0.coverage == .none }.count == 2 * synthetic.gapsPerOffering)
        #expect(Set(model.catalogue.entries.map(\.slug)).count == 10_000)
    }
}
