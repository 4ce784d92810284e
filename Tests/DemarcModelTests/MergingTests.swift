import Testing
@testable import DemarcModel
import DemarcResources

// A model given as a folder: every visible .yaml/.yml below it, merged; lists
// ordered by file path, then by position; a catalogue in its own folder named
// by `model.catalogue`, relative to the file holding `model`.

private typealias V = ValidModel

/// The base model's customer party, as it stands in `ValidModel.parties`.
private let customerParty = """
      - id: customer
        name: {ja: 府省庁, en: Agency}
        side: customer
        role: agency
        colour: "#8a4500"
    """

/// The base model without its catalogue section, pointing at one elsewhere.
private func model(cataloguePath: String) -> String {
    V.replacing([V.catalogue: V.comments(17), "  version: 1.0.0": "  version: 1.0.0\n  catalogue: \(cataloguePath)"])
}

/// The base model's catalogue as a file of its own (the catalogue starts at 3:3).
private let catalogueFile = V.file([V.header, V.catalogue])

@Suite("Merging files")
struct MergingTests {
    @Test func modelSplitOverThreeFilesEqualsOneFile() throws {
        let one = try #require(expectClean(load(V.yamlWithOverride)))
        let result = load(
            "m",
            files: [
                "m/model.yaml": V.file([V.header, V.model, V.parties, V.layers, V.offerings]),
                "m/topics.yaml": V.file([V.topics, V.overrides]),
                "m/catalogue.yaml": V.file([V.header, V.catalogue, V.mapping]),
            ])
        let split = try #require(expectClean(result))
        #expect(result.files == ["m/catalogue.yaml", "m/model.yaml", "m/topics.yaml"])
        #expect(fingerprint(split) == fingerprint(one))
        #expect(split.topics[0].location == DemarcModel.SourceLocation(file: "m/topics.yaml", line: 2, column: 5))
        #expect(split.overrides[0].location.file == "m/topics.yaml")
        #expect(split.catalogue.location == DemarcModel.SourceLocation(file: "m/catalogue.yaml", line: 3, column: 3))
    }

    @Test func defaultModelAsOneFileEqualsTheFolder() throws {
        let folder = try #require(loadEmbedded("Models/iij-gio-p2").model)
        func text(_ path: String) throws -> String { String(decoding: try #require(Resources.file(path)), as: UTF8.self) }
        let model = try text("Models/iij-gio-p2/model.yaml")
            .replacingOccurrences(of: "  catalogue: ../catalogues/unified-standards-fy2016\n", with: "")
        let catalogue = try text("Models/catalogues/unified-standards-fy2016/catalogue.yaml")
            .replacingOccurrences(of: "demarc: 1\n", with: "")
        let single = [model, try text("Models/iij-gio-p2/topics.yaml"), try text("Models/iij-gio-p2/mapping.yaml"), catalogue]
            .joined(separator: "\n")
        let one = try #require(expectClean(load(single)))
        #expect(one.metadata.cataloguePath == nil)
        #expect(fingerprint(one) == fingerprint(folder))
        #expect(fingerprint(one).count == 1 + 1 + 6 + 2 + 6 + 3 + 13 + 1 + 17 + 17, "\(fingerprint(one).count)")
    }

    /// Each list stands in one file: naming the files differently changes nothing.
    @Test func fileNamesDoNotChangeTheModel() throws {
        let first = V.file([V.header, V.model, V.parties, V.layers, V.offerings])
        let second = V.file([V.topics, V.catalogue, V.mapping, V.overrides])
        let ab = load("m", files: ["m/a.yaml": first, "m/b.yaml": second])
        let zy = load("m", files: ["m/z.yaml": first, "m/y.yaml": second])
        #expect(ab.files == ["m/a.yaml", "m/b.yaml"])
        #expect(zy.files == ["m/y.yaml", "m/z.yaml"])
        let abModel = try #require(expectClean(ab))
        let zyModel = try #require(expectClean(zy))
        #expect(fingerprint(abModel) == fingerprint(zyModel))
        #expect(fingerprint(abModel) == fingerprint(try #require(load(V.yamlWithOverride).model)))
    }

    /// A list split over files: by file path first, then by position in the file.
    @Test func splitListIsOrderedByPathThenPosition() throws {
        let rest = V.replacing(customerParty, with: V.comments(5))
        let more =
            "parties:\n" + customerParty + "\n"
            + "  - id: auditor\n    name: {ja: 監査人, en: Auditor}\n    side: customer\n    role: third-party\n    colour: \"#1f4e79\"\n"
        let ab = try #require(expectClean(load("m", files: ["m/a.yaml": rest, "m/b.yaml": more])))
        #expect(ab.parties.map(\.id) == ["provider", "customer", "auditor"])
        let zy = try #require(expectClean(load("m", files: ["m/z.yaml": rest, "m/y.yaml": more])))
        #expect(zy.parties.map(\.id) == ["customer", "auditor", "provider"])
        let nested = try #require(expectClean(load("m", files: ["m/model.yaml": rest, "m/0/parties.yaml": more])))
        #expect(nested.parties.map(\.id) == ["customer", "auditor", "provider"], "m/0/parties.yaml sorts before m/model.yaml")
    }

    /// MemoryFileSystem is a dictionary; whatever order it holds the files in,
    /// the model is the same.
    @Test func dictionaryOrderDoesNotMatter() throws {
        let files = [
            "m/1.yaml": V.file([V.header, V.model]), "m/2.yaml": V.file([V.parties, V.layers]),
            "m/3.yaml": V.file([V.offerings]), "m/4.yaml": V.file([V.topics]), "m/5.yaml": V.file([V.catalogue, V.mapping]),
        ]
        let keys = files.keys.sorted()
        var fingerprints: Set<[String]> = []
        for (order, capacity) in [(keys, 5), (keys.reversed(), 64), (Array(keys[2...] + keys[..<2]), 1000)] {
            var dictionary: [String: [UInt8]] = [:]
            dictionary.reserveCapacity(capacity)
            for key in order { dictionary[key] = Array(files[key]!.utf8) }
            let result = ModelLoader(fileSystem: MemoryFileSystem(files: dictionary)).load("m")
            #expect(result.files == keys)
            fingerprints.insert(fingerprint(try #require(expectClean(result))))
        }
        #expect(fingerprints.count == 1)
    }

    @Test func onlyVisibleYAMLFilesBelowTheFolderAreRead() throws {
        let result = load(
            "m",
            files: [
                "m/model.yaml": V.file([V.header, V.model, V.parties, V.layers, V.offerings]),
                "m/more/topics.yml": V.file([V.topics]),
                "m/catalogue.yaml": V.file([V.catalogue, V.mapping]),
                "m/.draft.yaml": "bogus: [",
                "m/.hidden/topics.yaml": "bogus: [",
                "m/notes.txt": "bogus: [",
                "other/model.yaml": "bogus: [",
            ])
        expectClean(result)
        #expect(result.files == ["m/catalogue.yaml", "m/model.yaml", "m/more/topics.yml"])
    }

    @Test func loadingTheFolderAsDotSlashOrWithASlashIsTheSame() throws {
        let files = ["m/model.yaml": V.yaml]
        for path in ["m", "./m", "m/"] {
            let result = load(path, files: files)
            expectClean(result)
            #expect(result.files == ["m/model.yaml"], "\(path)")
        }
    }
}

@Suite("Catalogue in its own folder")
struct CatalogueFolderTests {
    @Test func catalogueFolderNamedByTheModel() throws {
        let result = load(
            "models/m",
            files: [
                "models/m/model.yaml": model(cataloguePath: "../cat"),
                "models/cat/catalogue.yaml": catalogueFile,
            ])
        let loaded = try #require(expectClean(result))
        #expect(result.files == ["models/m/model.yaml", "models/cat/catalogue.yaml"])
        #expect(loaded.metadata.cataloguePath == "../cat")
        #expect(loaded.catalogue.location == DemarcModel.SourceLocation(file: "models/cat/catalogue.yaml", line: 3, column: 3))
        #expect(fingerprint(loaded) == fingerprint(try #require(load(V.yaml).model)))
    }

    @Test func catalogueFolderNamedByASingleModelFile() throws {
        let result = load(
            "models/m/model.yaml",
            files: [
                "models/m/model.yaml": model(cataloguePath: "../cat"),
                "models/m/other.yaml": "bogus: [",
                "models/cat/catalogue.yaml": catalogueFile,
            ])
        expectClean(result)
        #expect(result.files == ["models/m/model.yaml", "models/cat/catalogue.yaml"])
    }

    @Test func catalogueFileNamedByTheModel() throws {
        let result = load(
            "models/m",
            files: [
                "models/m/model.yaml": model(cataloguePath: "../cat/catalogue.yaml"),
                "models/cat/catalogue.yaml": catalogueFile,
                "models/cat/other.yaml": "bogus: [",
            ])
        expectClean(result)
        #expect(result.files == ["models/m/model.yaml", "models/cat/catalogue.yaml"])
    }

    /// The path is relative to the file that holds `model:`, not to the folder loaded.
    @Test func pathIsRelativeToTheFileHoldingModel() throws {
        let result = load(
            "models/m",
            files: [
                "models/m/meta/model.yaml": model(cataloguePath: "../../cat"),
                "models/cat/catalogue.yaml": catalogueFile,
            ])
        expectClean(result)
        #expect(result.files == ["models/m/meta/model.yaml", "models/cat/catalogue.yaml"])
    }

    @Test func problemsInTheCatalogueFolderNameItsFile() {
        let catalogue = V.replacing("      text: {ja: 例, en: Example}", with: "      text: {ja: 例, en: Example}\n      remark: x", in: catalogueFile)
        let result = load(
            "models/m",
            files: [
                "models/m/model.yaml": model(cataloguePath: "../cat"),
                "models/cat/catalogue.yaml": catalogue,
            ])
        let d = expectOnly(result, "unknown-key", line: 19, column: 7, file: "models/cat/catalogue.yaml")
        #expect(d?.message.contains("'remark'") == true)
    }

    @Test(arguments: ["cat", "./cat", "cat/", "cat/catalogue.yaml"])
    func catalogueFolderInsideTheModelFolderIsReadOnce(_ path: String) throws {
        let result = load("m", files: ["m/model.yaml": model(cataloguePath: path), "m/cat/catalogue.yaml": catalogueFile])
        let loaded = try #require(expectClean(result))
        #expect(result.diagnostics("duplicate-id").isEmpty)
        #expect(result.diagnostics("duplicate-section").isEmpty)
        #expect(result.files == ["m/cat/catalogue.yaml", "m/model.yaml"])
        #expect(loaded.catalogue.entries.count == 3)
    }

    @Test func catalogueFolderSharedByTwoModels() throws {
        let files = [
            "models/a/model.yaml": model(cataloguePath: "../cat"),
            "models/b/model.yaml": model(cataloguePath: "../cat").replacingOccurrences(of: "  id: test-model", with: "  id: other-model"),
            "models/cat/catalogue.yaml": catalogueFile,
        ]
        let a = try #require(expectClean(load("models/a", files: files)))
        let b = try #require(expectClean(load("models/b", files: files)))
        #expect(a.metadata.id == "test-model")
        #expect(b.metadata.id == "other-model")
        #expect(a.catalogue.entries.map(\.id) == b.catalogue.entries.map(\.id))
    }

    @Test func catalogueCountsTowardsTheModelSize() {
        let sixteen = [UInt8]("#".utf8) + [UInt8](repeating: 0x20, count: ModelLimits.fileBytes - 1)
        let files: [String: [UInt8]] = [
            "models/m/a.yaml": sixteen, "models/m/b.yaml": sixteen, "models/m/c.yaml": sixteen,
            "models/m/model.yaml": Array(model(cataloguePath: "../cat").utf8),
            "models/cat/catalogue.yaml": sixteen,
        ]
        let result = ModelLoader(fileSystem: MemoryFileSystem(files: files)).load("models/m")
        expectDiagnostic(result, "model-too-large", line: 1, column: 1, file: "models/cat/catalogue.yaml")
    }
}
