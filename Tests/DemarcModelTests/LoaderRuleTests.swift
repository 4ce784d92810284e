import Testing
@testable import DemarcModel

// Every rule of docs/model.md ("Rules"): the valid base model (TestSupport.swift)
// with one thing changed, and the diagnostic that follows, at its exact place.
// Positions are 1-based; columns count Unicode scalars, so a Japanese
// character is one column. Where one change unavoidably causes a second
// diagnostic (a party that cannot be read is missing wherever it is used),
// the test says so and asserts the whole set.
//
// For files that cannot be read (yaml-*, file-*) the tests assert the one
// diagnostic of that rule; the checks across files wait until every file reads.

private typealias V = ValidModel

// MARK: - The base model

@Suite("The valid base model")
struct BaseModelTests {
    @Test func hasNoDiagnostics() throws {
        let model = try #require(expectClean(load(V.yaml)))
        #expect(model.parties.map(\.id) == ["provider", "customer"])
        #expect(model.layers.map(\.id) == ["hardware", "hypervisor", "os"])
        #expect(model.offerings.map(\.id) == ["virtual-server"])
        #expect(model.topics.map(\.id) == ["isolation"])
        #expect(model.catalogue.entries.map(\.id) == ["4.1.4(1)(a)", "4.1.4(1)-1", "4.1.4(1)-1 a)"])
        #expect(model.mapping.map(\.entry) == ["4.1.4(1)(a)", "4.1.4(1)-1 a)"])
    }

    @Test func withAnOverrideHasNoDiagnostics() throws {
        let model = try #require(expectClean(load(V.yamlWithOverride)))
        #expect(model.overrides.map(\.does) == [["provider"]])
    }

    /// The positions in the rule tests are counted from these lines.
    @Test func linesAreWhereTheTestsCountThem() {
        let lines = V.yamlWithOverride.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 80)
        #expect(lines.last == "")
        #expect(lines[10 - 1] == "parties:")
        #expect(lines[16 - 1] == "  - id: customer")
        #expect(lines[29 - 1] == "  - id: virtual-server")
        #expect(lines[35 - 1] == "      os: customer")
        #expect(lines[45 - 1] == "      - id: soc2")
        #expect(lines[50 - 1] == "catalogue:")
        #expect(lines[59 - 1] == "    - id: \"4.1.4(1)-1\"")
        #expect(lines[63 - 1] == "    - id: \"4.1.4(1)-1 a)\"")
        #expect(lines[73 - 1] == "  - entry: \"4.1.4(1)-1 a)\"")
        #expect(lines[74 - 1] == "    scope: [hypervisor, os]")
        #expect(lines[78 - 1] == "    does: provider")
    }
}

// MARK: - YAML

@Suite("YAML rules")
struct YAMLRuleTests {
    @Test func badIndentationIsASyntaxError() {
        let result = load(V.replacing("    side: provider", with: "   side: provider"))
        let d = expectDiagnostic(result, "yaml-syntax", line: 13, column: 4)
        #expect(d?.message.contains("block collection at 11:3") == true)
        #expect(result.model == nil)
    }

    @Test func unclosedFlowListIsASyntaxErrorAtTheEndOfTheFile() {
        let result = load(V.replacing("    scope: [hypervisor, os]", with: "    scope: [hypervisor, os"))
        let d = expectDiagnostic(result, "yaml-syntax", line: 75, column: 1)
        #expect(d?.message.contains("flow sequence at 74:12") == true)
        #expect(result.model == nil)
    }

    /// In a flow mapping a plain scalar runs on over the line end, so libyaml
    /// gives up at the next ':' (of `parties:`), naming where the mapping began.
    @Test func unclosedFlowMappingIsASyntaxErrorWhereTheParserGivesUp() {
        let result = load(V.replacing("      title: {ja: 資料, en: Document}", with: "      title: {ja: 資料, en: Document"))
        let d = expectDiagnostic(result, "yaml-syntax", line: 10, column: 8)
        #expect(d?.message.contains("flow mapping at 9:14") == true)
    }

    @Test func tabIndentationIsNamedAtTheTab() {
        let result = load(V.replacing("    side: provider", with: "\tside: provider"))
        let d = expectDiagnostic(result, "yaml-tab", line: 13, column: 1)
        #expect(d?.message == "a tab in the indentation of line 13; YAML indents with ASCII spaces only")
        #expect(d?.suggestion == "replace the tab with spaces")
        #expect(result.diagnostics.count == 1)
    }

    @Test func duplicateKeyIsReportedAtTheSecondKey() {
        let result = load(V.replacing("  version: 1.0.0", with: "  id: other-id"))
        let d = expectDiagnostic(result, "yaml-duplicate-key", line: 5, column: 3)
        #expect(d?.message.contains("'id'") == true)
        #expect(d?.message.contains("first at 3:3") == true)
        #expect(d?.suggestion != nil)
        #expect(result.model == nil)
    }

    @Test func duplicateKeyInANestedMappingIsReportedAtTheSecondKey() {
        let result = load(V.replacing("    role: provider", with: "    side: customer"))
        let d = expectDiagnostic(result, "yaml-duplicate-key", line: 14, column: 5)
        #expect(d?.message.contains("'side'") == true)
        #expect(d?.message.contains("first at 13:5") == true)
    }

    @Test func duplicateKeyStopsReadingTheFile() {
        let result = load(V.replacing("    role: provider", with: "    side: customer\n    bogus: x"))
        #expect(result.diagnostics("unknown-key").isEmpty, "nothing after the duplicate key is decoded")
        #expect(result.model == nil)
    }

    /// Refused at the anchor, the first of the two (12:11), before anything is composed.
    @Test func aliasIsRefused() {
        let result = load(
            V.replacing([
                "    name: {ja: 事業者, en: Provider}": "    name: &n {ja: 事業者, en: Provider}",
                "    name: {ja: 府省庁, en: Agency}": "    name: *n",
            ]))
        let d = expectDiagnostic(result, "yaml-alias", line: 12, column: 11)
        #expect(d?.message.contains("'&n'") == true, "names the anchor")
        #expect(d?.suggestion != nil)
        #expect(result.model == nil)
    }

    @Test func undefinedAliasIsAnAliasError() {
        let result = load(V.replacing("    name: {ja: 府省庁, en: Agency}", with: "    name: *nowhere"))
        expectDiagnostic(result, "yaml-alias", line: 17, column: 11)
    }

    /// 9 levels of 9 references would expand to 9⁹ × 9 strings; the alias is
    /// refused before anything is expanded or decoded.
    @Test func billionLaughsIsRefusedWithoutExpanding() {
        let result = load(aliasBomb(levels: 9, references: 9))
        #expect(result.diagnostics("yaml-alias").count == 1, "\(result.diagnostics)")
        #expect(result.diagnostics("unknown-key").isEmpty, "the file is not decoded")
        #expect(result.model == nil)
    }

    @Test func sixtyFiveNestedListsAreTooDeep() {
        let result = load(String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "\n")
        expectDiagnostic(result, "yaml-too-deep", line: 1, column: 65)
        #expect(result.model == nil)
    }

    @Test func sixtyFourNestedListsAreNotTooDeep() {
        let result = load(String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n")
        #expect(result.diagnostics("yaml-too-deep").isEmpty)
        // Not a model, but deep enough is allowed: the file is read and found to be a list.
        expectDiagnostic(result, "wrong-type", line: 1, column: 1)
    }

    @Test func deepNestingInsideAModelIsTooDeep() {
        // The mapping value at 74:12 is at depth 4 (root, mapping list, item, scope);
        // 61 more lists inside it reach depth 65.
        let inner = String(repeating: "[", count: 61) + String(repeating: "]", count: 61)
        let result = load(V.replacing("    scope: [hypervisor, os]", with: "    scope: [hypervisor, \(inner)]"))
        expectDiagnostic(result, "yaml-too-deep", line: 74, column: 25 + 60)
    }
}

/// `l0: &l0 [lol × n]`, then each level an anchored list of `n` aliases of the last.
func aliasBomb(levels: Int, references: Int) -> String {
    var text = "l0: &l0 [" + repeatElement("lol", count: references).joined(separator: ", ") + "]\n"
    for level in 1...levels {
        text += "l\(level): &l\(level) [" + repeatElement("*l\(level - 1)", count: references).joined(separator: ", ") + "]\n"
    }
    return text
}

// MARK: - Files

@Suite("File rules")
struct FileRuleTests {
    @Test func invalidUTF8IsReportedAtTheBadByteCountingCharacters() {
        let bytes = Array("demarc: 1\nmodel:\n  name: 試験".utf8) + [0xFF] + Array("\n".utf8)
        let result = load(bytes: bytes)
        // Line 3: two spaces, "name:", a space, 試 (col 9), 験 (col 10), then the byte.
        let d = expectDiagnostic(result, "file-not-utf8", line: 3, column: 11)
        #expect(d?.suggestion != nil)
        #expect(result.model == nil)
    }

    @Test func truncatedUTF8SequenceIsNotUTF8() {
        // 試 is E8 A9 A6; its first two bytes alone, then ASCII.
        let bytes = Array("a: ".utf8) + [0xE8, 0xA9] + Array("x\n".utf8)
        expectDiagnostic(load(bytes: bytes), "file-not-utf8", line: 1, column: 4)
    }

    @Test func nulByteMakesTheFileBinary() {
        let bytes = Array("demarc: 1\nmodel:\n  id: 試".utf8) + [0x00] + Array("験\n".utf8)
        let result = load(bytes: bytes)
        expectDiagnostic(result, "file-binary", line: 3, column: 8)
        #expect(result.model == nil)
    }

    @Test func byteOrderMarkIsAccepted() {
        expectClean(load(bytes: [0xEF, 0xBB, 0xBF] + Array(V.yaml.utf8)))
    }

    @Test func byteOrderMarkDoesNotShiftColumns() {
        let result = load(bytes: [0xEF, 0xBB, 0xBF] + Array(V.replacing("demarc: 1", with: "demarc: 2").utf8))
        expectOnly(result, "format-version", line: 1, column: 9)
    }

    @Test func fileOver16MiBIsRefusedUnread() {
        let big = [UInt8]("#".utf8) + [UInt8](repeating: 0x20, count: ModelLimits.fileBytes)
        #expect(big.count == 16 * 1024 * 1024 + 1)
        let result = load(bytes: big)
        expectDiagnostic(result, "file-too-large", line: 1, column: 1)
        #expect(result.model == nil)
    }

    @Test func fileOfExactly16MiBIsRead() {
        let comment = [UInt8]("#".utf8) + [UInt8](repeating: 0x20, count: ModelLimits.fileBytes - 1)
        let result = load(bytes: comment)
        // Read, and found to hold only a comment.
        #expect(result.rules == ["model-empty"])
    }

    @Test func modelOver64MiBIsRefusedAtTheFileThatCrossesTheLimit() {
        let sixteen = [UInt8]("#".utf8) + [UInt8](repeating: 0x20, count: ModelLimits.fileBytes - 1)
        let files: [String: [UInt8]] = [
            "m/a.yaml": sixteen, "m/b.yaml": sixteen, "m/c.yaml": sixteen,
            "m/model.yaml": Array(V.yaml.utf8),
            "m/z.yaml": sixteen,  // 48 MiB + the model + 16 MiB > 64 MiB
        ]
        #expect(files.values.map(\.count).reduce(0, +) > ModelLimits.totalBytes)
        let result = ModelLoader(fileSystem: MemoryFileSystem(files: files)).load("m")
        #expect(result.rules == ["model-too-large"])
        expectDiagnostic(result, "model-too-large", line: 1, column: 1, file: "m/z.yaml")
        #expect(result.model == nil)
    }

    @Test func folderWithoutModelFilesIsEmpty() {
        let result = load("m", files: ["m/notes.txt": "not yaml", "m/.draft.yaml": V.yaml])
        let d = expectOnly(result, "model-empty", line: 1, column: 1, file: "m")
        #expect(d?.message.contains("no .yaml or .yml file") == true)
    }

    @Test func fileWithOnlyCommentsIsEmpty() {
        let result = load("# a model\n# to be written\n")
        expectOnly(result, "model-empty", line: 1, column: 1)
    }

    @Test func missingPathIsUnreadable() {
        let result = load("elsewhere", files: ["m/model.yaml": V.yaml])
        expectOnly(result, "file-unreadable", line: 1, column: 1, file: "elsewhere")
    }
}

// MARK: - Keys, types, values

@Suite("Schema rules")
struct SchemaRuleTests {
    /// One error, where the mistake is: the misspelt colour is not read, and
    /// the party takes a default colour instead of vanishing (no cascade).
    @Test func unknownKeySuggestsTheKnownKey() {
        let result = load(V.replacing("    colour: \"#8a4500\"", with: "    coulour: \"#8a4500\""))
        let d = expectDiagnostic(result, "unknown-key", line: 20, column: 5)
        #expect(d?.message.contains("'coulour'") == true)
        #expect(d?.suggestion == "did you mean 'colour'?")
        #expect(result.rules == ["unknown-key"])
    }

    /// A party that gives no colour gets the default palette's next colour,
    /// skipping those other parties chose; every palette colour reaches 4.5:1.
    @Test func aPartyWithoutAColourTakesTheDefaultPalette() throws {
        let result = load(V.replacing("    colour: \"#8a4500\"\n", with: ""))
        #expect(result.rules == [])
        let customer = try #require(result.model?.party("customer"))
        #expect(customer.colour == Colour.palette[1], "the first palette colour is the provider's own")
        for colour in Colour.palette { #expect(colour.contrast(with: .white) >= 4.5, "\(colour)") }
        #expect(Set(Colour.palette).count == Colour.palette.count)
    }

    /// One error per missing required field of a party, at the party, and nothing else.
    @Test(arguments: ["name", "side", "role"])
    func aMissingPartyFieldIsOneError(_ field: String) throws {
        let lines = ["name": "    name: {ja: 府省庁, en: Agency}\n", "side": "    side: customer\n", "role": "    role: agency\n"]
        let result = load(V.replacing(lines[field]!, with: ""))
        #expect(result.rules == ["missing-field"], "\(result.diagnostics.map(\.description))")
        expectDiagnostic(result, "missing-field", line: 16, column: 5)
    }

    /// One error per missing required field of a layer, an offering and a topic.
    @Test(arguments: [
        ("    name: {ja: OS, en: Operating system}\n", 26), ("    name: {ja: 仮想サーバ, en: Virtual server}\n", 29),
        ("    title: {ja: 資源の分離, en: Resource isolation}\n", 37),
        ("    statement: {ja: 資源を利用者ごとに分けている, en: Resources are kept apart per customer}\n", 37),
    ])
    func aMissingItemFieldIsOneError(_ line: String, _ at: Int) throws {
        let result = load(V.replacing(line, with: ""))
        #expect(result.rules == ["missing-field"], "\(result.diagnostics.map(\.description))")
        expectDiagnostic(result, "missing-field", line: at, column: 5)
    }

    @Test func unknownOptionalKeyIsTheOnlyDiagnostic() {
        let result = load(
            V.replacing(
                "    name: {ja: OS, en: Operating system}",
                with: "    name: {ja: OS, en: Operating system}\n    descripton: {ja: 基本ソフト, en: Operating system}"))
        let d = expectOnly(result, "unknown-key", line: 28, column: 5)
        #expect(d?.suggestion == "did you mean 'description'?")
    }

    @Test func unknownTopLevelKeyListsTheKnownKeys() {
        let result = load(V.yaml + "extras: 1\n")
        let d = expectOnly(result, "unknown-key", line: 75, column: 1)
        #expect(d?.suggestion?.contains("parties") == true)
    }

    /// `仮想サーバ` is five characters (15 bytes in UTF-8): `bogus` is at column 36, not 46.
    @Test func columnsAfterJapaneseCountCharacters() {
        let result = load(
            V.replacing(
                "    name: {ja: 仮想サーバ, en: Virtual server}",
                with: "    name: {ja: 仮想サーバ, en: Virtual, bogus: x}"))
        expectOnly(result, "unknown-key", line: 30, column: 36)
    }

    @Test func listWhereAValueIsExpectedIsWrongType() {
        let result = load(V.replacing("demarc: 1", with: "demarc: [1]"))
        expectOnly(result, "wrong-type", line: 1, column: 9)
    }

    @Test func listWhereTextIsExpectedIsWrongType() {
        let result = load(V.replacing("        title: {ja: SOC2報告書, en: SOC 2 report}", with: "        title: [SOC2報告書]"))
        expectOnly(result, "wrong-type", line: 47, column: 16)
    }

    @Test func fileThatIsNotAMappingIsWrongType() {
        let result = load("- parties\n- layers\n")
        expectDiagnostic(result, "wrong-type", line: 1, column: 1)
    }

    @Test func missingRequiredFieldIsReportedAtItsMapping() {
        let result = load(V.replacing("  version: 1.0.0", with: "  # no version"))
        let d = expectOnly(result, "missing-field", line: 3, column: 3)
        #expect(d?.message.contains("'version'") == true)
    }

    @Test func missingFieldOfAnEntryIsReportedAtTheEntry() {
        // The entry stays without its text, so its example's parent is known: one error.
        let result = load(V.replacing("      text: {ja: 対策, en: Measure}", with: "      # no text"))
        expectDiagnostic(result, "missing-field", line: 59, column: 7)
        #expect(result.rules == ["missing-field"])
    }

    /// One error: the party stays, so what names it is not reported too.
    @Test func sideOutsideItsSetIsInvalid() {
        let result = load(V.replacing("    side: customer", with: "    side: vendor"))
        let d = expectDiagnostic(result, "value-not-in-set", line: 18, column: 11)
        #expect(d?.message.contains("provider, customer") == true)
        #expect(result.rules == ["value-not-in-set"])
    }

    @Test func roleMisspeltIsInvalidWithASuggestion() {
        let result = load(V.replacing("    role: agency", with: "    role: agncy"))
        let d = expectDiagnostic(result, "value-not-in-set", line: 19, column: 11)
        #expect(d?.suggestion == "did you mean 'agency'?")
    }

    @Test func impossibleDateIsInvalid() {
        let result = load(V.replacing("        valid-until: 2017-12-31", with: "        valid-until: 2017-02-30"))
        let d = expectOnly(result, "invalid-date", line: 49, column: 22)
        #expect(d?.message.contains("2017-02-30") == true)
    }

    @Test func dateNotWrittenYYYYMMDDIsInvalid() {
        let result = load(V.replacing("        valid-until: 2017-12-31", with: "        valid-until: 2017-3-31"))
        expectOnly(result, "invalid-date", line: 49, column: 22)
    }

    @Test func validityEndingBeforeItStartsIsInvalid() {
        let result = load(V.replacing("        valid-until: 2017-12-31", with: "        valid-until: 2016-03-31"))
        // Also expired at as-of, a warning.
        expectDiagnostic(result, "validity-reversed", line: 49, column: 22)
        #expect(result.rules == ["evidence-expired", "validity-reversed"])
    }

    /// One error, at the colour.
    @Test func colourNotRRGGBBIsInvalid() {
        let result = load(V.replacing("    colour: \"#8a4500\"", with: "    colour: \"#8a450\""))
        expectDiagnostic(result, "invalid-colour", line: 20, column: 13)
        #expect(result.rules == ["invalid-colour"])
    }

    @Test func colourNameIsInvalid() {
        let result = load(V.replacing("    colour: \"#8a4500\"", with: "    colour: brown"))
        expectDiagnostic(result, "invalid-colour", line: 20, column: 13)
    }

    @Test func formatVersionOtherThanOneIsInvalid() {
        expectOnly(load(V.replacing("demarc: 1", with: "demarc: 2")), "format-version", line: 1, column: 9)
    }

    @Test func answerWithCoverageNoneIsInvalid() {
        let result = load(V.replacing("        coverage: full", with: "        coverage: none"))
        let d = expectOnly(result, "value-not-in-set", line: 72, column: 19)
        #expect(d?.suggestion?.contains("gap") == true)
    }

    @Test func pageZeroIsInvalid() {
        let result = load(V.replacing("    source: {document: doc, page: 13}", with: "    source: {document: doc, page: 0}"))
        expectOnly(result, "invalid-number", line: 31, column: 35)
    }
}

// MARK: - References

@Suite("Unknown references")
struct ReferenceRuleTests {
    @Test func unknownPartyInOwners() {
        let result = load(V.replacing("      hardware: provider", with: "      hardware: provder"))
        let d = expectOnly(result, "unknown-reference", line: 33, column: 17)
        #expect(d?.message.contains("party 'provder'") == true)
        #expect(d?.suggestion == "did you mean 'provider'?")
    }

    /// The misspelt key names no layer, so the real layer has no owner either.
    @Test func unknownLayerKeyInOwnersSuggestsTheLayer() {
        let result = load(V.replacing("      hypervisor: provider", with: "      hypervsor: provider"))
        let d = expectDiagnostic(result, "unknown-reference", line: 34, column: 7)
        #expect(d?.message.contains("layer 'hypervsor'") == true)
        #expect(d?.suggestion == "did you mean 'hypervisor'?")
        expectDiagnostic(result, "offering-layer-unassigned", line: 29, column: 5)
        #expect(result.rules == ["offering-layer-unassigned", "unknown-reference"])
    }

    @Test func unknownLayerInScopeSuggestsTheLayer() {
        let result = load(V.replacing("    scope: [hypervisor, os]", with: "    scope: [hypervsor, os]"))
        let d = expectOnly(result, "unknown-reference", line: 74, column: 13)
        #expect(d?.suggestion == "did you mean 'hypervisor'?")
    }

    @Test func unknownOfferingInTopicStatements() {
        let result = load(
            V.replacing(
                "      virtual-server: {ja: 仮想化で分けている, en: Kept apart by virtualisation}",
                with: "      virtual-sever: {ja: 仮想化で分けている, en: Kept apart by virtualisation}"))
        let d = expectOnly(result, "unknown-reference", line: 43, column: 7)
        #expect(d?.message.contains("offering 'virtual-sever'") == true)
        #expect(d?.suggestion == "did you mean 'virtual-server'?")
    }

    @Test func unknownTopicInMappingAnswers() {
        let result = load(V.replacing("      - topic: isolation", with: "      - topic: isolaton"))
        let d = expectOnly(result, "unknown-reference", line: 71, column: 16)
        #expect(d?.message.contains("topic 'isolaton'") == true)
        #expect(d?.suggestion == "did you mean 'isolation'?")
    }

    @Test func unknownEntryInMapping() {
        let result = load(
            V.replacing(
                "    scope: [hypervisor, os]",
                with: "    scope: [hypervisor, os]\n  - entry: \"4.1.4(1)-1 z)\"\n    scope: [os]"))
        let d = expectOnly(result, "unknown-reference", line: 75, column: 12)
        #expect(d?.message.contains("catalogue entry '4.1.4(1)-1 z)'") == true)
        #expect(d?.suggestion == "did you mean '4.1.4(1)-1 a)'?")
    }

    @Test func unknownParentEntry() {
        let result = load(V.replacing("      parent: \"4.1.4(1)(a)\"", with: "      parent: \"4.1.4(1)(z)\""))
        let d = expectOnly(result, "unknown-reference", line: 61, column: 15)
        #expect(d?.suggestion == "did you mean '4.1.4(1)(a)'?")
    }

    @Test func unknownSourceDocumentInASourceRef() {
        let result = load(V.replacing("    source: {document: doc, page: 13}", with: "    source: {document: dox, page: 13}"))
        let d = expectOnly(result, "unknown-reference", line: 31, column: 24)
        #expect(d?.message.contains("source document 'dox'") == true)
        #expect(d?.suggestion == "did you mean 'doc'?")
    }

    @Test func unknownPartyInOverride() {
        let result = load(V.replacing("    does: provider", with: "    does: provder", in: V.yamlWithOverride))
        let d = expectOnly(result, "unknown-reference", line: 78, column: 11)
        #expect(d?.suggestion == "did you mean 'provider'?")
    }

    @Test func unknownOfferingInOverride() {
        let result = load(V.replacing("    offering: virtual-server", with: "    offering: bare-metal", in: V.yamlWithOverride))
        expectOnly(result, "unknown-reference", line: 77, column: 15)
    }

    @Test func unknownPartyInTopicResponsible() {
        let result = load(V.replacing("    responsible: provider", with: "    responsible: [provider, auditor]"))
        let d = expectOnly(result, "unknown-reference", line: 40, column: 29)
        #expect(d?.suggestion == "known: provider, customer")
    }
}

// MARK: - Ids and slugs

@Suite("Ids, duplicates and slugs")
struct IdentityRuleTests {
    @Test func sameIDTwiceInOneFile() {
        let result = load(
            V.replacing(
                "      os: customer",
                with: """
                          os: customer
                      - id: virtual-server
                        name: {ja: 二つ目, en: Second}
                        owners: {hardware: provider, hypervisor: provider, os: customer}
                    """))
        let d = expectOnly(result, "duplicate-id", line: 36, column: 5)
        #expect(d?.message.contains("offering 'virtual-server' is defined twice") == true)
        #expect(d?.message.contains("m/model.yaml:29:5") == true)
    }

    @Test func evidenceIDTwice() {
        let result = load(
            V.replacing(
                "        valid-until: 2017-12-31",
                with: """
                            valid-until: 2017-12-31
                          - id: soc2
                            kind: certification
                            title: {ja: 認証, en: Certification}
                    """))
        expectOnly(result, "duplicate-id", line: 50, column: 9)
    }

    /// The second entry is a requirement of its own as far as the mapping goes,
    /// so it also lacks a scope.
    @Test func entryIDsDifferingOnlyInCaseAreDuplicates() {
        let result = load(addingEntry(id: "4.1.4(1)(A)"))
        let d = expectDiagnostic(result, "duplicate-id", line: 67, column: 7)
        #expect(d?.message.contains("'4.1.4(1)(a)' differs only in case or Unicode normalisation") == true)
        #expect(d?.message.contains("m/model.yaml:56:7") == true)
        #expect(result.rules == ["duplicate-id", "mapping-no-scope"])
    }

    @Test func entryIDsDifferingOnlyInNormalisationAreDuplicates() {
        let result = load(addingEntry(id: "４.１.４（１）（ａ）"))
        let d = expectDiagnostic(result, "duplicate-id", line: 67, column: 7)
        #expect(d?.message.contains("differs only in case or Unicode normalisation") == true)
        #expect(result.rules == ["duplicate-id", "mapping-no-scope"])
    }

    @Test func duplicateAcrossFilesNamesBothPlaces() {
        let extra = """
            parties:
              - id: customer
                name: {ja: 利用者, en: Customer}
                side: customer
                role: user
                colour: "#8a4500"

            """
        let result = load("m", files: ["m/model.yaml": V.yaml, "m/z-extra.yaml": extra])
        let d = expectOnly(result, "duplicate-id", line: 2, column: 5, file: "m/z-extra.yaml")
        #expect(d?.message.contains("the first is at m/model.yaml:16:5") == true)
    }

    struct BadID: Sendable, CustomTestStringConvertible {
        var id: String
        var suggestion: String?
        var testDescription: String { "'\(id.prefix(20))'" }
    }

    @Test(arguments: [
        BadID(id: "SOC2", suggestion: "try 'soc2'"),
        BadID(id: "-soc2", suggestion: "try 'soc2'"),
        BadID(id: "soc2監査", suggestion: "try 'soc2-u76e3-u67fb'"),
        BadID(id: "soc2_report", suggestion: "try 'soc2-report'"),
        BadID(
            id: String(repeating: "a", count: 65),
            suggestion: "try '\(String(repeating: "a", count: 55))-\(Identifiers.fnv1a(String(repeating: "a", count: 65)))'"),
        BadID(id: "con", suggestion: "try 'con-entry'"),
        BadID(id: "com1", suggestion: "try 'com1-entry'"),
        BadID(id: "lpt9", suggestion: "try 'lpt9-entry'"),
    ])
    func invalidIDIsReportedWithASuggestion(_ bad: BadID) {
        let result = load(V.replacing("      - id: soc2", with: "      - id: \(bad.id)"))
        let d = expectOnly(result, "id-invalid", line: 45, column: 13)
        #expect(d?.suggestion == bad.suggestion)
        if let suggestion = d?.suggestion {
            let suggested = String(suggestion.dropFirst("try '".count).dropLast())
            #expect(Identifiers.problem(with: suggested) == nil, "the suggestion is a valid id")
        }
    }

    @Test func idOf64CharactersIsValid() {
        let id = String(repeating: "a", count: 64)
        expectClean(load(V.replacing("      - id: soc2", with: "      - id: \(id)")))
    }

    @Test func windowsReservedNameInsideALongerIDIsValid() {
        expectClean(load(V.replacing("      - id: soc2", with: "      - id: con-1")))
    }

    /// `4.1.4(1) a)` and `4.1.4-1-a` are different ids with the slug `4-1-4-1-a`.
    @Test func differentIDsWithTheSameSlugCollide() {
        var text = V.yaml.replacingOccurrences(of: "4.1.4(1)(a)", with: "4.1.4(1) a)")
        text = V.replacing(
            "      text: {ja: 例, en: Example}",
            with: """
                      text: {ja: 例, en: Example}
                    - id: "4.1.4-1-a"
                      kind: requirement
                      text: {ja: 別の要件, en: Another requirement}
                """, in: text)
        text += "  - entry: \"4.1.4-1-a\"\n    scope: organisational\n"
        let result = load(text)
        let d = expectOnly(result, "slug-collision", line: 67, column: 7)
        #expect(d?.message.contains("'4.1.4(1) a)' (m/model.yaml:56:7)") == true)
        #expect(d?.message.contains("'4.1.4-1-a'") == true)
        #expect(d?.message.contains("'4-1-4-1-a'") == true)
    }

    /// The base model with one more requirement (lines 67–69) after the example.
    private func addingEntry(id: String) -> String {
        V.replacing(
            "      text: {ja: 例, en: Example}",
            with: """
                      text: {ja: 例, en: Example}
                    - id: "\(id)"
                      kind: requirement
                      text: {ja: 重複, en: Duplicate}
                """)
    }
}

@Suite("Slugs")
struct SlugTests {
    @Test(arguments: [
        ("4.1.4(1)-2 a)", "4-1-4-1-2-a"),
        ("4.1.4(1)(a)", "4-1-4-1-a"),
        ("４.１.４（１）（ａ）", "4-1-4-1-a"),
        ("4.1.4(1) a)", "4-1-4-1-a"),
        ("第1条", "u7b2c-1-u6761"),
        ("CON", "con-entry"),
        ("com1", "com1-entry"),
        ("", "entry"),
        ("()-. )", "entry"),
        ("Ab--Cd", "ab-cd"),
    ])
    func slugFollowsTheRule(_ id: String, _ slug: String) {
        #expect(Identifiers.slug(id) == slug)
    }

    @Test func longSlugIsCutAndHashed() {
        let id = String(String(repeating: "4.1.4(1)-2 a) ", count: 15).prefix(200))
        #expect(id.count == 200)
        let slug = Identifiers.slug(id)
        #expect(slug.count <= 64)
        let hash = slug.suffix(9)
        #expect(hash.first == "-")
        #expect(hash.dropFirst().allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(hash.dropFirst() == Identifiers.fnv1a(id)[...])
        #expect(!slug.dropLast(9).hasSuffix("-"), "no double hyphen before the hash")
    }

    @Test func longSlugsOfDifferentIDsDiffer() {
        let a = String(repeating: "x", count: 200), b = String(repeating: "x", count: 199) + "y"
        #expect(Identifiers.slug(a) != Identifiers.slug(b))
        #expect(Identifiers.slug(a).count == 64)
    }

    @Test func defaultModelSlugsAreUnique() throws {
        let model = try #require(loadEmbedded("Models/iij-gio-p2").model)
        let slugs = model.catalogue.entries.map(\.slug)
        #expect(Set(slugs).count == slugs.count)
        #expect(slugs.allSatisfy { Identifiers.problem(with: $0) == nil }, "\(slugs)")
        #expect(model.catalogue.entry("4.1.4(1)-2 a)")?.slug == "4-1-4-1-2-a")
    }
}

// MARK: - Structure

@Suite("Structure rules")
struct StructureRuleTests {
    @Test func layerMissingFromOwnersIsUnassigned() {
        let result = load(V.replacing("      os: customer", with: "      # os is not assigned"))
        let d = expectOnly(result, "offering-layer-unassigned", line: 29, column: 5)
        #expect(d?.message.contains("'os'") == true)
    }

    @Test func emptyOwnerIsUnassigned() {
        let result = load(V.replacing("      os: customer", with: "      os:"))
        expectOnly(result, "offering-layer-unassigned", line: 35, column: 10)
    }

    @Test func notApplicableWithoutReason() {
        let result = load(V.replacing("      os: customer", with: "      os: {not-applicable: ~}"))
        expectOnly(result, "not-applicable-reason", line: 35, column: 11)
    }

    @Test func notApplicableWithAReasonIsValid() {
        expectClean(load(V.replacing("      os: customer", with: "      os: {not-applicable: {ja: OSはない, en: There is no OS}}")))
    }

    @Test func sharedOwnerOfOnePartyIsTooFew() {
        let result = load(V.replacing("      os: customer", with: "      os: [customer]"))
        let d = expectOnly(result, "shared-too-few", line: 35, column: 11)
        #expect(d?.suggestion == "write 'customer' alone")
    }

    @Test func sharedOwnerNamingOnePartyTwiceIsTooFew() {
        let result = load(V.replacing("      os: customer", with: "      os: [provider, provider]"))
        expectOnly(result, "shared-too-few", line: 35, column: 11)
    }

    @Test func sharedOwnerOfTwoPartiesIsValid() throws {
        let model = try #require(expectClean(load(V.replacing("      os: customer", with: "      os: [provider, customer]"))))
        #expect(model.offerings[0].owners["os"] == .shared(["provider", "customer"]))
    }

    @Test func oneParty() {
        let customer = """
              - id: customer
                name: {ja: 府省庁, en: Agency}
                side: customer
                role: agency
                colour: "#8a4500"
            """
        let result = load(V.replacing([customer: V.comments(5), "      os: customer": "      os: provider"]))
        let d = expectOnly(result, "too-few-parties", line: 11, column: 5)
        #expect(d?.message.contains("found 1") == true)
    }

    @Test func accountableRoleWithoutAParty() {
        let result = load(V.replacing("  accountable-role: agency", with: "  accountable-role: contractor"))
        let d = expectOnly(result, "accountable-missing", line: 51, column: 3)
        #expect(d?.message.contains("'contractor'") == true)
    }

    @Test func customerSideUserStandsForTheAgency() {
        expectClean(load(V.replacing("    role: agency", with: "    role: user")))
    }

    @Test func providerSideUserDoesNotStandForTheAgency() {
        let result = load(V.replacing(["    role: agency": "    role: user", "    side: customer": "    side: provider"]))
        expectOnly(result, "accountable-missing", line: 51, column: 3)
    }

    /// `-1` under its own item `-1 a)`: a cycle, and a basic measure under an example.
    @Test func parentsFormingACycle() {
        let result = load(V.replacing("      parent: \"4.1.4(1)(a)\"", with: "      parent: \"4.1.4(1)-1 a)\""))
        let d = expectDiagnostic(result, "parent-cycle", line: 59, column: 7)
        #expect(d?.message.contains("4.1.4(1)-1 → 4.1.4(1)-1 a) → 4.1.4(1)-1") == true)
        expectDiagnostic(result, "parent-kind", line: 59, column: 7)
        #expect(result.rules == ["parent-cycle", "parent-kind"])
    }

    @Test func entryThatIsItsOwnParent() {
        let result = load(V.replacing("      parent: \"4.1.4(1)-1\"", with: "      parent: \"4.1.4(1)-1 a)\""))
        expectDiagnostic(result, "parent-cycle", line: 63, column: 7)
    }

    @Test func basicMeasureWithoutParent() {
        let result = load(V.replacing("      parent: \"4.1.4(1)(a)\"", with: "      # no parent"))
        let d = expectOnly(result, "parent-kind", line: 59, column: 7)
        #expect(d?.message.contains("needs a parent") == true)
    }

    /// The basic measure loses its only item, so it no longer rolls up and needs a scope.
    @Test func exampleUnderARequirement() {
        let result = load(V.replacing("      parent: \"4.1.4(1)-1\"", with: "      parent: \"4.1.4(1)(a)\""))
        let d = expectDiagnostic(result, "parent-kind", line: 63, column: 7)
        #expect(d?.message.contains("belongs under a basic-measure") == true)
        expectDiagnostic(result, "mapping-no-scope", line: 59, column: 7)
        #expect(result.rules == ["mapping-no-scope", "parent-kind"])
    }

    /// Any parent inside this small tree also closes a cycle through the requirement.
    @Test func requirementWithAParent() {
        let result = load(V.replacing("      kind: requirement", with: "      kind: requirement\n      parent: \"4.1.4(1)-1\""))
        let d = expectDiagnostic(result, "parent-kind", line: 56, column: 7)
        #expect(d?.message.contains("requirements are the top level") == true)
        #expect(result.rules == ["parent-cycle", "parent-kind"])
    }

    @Test func entryNotInTheMapping() {
        let result = load(V.replacing("  - entry: \"4.1.4(1)-1 a)\"\n    scope: [hypervisor, os]", with: V.comments(2)))
        let d = expectOnly(result, "mapping-no-scope", line: 63, column: 7)
        #expect(d?.message.contains("'4.1.4(1)-1 a)'") == true)
    }

    @Test func mappedEntryWithoutScope() {
        let result = load(V.replacing("    scope: [hypervisor, os]", with: "    # no scope"))
        expectOnly(result, "mapping-no-scope", line: 73, column: 5)
    }

    @Test func basicMeasureWithItemsNeedsNoScope() {
        // Unmapped in the base model; mapped with answers and no scope here.
        expectClean(load(V.yaml + "  - entry: \"4.1.4(1)-1\"\n    answers: [{topic: isolation, coverage: partial}]\n"))
    }

    @Test func noCatalogue() {
        let result = load(V.replacing(V.catalogue, with: V.comments(17)))
        expectOnly(result, "catalogue-missing", line: 3, column: 3)
    }

    /// Reported once, at the path that is not there.
    @Test func catalogueFolderNotThere() {
        let result = load(V.replacing([V.catalogue: V.comments(17), "  version: 1.0.0": "  version: 1.0.0\n  catalogue: ../cat"]))
        #expect(Set(result.rules) == ["catalogue-missing"])
        let notThere = result.diagnostics.filter { $0.message.contains("'../cat' is not there") }
        #expect(notThere.count == 1)
        #expect(notThere.first?.location == DemarcModel.SourceLocation(file: modelPath, line: 6, column: 14))
        #expect(result.diagnostics.count == 1)
        #expect(notThere.first?.message.contains("looked for cat") == true)
    }

    @Test func modelSectionInTwoFiles() {
        let other = "model:\n  id: other\n  name: {ja: 別, en: Other}\n  version: 2.0.0\n  as-of: 2018-03-31\n"
        let result = load("m", files: ["m/model.yaml": V.yaml, "m/other.yaml": other])
        let d = expectOnly(result, "duplicate-section", line: 2, column: 3, file: "m/other.yaml")
        #expect(d?.message.contains("m/model.yaml:3:3") == true)
    }

    @Test func catalogueInTwoFiles() {
        let other = "catalogue:\n  id: other\n  standard: {ja: 別, en: Other}\n  edition: {ja: 別, en: Other}\n  accountable-role: agency\n  entries: []\n"
        let result = load("m", files: ["m/model.yaml": V.yaml, "m/other.yaml": other])
        expectOnly(result, "duplicate-section", line: 2, column: 3, file: "m/other.yaml")
    }

    /// The offering in model.yaml gives the layer from the second file no owner.
    @Test func layersSplitOverTwoFiles() {
        let more = "layers:\n  - id: network\n    name: {ja: ネットワーク, en: Network}\n"
        let result = load("m", files: ["m/model.yaml": V.yaml, "m/more-layers.yaml": more])
        let d = expectDiagnostic(result, "duplicate-section", line: 1, column: 1, file: "m/more-layers.yaml")
        #expect(d?.message.contains("m/model.yaml:21:1") == true)
        expectDiagnostic(result, "offering-layer-unassigned", line: 29, column: 5)
        #expect(result.rules == ["duplicate-section", "offering-layer-unassigned"])
    }

    @Test func textWithoutJapanese() {
        let result = load(V.replacing("    name: {ja: 仮想サーバ, en: Virtual server}", with: "    name: {en: only}"))
        expectOnly(result, "text-missing-ja", line: 30, column: 11)
    }

    @Test func blankPlainText() {
        let result = load(V.replacing("        title: {ja: SOC2報告書, en: SOC 2 report}", with: "        title: \" \""))
        expectOnly(result, "text-missing-ja", line: 47, column: 16)
    }

    @Test func plainStringHasNoEnglish() throws {
        let result = load(V.replacing("    name: {ja: 仮想サーバ, en: Virtual server}", with: "    name: 仮想サーバ"))
        let d = expectOnly(result, "text-missing-en", line: 30, column: 11, severity: .warning)
        #expect(d?.suggestion != nil)
        #expect(result.model?.offerings.first?.name == Text(ja: "仮想サーバ"))
    }

    @Test func mappingWithoutEnglish() {
        let result = load(V.replacing("    name: {ja: 仮想サーバ, en: Virtual server}", with: "    name: {ja: 仮想サーバ}"))
        expectOnly(result, "text-missing-en", line: 30, column: 11, severity: .warning)
    }

    @Test func overrideWithoutReason() {
        let result = load(V.replacing("    reason: {ja: 手で決めた, en: Decided by hand}", with: "    # no reason", in: V.yamlWithOverride))
        expectOnly(result, "override-no-reason", line: 76, column: 5)
    }

    @Test func overrideNamingAPartyTwice() {
        let result = load(V.replacing("    does: provider", with: "    does: [provider, provider]", in: V.yamlWithOverride))
        expectOnly(result, "override-party-twice", line: 76, column: 5)
    }
}

// MARK: - Warnings

@Suite("Warnings")
struct WarningRuleTests {
    @Test func evidenceExpiredBeforeAsOf() {
        let result = load(V.replacing("        valid-until: 2017-12-31", with: "        valid-until: 2017-03-30"))
        let d = expectOnly(result, "evidence-expired", line: 45, column: 9, severity: .warning)
        #expect(d?.message.contains("2017-03-30") == true)
        #expect(d?.message.contains("2017-03-31") == true)
    }

    @Test func evidenceValidUntilAsOfIsNotExpired() {
        expectClean(load(V.replacing("        valid-until: 2017-12-31", with: "        valid-until: 2017-03-31")))
    }

    @Test func evidenceNotYetValidAtAsOf() {
        let result = load(V.replacing("        valid-from: 2016-04-01", with: "        valid-from: 2017-04-01"))
        expectOnly(result, "evidence-not-yet-valid", line: 45, column: 9, severity: .warning)
    }

    @Test func evidenceValidFromAsOfIsValid() {
        expectClean(load(V.replacing("        valid-from: 2016-04-01", with: "        valid-from: 2017-03-31")))
    }

    @Test func lightPartyColour() throws {
        let result = load(V.replacing("    colour: \"#1f4e79\"", with: "    colour: \"#ffcc00\""))
        let d = expectOnly(result, "party-contrast", line: 11, column: 5, severity: .warning)
        #expect(d?.message.contains("#ffcc00") == true)
        let suggestion = try #require(d?.suggestion)
        #expect(suggestion.hasPrefix("try #"))
        let better = try #require(Colour(hex: String(suggestion.dropFirst("try ".count).prefix(7))))
        #expect(better.contrast(with: .white) >= 4.5)
    }

    /// #767676 is the lightest grey with 4.5:1 against white; #777777 falls short.
    @Test func contrastThresholdIsFourAndAHalf() {
        expectClean(load(V.replacing("    colour: \"#1f4e79\"", with: "    colour: \"#767676\"")))
        expectOnly(
            load(V.replacing("    colour: \"#1f4e79\"", with: "    colour: \"#777777\"")),
            "party-contrast", line: 11, column: 5, severity: .warning)
    }
}

// MARK: - Edge cases: each was a bug once (found while writing these tests)

@Suite("Loader edge cases")
struct LoaderEdgeCaseTests {
    /// After a file fails to parse, nothing more is reported about the model
    /// it would have defined (no errors at a file that does not exist).
    @Test(arguments: [
        "a: [1, 2\n",
        "a: 1\na: 2\n",
        "a: &x 1\nb: *x\n",
        "- parties\n",
        String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
    ])
    func unreadableFileGivesOnlyItsOwnDiagnostic(_ yaml: String) {
        let result = load(yaml)
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
        #expect(result.diagnostics.allSatisfy { $0.location.file == modelPath }, "\(result.diagnostics)")
    }

    @Test
    func duplicateKeyInAFlowMappingIsReportedAtTheSecondKey() {
        let result = load(V.replacing("    name: {ja: 事業者, en: Provider}", with: "    name: {ja: 事業者, ja: Provider}"))
        expectDiagnostic(result, "yaml-duplicate-key", line: 12, column: 21)
    }

    @Test
    func aliasInABlockListIsReportedOnItsOwnLine() {
        let result = load("a: 1\nb:\n  - 2\n  - *x\n")
        expectDiagnostic(result, "yaml-alias", line: 4, column: 5)
        let anchored = load("a: &x 1\nb:\n  - 2\n  - *x\n")
        expectDiagnostic(anchored, "yaml-alias", line: 1, column: 4)
    }

    @Test
    func aliasRightAfterItsAnchorIsRefused() {
        let result = load(V.replacing("    scope: [hypervisor, os]", with: "    scope: [&h hypervisor, *h]"))
        #expect(result.diagnostics("yaml-alias").count == 1, "\(result.diagnostics)")
        #expect(result.model == nil)
    }

    @Test
    func anchorWithoutAliasIsRefused() {
        let result = load(V.replacing("    scope: [hypervisor, os]", with: "    scope: [&h hypervisor, os]"))
        expectDiagnostic(result, "yaml-alias", line: 74, column: 13)
    }

    /// Yams hashes mapping keys to find duplicates while composing; an alias bomb
    /// used as a key would be hashed node by node (9 s at 7 levels, ×9 per level),
    /// so aliases are refused from libyaml's events before composing.
    @Test(.timeLimit(.minutes(1)))
    func aliasBombAsAKeyIsRefusedQuickly() {
        let result = load(aliasBomb(levels: 9, references: 9) + "? *l9\n: x\n")
        #expect(result.diagnostics("yaml-alias").count == 1)
    }

    /// libyaml's reader gives the offset in characters, not bytes.
    @Test
    func controlCharacterIsReportedAtItsPlace() {
        let result = load(V.replacing("    name: {ja: 仮想サーバ, en: Virtual server}", with: "    name: {ja: 仮想サーバ\u{01}, en: Virtual server}"))
        expectDiagnostic(result, "yaml-syntax", line: 30, column: 21)
    }

    /// libyaml stops at about 1000 levels with its own error; that is too deep too.
    @Test
    func veryDeepNestingIsTooDeep() {
        let result = load(String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000))
        #expect(result.diagnostics("yaml-too-deep").count == 1, "\(result.diagnostics)")
    }

    @Test
    func missingAsOfIsOnlyAMissingField() {
        let result = load(V.replacing("  as-of: 2017-03-31", with: "  # no as-of"))
        expectOnly(result, "missing-field", line: 3, column: 3)
    }

    @Test
    func emptyResponsibleIsReportedAtTheTopic() {
        let result = load(V.replacing("    responsible: provider", with: "    responsible: []"))
        #expect(result.diagnostics("unknown-reference").isEmpty, "\(result.diagnostics)")
        #expect(result.diagnostics.contains { $0.location.line == 40 && $0.location.column == 18 }, "\(result.diagnostics)")
    }
}

// MARK: - What a Japanese keyboard types (issue 9 §2)

@Suite("yaml-fullwidth and yaml-tab: named at their own line and column")
struct TypingRuleTests {
    @Test func fullWidthSpaceInTheIndentation() {
        let result = load(V.replacing("    side: provider", with: "　　side: provider"))
        let d = expectDiagnostic(result, "yaml-fullwidth", line: 13, column: 1)
        #expect(d?.message == "full-width space (U+3000) in the indentation of line 13; YAML needs ASCII spaces")
        #expect(result.diagnostics.count == 1)
    }

    /// A file saved with CR LF line ends is scanned line by line too (a
    /// split on characters once kept it one line: "\r\n" is one character).
    @Test func fullWidthColonInAFileWithCRLFLineEnds() {
        let result = load(V.replacing("    side: provider", with: "    side： provider").replacingOccurrences(of: "\n", with: "\r\n"))
        expectDiagnostic(result, "yaml-fullwidth", line: 13, column: 9)
    }

    @Test func fullWidthSpaceAfterASCIISpacesInTheIndentation() {
        let result = load(V.replacing("    side: provider", with: "  　side: provider"))
        expectDiagnostic(result, "yaml-fullwidth", line: 13, column: 3)
    }

    @Test(arguments: [("    side： provider", 9), ("    side：provider", 9), ("  - id： provider", 7)])
    func fullWidthColonAfterAKey(_ line: String, _ column: Int) {
        let old = line.hasPrefix("  - ") ? "  - id: provider" : "    side: provider"
        let result = load(V.replacing(old, with: line))
        let d = expectDiagnostic(result, "yaml-fullwidth", line: line.hasPrefix("  - ") ? 11 : 13, column: column)
        #expect(d?.message.hasPrefix("full-width colon '：' after the key '") == true)
        #expect(d?.message.hasSuffix("': write ':'") == true)
    }

    @Test func fullWidthSpaceAfterTheColonOrTheDash() {
        expectDiagnostic(load(V.replacing("    side: provider", with: "    side:　provider")), "yaml-fullwidth", line: 13, column: 10)
        expectDiagnostic(load(V.replacing("  - id: provider", with: "  -　id: provider")), "yaml-fullwidth", line: 11, column: 4)
    }

    @Test func everyMistakeIsReportedNotOnlyTheFirst() {
        let result = load(V.replacing(["    side: provider": "\tside: provider", "    role: provider": "    role： provider"]))
        #expect(result.rules == ["yaml-fullwidth", "yaml-tab"])
        expectDiagnostic(result, "yaml-fullwidth", line: 14, column: 9)
    }

    /// Inside values — quoted, plain, block and flow — they are ordinary text.
    @Test func fullWidthCharactersInsideValuesAreAccepted() throws {
        let result = load(
            V.replacing([
                "    name: {ja: 事業者, en: Provider}": "    name: {ja: \"注：事業者　です\", en: 'Provider：　x'}",
                "      title: {ja: 資料, en: Document}":
                    "      title:\n        ja: 資料：第1版　本文\n        en: |\n          Document：\n          \tindented　with tab\n          　full-width",
            ]))
        let model = try #require(expectClean(result))
        #expect(model.parties[0].name.string(.ja) == "注：事業者　です")
        #expect(model.metadata.sources[0].title.string(.ja) == "資料：第1版　本文")
        #expect(model.metadata.sources[0].title.string(.en) == "Document：\n\tindented　with tab\n　full-width\n")
    }

    @Test func aPlainValueRunningOnOverLinesMayHoldThem() throws {
        let result = load(
            V.replacing(
                "      title: {ja: 資料, en: Document}",
                with: "      title:\n        ja: 資料の\n          　続き：です\n        en: Document"))
        let model = try #require(expectClean(result))
        #expect(model.metadata.sources[0].title.string(.ja) == "資料の 　続き：です")
    }

    @Test func aKeyOutdentedOutOfItsMappingSaysIndentationIsTheLikelyCause() {
        let result = load(V.replacing("    side: provider", with: "   side: provider"))
        let d = expectDiagnostic(result, "yaml-syntax", line: 13, column: 4)
        #expect(d?.message.contains("a key outdented out of its mapping is the likely cause") == true, "\(String(describing: d))")
        #expect(d?.suggestion == "indent it to column 5 to keep it in the mapping above, or to the column of the mapping it belongs to")
    }
}

@Suite("Values of the wrong form")
struct ValueFormRuleTests {
    @Test func aYesNoFieldThatIsNeither() {
        let result = load(V.replacing("    responsible: provider", with: "    responsible: provider\n    sic: perhaps"))
        expectOnly(result, "invalid-boolean", line: 41, column: 10)
    }

}
