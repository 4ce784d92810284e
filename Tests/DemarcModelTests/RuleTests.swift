import Foundation
import Testing
@testable import DemarcModel

/// Every rule is in the enum, explained, documented in docs/model.md's table
/// of rules (and nothing else is), and asserted by a test; ranges and fixes
/// where the source has them.
@Suite("Rules: one enum, explained, documented, tested")
struct RuleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyRuleHasASummaryAndAnExplanation() {
        for rule in Rule.allCases {
            #expect(!rule.summary.isEmpty && !rule.explanation.isEmpty, "\(rule)")
            #expect(rule.explanation != rule.summary, "\(rule): the explanation says more than the summary")
        }
        #expect(Set(Rule.allCases.map(\.explanation)).count == Rule.allCases.count)
    }

    @Test func theDocumentedTableListsExactlyTheRules() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/model.md"), encoding: .utf8)
        let table = doc.components(separatedBy: "## Rules").last ?? ""
        var documented: Set<String> = []
        for line in table.split(separator: "\n") where line.hasPrefix("| `") {
            let first = line.split(separator: "|").first ?? ""
            for id in first.split(separator: "`") where id.contains(where: { $0.isLetter }) && !id.contains(" ") {
                documented.insert(String(id))
            }
        }
        #expect(
            documented == Set(Rule.allCases.map(\.rawValue)),
            "not documented: \(Set(Rule.allCases.map(\.rawValue)).subtracting(documented).sorted()); unknown: \(documented.subtracting(Rule.allCases.map(\.rawValue)).sorted())"
        )
    }

    /// A rule no test names is a rule nobody has seen fire.
    @Test func everyRuleIsAssertedByATest() throws {
        let tests = Self.root.appendingPathComponent("Tests")
        var text = ""
        let walker = FileManager.default.enumerator(atPath: tests.path)
        while let file = walker?.nextObject() as? String {
            guard file.hasSuffix(".swift"), !file.hasSuffix("RuleTests.swift") || file.hasSuffix("LoaderRuleTests.swift") else { continue }
            text += (try? String(contentsOf: tests.appendingPathComponent(file), encoding: .utf8)) ?? ""
        }
        // model-incomplete is the guard against a refusal without a reason: no
        // input is meant to reach it (the oracle and property tests would).
        let untested = Rule.allCases.filter { $0 != .modelIncomplete && !text.contains("\"\($0.rawValue)\"") && !text.contains("[\($0.rawValue)]") }
        #expect(untested.isEmpty, "no test names: \(untested.map(\.rawValue))")
    }

    @Test func anUnknownKeyHasARangeAndAFix() throws {
        let result = load(ValidModel.replacing("    side: provider", with: "    sdie: provider"))
        let d = try #require(result.diagnostics(Rule.unknownKey.rawValue).first)
        #expect(d.location == SourceLocation(file: modelPath, line: 13, column: 5))
        #expect(d.end == SourceLocation(file: modelPath, line: 13, column: 9))
        #expect(d.fix == Fix(replacement: "side"))
    }

    @Test func anUnknownReferenceHasARangeAndAFix() throws {
        let result = load(ValidModel.replacing("      hypervisor: provider", with: "      hypervisor: providr"))
        let d = try #require(result.diagnostics(Rule.unknownReference.rawValue).first)
        #expect(d.location.line == 34 && d.end.map { $0.column - d.location.column } == 7, "\(d)")
        #expect(d.fix == Fix(replacement: "provider"))
    }

    @Test func aQuotedValueOutsideItsSetHasARangeCoveringTheQuotes() throws {
        let result = load(ValidModel.replacing("    role: agency", with: "    role: 'agncy'"))
        let d = try #require(result.diagnostics(Rule.valueNotInSet.rawValue).first)
        #expect(d.location.column == 11 && d.end?.column == 18)
        #expect(d.fix == Fix(replacement: "agency"))
    }

    @Test func aFullWidthColonIsOneCharacterReplacedByAColon() throws {
        let result = load(ValidModel.replacing("    side: provider", with: "    side： provider"))
        let d = try #require(result.diagnostics.first)
        #expect(d.rule == .yamlFullwidth && d.location.column == 9 && d.end?.column == 10)
        #expect(d.fix == Fix(replacement: ":"))
    }
}
