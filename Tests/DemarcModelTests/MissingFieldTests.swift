import Testing
@testable import DemarcModel

/// A missing required field is one error at its place, never a cascade:
/// one test per required field the valid model writes on one line.
@Suite("One error per missing required field")
struct MissingFieldTests {
    /// (the line removed, the line of the mapping it is missing from, the rule that reports it).
    static let fields: [(String, Int, String)] = [
        ("  id: test-model\n", 3, "missing-field"),
        ("  name: {ja: 試験モデル, en: Test model}\n", 3, "missing-field"),
        ("  version: 1.0.0\n", 3, "missing-field"),
        ("  as-of: 2017-03-31\n", 3, "missing-field"),
        ("      title: {ja: 資料, en: Document}\n", 8, "missing-field"),
        ("    name: {ja: 事業者, en: Provider}\n", 11, "missing-field"),
        ("    side: provider\n", 11, "missing-field"),
        ("    role: provider\n", 11, "missing-field"),
        ("    name: {ja: ハードウェア, en: Hardware}\n", 22, "missing-field"),
        ("    name: {ja: 仮想サーバ, en: Virtual server}\n", 29, "missing-field"),
        ("    title: {ja: 資源の分離, en: Resource isolation}\n", 37, "missing-field"),
        ("    source: {document: doc, page: 14}\n", 37, "missing-field"),
        ("    responsible: provider\n", 37, "missing-field"),
        ("    statement: {ja: 資源を利用者ごとに分けている, en: Resources are kept apart per customer}\n", 37, "missing-field"),
        ("        kind: audit-report\n", 45, "missing-field"),
        ("        title: {ja: SOC2報告書, en: SOC 2 report}\n", 45, "missing-field"),
        ("  standard: {ja: 統一基準, en: Unified Standards}\n", 51, "missing-field"),
        ("  edition: {ja: 平成28年度版, en: FY2016}\n", 51, "missing-field"),
        ("  accountable-role: agency\n", 51, "missing-field"),
        ("      text: {ja: 要件, en: Requirement}\n", 56, "missing-field"),
        ("        coverage: full\n", 71, "missing-field"),
    ]

    @Test(arguments: fields.indices)
    func oneErrorAtItsPlace(_ index: Int) throws {
        let (line, at, rule) = Self.fields[index]
        let result = load(ValidModel.replacing(line, with: ""))
        #expect(result.rules == [rule], "\(line): \(result.diagnostics.map(\.description))")
        #expect(result.diagnostics.first?.location.line == at, "\(line)")
    }
}
