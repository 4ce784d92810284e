import DemarcModel
import DemarcTestSupport
@testable import DemarcViews
import Foundation
import Testing

typealias Fixture = TestModels

extension TestModels {
    static func views(_ d: Derivation, _ language: Language) -> Views { try! Views(derivation: d, language: language) }
}

@Suite("The string tables")
struct StringTableTests {
    static let tables = Language.defaults.map { try! StringTables.builtIn($0) }

    @Test func everyLanguageHasTheSameKeysAndPlaceholders() throws {
        let ja = try StringTables.builtIn(.ja), en = try StringTables.builtIn(.en)
        #expect(Set(ja.keys).subtracting(en.keys).isEmpty, "only in ja: \(Set(ja.keys).subtracting(en.keys).sorted())")
        #expect(Set(en.keys).subtracting(ja.keys).isEmpty, "only in en: \(Set(en.keys).subtracting(ja.keys).sorted())")
        // Japanese is the reference: a translation may leave a placeholder out, never add one.
        for key in ja.keys where !en.placeholders(key).isSubset(of: ja.placeholders(key)) {
            Issue.record("\(key): en fills \(en.placeholders(key).subtracting(ja.placeholders(key)).sorted()), which ja does not")
        }
        #expect(StringTables.languages == [.en, .ja])
    }

    /// A key the code asks for that no table has would print ⟦key⟧; a key no
    /// code asks for is dead wording. Keys are the dotted literals of the views.
    @Test func everyKeyIsUsedAndEveryKeyUsedExists() throws {
        let keys = Set(try StringTables.builtIn(.ja).keys)
        var used: Set<String> = []
        for file in SourceLiterals.files("DemarcViews") {
            for literal in SourceLiterals.literals(in: file)
            where literal.text.wholeMatch(of: /[a-z][a-z0-9-]*(\.[a-zA-Z0-9-]+)+/) != nil
                || keys.contains(literal.text)
            {
                used.insert(literal.text)
            }
        }
        #expect(used.subtracting(keys).isEmpty, "used but in no table: \(used.subtracting(keys).sorted())")
        #expect(keys.subtracting(used).isEmpty, "in the table but never used: \(keys.subtracting(used).sorted())")
    }

    @Test func aBadLineIsReportedWithItsNumber() {
        #expect(throws: StringTable.Problem(file: "x.strings", line: 3, message: "expected 'key = value'")) {
            try StringTable(language: .ja, file: "x.strings", text: "# c\na = b\nnonsense\n")
        }
        #expect(throws: StringTable.Problem(file: "x.strings", line: 2, message: "the key 'a' is defined twice")) {
            try StringTable(language: .ja, file: "x.strings", text: "a = b\na = c\n")
        }
    }

    @Test func valuesKeepQuotedSpacesAndFillPlaceholders() throws {
        let table = try StringTable(language: .en, file: "t", text: #"a = "  {x} and \"{y}\"  "\#nb = line\nbreak"#)
        #expect(table("a", ["x": "1", "y": "2"]) == #"  1 and "2"  "#)
        #expect(table("b") == "line\nbreak")
        #expect(table("missing") == "⟦missing⟧")
    }

    /// A table saved with CR LF line ends reads as one saved with LF;
    /// a value's placeholders are found once, as it is read.
    @Test func crlfLineEndsAndPlaceholders() throws {
        let lf = try StringTable(language: .en, file: "t", text: "# c\na = {x} of {y}\nb =\nc = \"{x}\"\n")
        let crlf = try StringTable(language: .en, file: "t", text: "# c\r\na = {x} of {y}\r\nb =\r\nc = \"{x}\"\r\n")
        for table in [lf, crlf] {
            #expect(table.keys == ["a", "b", "c"])
            #expect(table("a", ["x": "one", "y": "two\nlines"]) == "one of two lines")
            #expect(table("a", ["x": "one"]) == "one of {y}")
            #expect(table("a") == "{x} of {y}")
            #expect(table("b", ["x": "1"]) == "")
            #expect(table("c", ["x": "1"]) == "1")
            #expect(table.placeholders("a") == ["x", "y"])
        }
    }

    @Test func aLanguageWithoutWordingIsRefusedClearly() {
        let error = #expect(throws: StringTables.Unsupported.self) { try StringTables.builtIn(Language(code: "fr")!) }
        #expect(error?.description == "Demarc has no wording for language 'fr' (no Templates/strings/fr.strings); it writes: en, ja")
    }

    @Test func languageCodes() {
        #expect(Language(code: "ja") == .ja)
        #expect(Language(code: "pt-br")?.code == "pt-br")
        for bad in ["", "J", "JA", "japanese", "ja_JP", "ja-", "e n"] { #expect(Language(code: bad) == nil, "\(bad)") }
    }
}

@Suite("Wording stays in the string table")
struct LiteralTests {
    /// Line breaking knows Japanese punctuation as character classes, not wording.
    static let typographyRules: Set<String> = ["Sources/DemarcDiagrams/Wrap.swift"]

    @Test func noJapaneseLiteralInViewsDiagramsOrTheCommandLine() {
        for target in ["DemarcViews", "DemarcDiagrams", "demarc"] {
            for file in SourceLiterals.files(target) where !Self.typographyRules.contains(file) {
                for literal in SourceLiterals.literals(in: file) where SourceLiterals.hasCJK(literal.text) {
                    Issue.record("\(file):\(literal.line): a Japanese literal \"\(literal.text.prefix(40))\" belongs in Templates/strings")
                }
            }
        }
    }

    /// The command line's own messages (help, usage errors, the build's
    /// summary) are English only, by design; everything a reader of an
    /// output sees is worded by the views.
    @Test func noEnglishWordingInViewsOrDiagrams() {
        let machinery: Set<String> = ["Sources/DemarcViews/StringTable.swift", "Sources/DemarcViews/StringTables.swift"]
        // Font names are names, not wording.
        let fontList = "Noto Sans CJK JP,Noto Sans JP,Hiragino Sans,Yu Gothic,Meiryo,sans-serif"

        for target in ["DemarcViews", "DemarcDiagrams"] {
            for file in SourceLiterals.files(target) where !machinery.contains(file) {
                for literal in SourceLiterals.literals(in: file) where SourceLiterals.hasEnglishWords(literal.text) && literal.text != fontList {
                    Issue.record("\(file):\(literal.line): English wording \"\(literal.text.prefix(60))\" belongs in Templates/strings")
                }
            }
        }
    }

    @Test func theScannerFindsWhatItMustFind() {
        let file = "Tests/DemarcViewsTests/SourceLiterals.swift"
        #expect(SourceLiterals.literals(in: file).contains { $0.text == "//" })
        #expect(SourceLiterals.hasCJK("実施") && SourceLiterals.hasCJK("（") && !SourceLiterals.hasCJK("■ ◆ — ▲"))
        #expect(SourceLiterals.hasEnglishWords("done by") && !SourceLiterals.hasEnglishWords("rankdir=LR nodesep=0.3"))
        #expect(!SourceLiterals.hasEnglishWords("\\() \\()"))
    }

    @Test func noOutputShowsAMissingKey() {
        for d in [Fixture.p2, Fixture.agencyContractor] {
            for language in Language.defaults {
                let views = Fixture.views(d, language)
                var texts = d.model.catalogue.entries.map { views.explanation($0, offerings: d.model.offerings) }
                texts += d.model.offerings.map { views.obligationsText($0) + views.roleTableText($0) }
                texts += d.model.offerings.map { views.offering($0).description }
                texts.append(views.comparison().description)
                for text in texts { #expect(!text.contains("⟦"), "\(text.prefix(200))") }
            }
        }
    }
}

@Suite("Reasons, worded from the derivation's structure")
struct ReasonWordingTests {
    @Test func theVWSeriesVulnerabilityCaseSaysBothWhys() throws {
        let d = Fixture.p2
        let vw = try #require(d.cell(entry: "4.1.4(1)-2 d)", offering: "vw-series"))
        let ja = Fixture.views(d, .ja).words.reason(vw, derivation: d), en = Fixture.views(d, .en).words.reason(vw, derivation: d)
        #expect(ja.full.contains("ほとんど生じない"))
        #expect(en.full.contains("hardly arises"))
        #expect(en.full.contains("(p13)") && en.full.contains("(p14)"))
        #expect(en.lead == "VW series: " && ja.lead == "VWシリーズでは、")
        let virtual = try #require(d.cell(entry: "4.1.4(1)-2 d)", offering: "virtual-server"))
        #expect(Fixture.views(d, .en).words.reason(virtual, derivation: d).full.contains("applies here"))
    }

    /// With the VW series' hypervisor moved to the provider, the reasons
    /// change wherever the hypervisor is in scope of a measure, even where
    /// the outcome does not (the roll-up whose item changes hands).
    @Test func reasonsFollowTheMutation() throws {
        let before = Fixture.p2
        var model = before.model
        let index = try #require(model.offerings.firstIndex { $0.id == "vw-series" })
        model.offerings[index].owners["hypervisor"] = .party("provider")
        let after = try #require(Derivation(model: model))
        for language in Language.defaults {
            let vb = Fixture.views(before, language), va = Fixture.views(after, language)
            let changed = Set(
                zip(before.matrix().flatMap { $0 }, after.matrix().flatMap { $0 }).filter {
                    vb.words.reason($0, derivation: before) != va.words.reason($1, derivation: after)
                }.map(\.0.entry))
            // (d) is the agency's decision: who runs the hypervisor does not change its reason.
            #expect(changed == ["4.1.4(1)-1 a)", "4.1.4(1)-2 a)", "4.1.4(1)-2 d)", "4.1.4(1)-1"])
        }
    }

    @Test func theSameReasonForEveryOfferingIsSaidOnce() throws {
        let views = Fixture.views(Fixture.p2, .en)
        let organisational = views.control(try #require(Fixture.p2.model.catalogue.entry("4.1.4(1)(e)")))
        #expect(organisational.reasons.map(\.label) == ["All offerings"])
        let layered = views.control(try #require(Fixture.p2.model.catalogue.entry("4.1.4(1)-2 d)")))
        #expect(layered.reasons.map(\.label) == ["Virtual server", "Bare metal", "VW series"])
        #expect(!layered.reasons[2].text.hasPrefix("VW series"), "the row names the offering; the reason does not repeat it")
    }

    @Test func questionsComeFromTheMappingOrAreWordedFromTheCoverage() throws {
        let views = Fixture.views(Fixture.p2, .en)
        let d = Fixture.p2
        let gapCell = try #require(d.cell(entry: "4.1.4(1)-2 e)", offering: "vw-series"))
        let mapped = try #require(d.question(for: gapCell))
        #expect(views.words.question(mapped, cell: gapCell).hasPrefix("Does the provider offer backup or replication of the data?"))
        #expect(views.words.question(mapped, cell: gapCell).hasSuffix("(the provider runs here: Hardware)"))
        let customerCell = try #require(d.cell(entry: "4.1.4(1)-2 b)", offering: "vw-series"))
        let generated = try #require(d.question(for: customerCell))
        #expect(generated.text == nil)
        #expect(
            views.words.question(generated)
                == #"On 4.1.4(1)-2 b) "Monitoring of communications at the connection point" the provider only says it is the customer's job ("Monitoring of communications"): ask what functions or information it can provide."#
        )
    }
}

@Suite("Text rules in explain and obligations")
struct ReportTextRuleTests {
    static func reports(_ d: Derivation, _ language: Language) -> [String] {
        let views = Fixture.views(d, language)
        return d.model.catalogue.entries.map { views.explanation($0, offerings: d.model.offerings) }
            + d.model.offerings.map { views.obligationsText($0) + "\n" + views.roleTableText($0) }
    }

    static func lines(_ d: Derivation, _ language: Language) -> [String] {
        reports(d, language).flatMap { $0.split(separator: "\n").map(String.init) }
    }

    /// Source statements the English text quotes in Japanese are marked 「…」; names are names.
    static func unquoted(_ s: String) -> String { s.replacing(/「[^」]*」/, with: "") }

    static func hasCJK(_ s: String) -> Bool {
        s.unicodeScalars.contains {
            (0x3000...0x30FF).contains($0.value) || (0x3400...0x4DBF).contains($0.value)
                || (0x4E00...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
        }
    }

    @Test func noPartyOrLayerIdInJapanese() {
        for d in [Fixture.p2, Fixture.agencyContractor] {
            let ids = Set(d.model.parties.map(\.id) + d.model.layers.map(\.id))
            for line in Self.lines(d, .ja) {
                let words = Set(line.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) }.map(String.init))
                #expect(words.isDisjoint(with: ids), "\(line)")
            }
        }
    }

    @Test func noJapaneseInEnglishOutsideQuotedSource() {
        for d in [Fixture.p2, Fixture.agencyContractor] {
            for line in Self.lines(d, .en) { #expect(!Self.hasCJK(Self.unquoted(line)), "\(line)") }
        }
    }

    @Test func englishSentencesAreSeparatedAndStartWithACapital() {
        for d in [Fixture.p2, Fixture.agencyContractor] {
            for line in Self.lines(d, .en) where !line.contains("://") {
                #expect(line.firstMatch(of: /[a-z]\.[A-Za-z]/) == nil, "\(line)")
                #expect(line.firstMatch(of: /\. [a-z]/) == nil, "a sentence starts with a capital: \(line)")
                #expect(!line.contains("is run by") && !line.contains("are run by"), "\(line)")
            }
        }
    }

    @Test func noNestedParentheses() {
        for d in [Fixture.p2, Fixture.agencyContractor] {
            for language in Language.defaults {
                for line in Self.lines(d, language) {
                    var depth = 0, deepest = 0
                    for c in line {
                        if c == "(" || c == "（" { depth += 1; deepest = max(deepest, depth) }
                        if c == ")" || c == "）" { depth -= 1 }
                    }
                    #expect(deepest <= 1 || line.contains("[sic]"), "\(line)")
                }
            }
        }
    }
}
