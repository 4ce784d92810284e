@testable import DemarcDiagrams
import DemarcModel
import DemarcTestSupport
import DemarcViews
import Foundation
import Testing

/// The text rules of the outputs, read from the DOT a reader's diagram comes from.
enum VisibleText {
    /// Every line of text a diagram shows (labels split at line breaks), entities decoded.
    static func lines(_ dot: String) -> [String] {
        var lines: [String] = []
        for match in dot.matches(of: /label=<(.*)>\];/.dotMatchesNewlines()) {
            let markup = String(match.1).replacingOccurrences(of: "<BR/>", with: "\n").replacingOccurrences(of: "</TD>", with: "\n")
            let text = markup.replacing(/<[^>]*>/, with: "")
            lines += text.split(separator: "\n").map { decode(String($0)) }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        return lines
    }

    static func decode(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#92;", with: "\\").replacingOccurrences(of: "&#8203;", with: "")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Text outside 「…」 quotes (quoted source text may be Japanese in English output).
    static func unquoted(_ s: String) -> String { s.replacing(/「[^」]*」/, with: "") }

    static func hasCJK(_ s: String) -> Bool {
        s.unicodeScalars.contains {
            (0x3000...0x30FF).contains($0.value) || (0x3400...0x4DBF).contains($0.value)
                || (0x4E00...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
        }
    }

    /// Lower-case ASCII ids of the model's parties and layers standing as words.
    static func ids(in s: String, model: Model) -> [String] {
        let ids = model.parties.map(\.id) + model.layers.map(\.id)
        let words = Set(s.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) }.map(String.init))
        return ids.filter(words.contains)
    }
}

@Suite("Text rules in the diagrams")
struct DiagramTextRuleTests {
    static let models = [TestModels.p2, TestModels.agencyContractor]

    @Test func noPartyOrLayerIdInJapaneseText() {
        for d in Self.models {
            for diagram in Models.all(d, .ja) {
                for line in VisibleText.lines(diagram.dot) {
                    #expect(VisibleText.ids(in: line, model: d.model).isEmpty, "\(diagram.id): \(line)")
                }
            }
        }
    }

    @Test func noJapaneseInEnglishTextOutsideQuotedSource() {
        for d in Self.models {
            for diagram in Models.all(d, .en) {
                for line in VisibleText.lines(diagram.dot) + [diagram.title, diagram.description] {
                    #expect(!VisibleText.hasCJK(VisibleText.unquoted(line)), "\(diagram.id): \(line)")
                }
            }
        }
    }

    @Test func noLineEndsWithAnOpeningBracket() {
        for d in Self.models {
            for language in Language.defaults {
                for diagram in Models.all(d, language) {
                    for line in VisibleText.lines(diagram.dot) {
                        let trimmed = line.trimmingCharacters(in: .whitespaces)
                        #expect(!(trimmed.hasSuffix("（") || trimmed.hasSuffix("(") || trimmed.hasSuffix("「")), "\(diagram.id): \(line)")
                    }
                }
            }
        }
    }

    @Test func noFullStopRunsIntoAWordInEnglish() {
        for d in Self.models {
            for diagram in Models.all(d, .en) {
                for line in VisibleText.lines(diagram.dot) + [diagram.description] {
                    #expect(line.firstMatch(of: /[a-z]\.[A-Za-z]/) == nil, "\(diagram.id): \(line)")
                }
            }
        }
    }

    @Test func theStackNamesTheAccountableAndTheSupplierOfEvidence() {
        let c = Models.context(TestModels.p2, .en)
        let dot = OfferingDiagram.make(TestModels.p2.model.offering("vw-series")!, context: c).dot
        #expect(dot.contains("Accountable: Customer"))
        #expect(dot.contains("Evidence: Provider, for"))
    }

    @Test func theComparisonCountsDecisionsMeasuresAndEvidenceApartAndExplainsTheMark() {
        let c = Models.context(TestModels.p2, .en)
        let dot = ComparisonDiagram.make(offerings: TestModels.p2.model.offerings, context: c).dot
        let lines = VisibleText.lines(dot)
        #expect(lines.contains("■ decisions of Customer"))
        #expect(lines.contains("■ measures done by Provider") && lines.contains("■ measures done by Customer"))
        #expect(lines.contains("■ controls Provider gives evidence for"))
        #expect(lines.contains { $0.contains("◀ differs from Virtual server") })
        #expect(lines.contains("◀ … the owner differs from the first column (Virtual server)"))
    }

    /// A band names the sides it separates, a shared layer included; an
    /// offering where the provider runs no layer says so and draws no band.
    @Test func bandsNameTheirTwoSidesAndAnOfferingWithoutTheProviderHasNone() throws {
        var model = TestModels.agencyContractor.model
        let vw = try #require(model.offerings.firstIndex { $0.id == "vw-series" })
        model.offerings[vw].owners["hardware"] = .shared(["provider", "contractor"])
        var onPrem = model.offerings[vw]
        onPrem.id = "on-premises"
        onPrem.name = Text(ja: "オンプレミス", en: "On premises")
        onPrem.short = nil
        for layer in model.layers.map(\.id) { onPrem.owners[layer] = .party("agency") }
        model.offerings.append(onPrem)
        let c = Models.context(Models.derive(model), .en)
        let shared = OfferingDiagram.make(model.offerings[vw], context: c).dot
        #expect(shared.contains("▲ customer side — demarcation point — shared: Provider+Contractor ▼"), "the band above a shared layer names it")
        #expect(shared.contains("shared: Provider+Contractor — demarcation point — provider side ▼"))
        let none = OfferingDiagram.make(onPrem, context: c).dot
        #expect(!none.contains("demarcation point —"))
        #expect(none.contains("The provider runs no layer here"))
        #expect(!VisibleText.lines(none).contains { $0.hasPrefix("■ Provider") }, "the legend lists only parties that appear")
    }
}
