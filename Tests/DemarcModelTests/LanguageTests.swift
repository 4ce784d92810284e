import Testing
@testable import DemarcModel

/// A model declares its languages; the first is required in every text.
@Suite("Declared languages")
struct LanguageTests {
    typealias V = ValidModel

    /// The valid model with `languages:` after `as-of`.
    static func declaring(_ languages: String, in text: String = V.yaml) -> String {
        V.replacing("  as-of: 2017-03-31\n", with: "  as-of: 2017-03-31\n  languages: \(languages)\n", in: text)
    }

    @Test func theDefaultIsJapaneseThenEnglish() throws {
        let model = try #require(load(V.yaml).model)
        #expect(model.metadata.languages == [.ja, .en])
    }

    @Test func anEnglishFirstModelNeedsEnglishAndWarnsAboutJapanese() throws {
        let result = load(Self.declaring("[en, ja]", in: V.replacing("    name: {ja: OS, en: Operating system}", with: "    name: Operating system")))
        #expect(result.rules == ["text-missing-en"], "\(result.diagnostics.map(\.description))")
        let warning = try #require(result.diagnostics("text-missing-en").first)
        #expect(warning.message.contains("has no Japanese"))
        #expect(warning.suggestion == "write it as {en: …, ja: …}")
        let os = try #require(result.model?.layers.first { $0.id == "os" })
        #expect(os.name.string(.en) == "Operating system")
        #expect(os.name.string(.ja) == "Operating system", "falls back to the first language")
    }

    @Test func anEnglishOnlyModelRefusesATextWithoutEnglish() throws {
        // The valid model writes Japanese everywhere: every 'ja' is named as not the model's.
        let result = load(Self.declaring("[en]"))
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty && errors.allSatisfy { $0.rule == .unknownKey })
        #expect(errors.first?.message == "'ja' is not a language of this model (model.languages: en)")
        #expect(errors.first?.location.line == 4)
        let missing = load(Self.declaring("[en]", in: V.replacing("    name: {ja: OS, en: Operating system}", with: "    name: {en: \" \"}")))
        let d = try #require(missing.diagnostics("text-missing-ja").first)
        #expect(d.message.contains("has no English text ('en')"))
        #expect(d.suggestion == "English is required")
    }

    @Test func aLanguageDemarcHasNoWordingForIsRefused() throws {
        let result = load(Self.declaring("[fr]"))
        let d = try #require(result.diagnostics("value-not-in-set").first)
        #expect(d.location.line == 7)
        #expect(d.message.contains("ja, en"))
    }

    @Test func aLanguageListedTwiceIsRefused() throws {
        let result = load(Self.declaring("[ja, en, ja]"))
        #expect(result.diagnostics("duplicate-id").count == 1)
    }
}
