import Foundation
import Testing

@Suite("demarc check, init, schema (end to end)")
struct CheckCommandTests {
    @Test func checkDefaultModelIsClean() async throws {
        let r = try await Demarc.run(["check"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("ok: the default model (embedded): iij-gio-p2"))
        #expect(r.stdout.contains("3 offerings"))
        #expect(r.stdout.contains("17 entries"))
        #expect(r.stderr.isEmpty)
    }

    @Test func checkReportsProblemsWithRelativePathsAndExitsOne() async throws {
        let r = try await Demarc.run(["check", "bad"], in: Demarc.fixture(""))
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("bad/model.yaml:28:7: error: unknown layer 'hypervsor' (did you mean 'hypervisor'?) [unknown-reference]"))
        #expect(
            lines.contains(
                "bad/model.yaml:24:5: error: offering 'vm' gives layer 'hypervisor' no owner (add 'hypervisor: PARTY' (or {not-applicable: reason}) under 'owners') [offering-layer-unassigned]"
            ))
        #expect(lines.last == "'bad': 2 errors, 0 warnings")
        #expect(r.stdout.isEmpty)
    }

    @Test func checkWorksFromAnyWorkingDirectory() async throws {
        let r = try await Demarc.run(["check"], in: "/")
        #expect(r.status == 0)
    }

    @Test func missingModelPathIsAUsageError() async throws {
        let r = try await Demarc.run(["check", "no/such/model"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: no model file or folder at 'no/such/model'"))
    }

    @Test func unknownOptionIsAUsageError() async throws {
        let r = try await Demarc.run(["check", "--no-such-option"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Unknown option"))
        let s = try await Demarc.run(["frobnicate"])
        #expect(s.status == 2)
    }

    @Test func initWritesAnEditableModelThatChecksClean() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/mymodel"
        let r = try await Demarc.run(["init", target])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: target + "/model.yaml"))
        #expect(FileManager.default.fileExists(atPath: target + "/catalogue/catalogue.yaml"))
        let check = try await Demarc.run(["check", "mymodel"], in: dir)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("iij-gio-p2"))
        // The same derivation as the embedded model.
        let explained = try await Demarc.run(["explain", "--all", "--model", "mymodel"], in: dir)
        let embedded = try await Demarc.run(["explain", "--all"])
        #expect(explained.stdout == embedded.stdout)
    }

    @Test func initRefusesToOverwrite() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "keep me".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        let r = try await Demarc.run(["init", dir])
        #expect(r.status == 1)
        #expect(r.stderr.contains("refusing to overwrite"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["notes.txt"])
    }

    @Test func initTheAgencyContractorExample() async throws {
        let dir = try Demarc.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try await Demarc.run(["init", dir + "/ac", "--example", "agency-contractor"])
        #expect(r.status == 0)
        let check = try await Demarc.run(["check", dir + "/ac"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("3 parties"))
    }
}

@Suite("demarc schema against a real validator (check-jsonschema)")
struct SchemaCommandTests {
    static let fixtures = Demarc.packageRoot.appendingPathComponent("Tests/DemarcModelTests/Fixtures/schema").path

    func schemaFile() async throws -> (String, String) {
        let dir = try Demarc.temporaryDirectory()
        let r = try await Demarc.run(["schema"])
        #expect(r.status == 0)
        let path = dir + "/demarc.schema.json"
        try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let meta = try await checkJSONSchema(["--check-metaschema", path])
        #expect(meta.status == 0, "the schema is not a valid draft 2020-12 schema: \(meta.stdout)")
        return (dir, path)
    }

    func checkJSONSchema(_ args: [String]) async throws -> CommandResult {
        try await Demarc.run(args, executable: Demarc.packageRoot.appendingPathComponent(".tools/venv/bin/check-jsonschema").path)
    }

    @Test func everyValidFixtureAndTheDefaultModelPass() async throws {
        let (dir, schema) = try await schemaFile()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let valid = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures + "/valid").sorted().map { Self.fixtures + "/valid/" + $0 }
        let models = FileManager.default.enumerator(atPath: Demarc.packageRoot.appendingPathComponent("Models").path)!
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
            .map { Demarc.packageRoot.appendingPathComponent("Models").appendingPathComponent($0).path }
        #expect(valid.count >= 6)
        #expect(models.count >= 5)
        let r = try await checkJSONSchema(["--schemafile", schema] + valid + models)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }

    @Test func everyStructurallyBadFixtureFails() async throws {
        let (dir, schema) = try await schemaFile()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let invalid = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures + "/invalid").sorted()
        #expect(invalid.count >= 12)
        for name in invalid {
            let r = try await checkJSONSchema(["--schemafile", schema, Self.fixtures + "/invalid/" + name])
            #expect(r.status == 1, "\(name) should fail validation: \(r.stdout)")
        }
    }

    /// What the schema cannot express (FormatTableTests names the loader's rule for each): it accepts them.
    @Test func whatOnlyTheLoaderCanCheckPassesTheSchema() async throws {
        let (dir, schema) = try await schemaFile()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures + "/loader-only").sorted()
            .map { Self.fixtures + "/loader-only/" + $0 }
        #expect(files.count >= 4)
        let r = try await checkJSONSchema(["--schemafile", schema] + files)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        for file in files {
            let check = try await Demarc.run(["check", file])
            #expect(check.status != 0, "demarc check accepted \(file)")
        }
    }

    @Test func theMarkdownReferenceIsTheOneInDocs() async throws {
        let r = try await Demarc.run(["schema", "--format", "markdown"])
        #expect(r.status == 0)
        let docs = try String(contentsOf: Demarc.packageRoot.appendingPathComponent("docs/model.md"), encoding: .utf8)
        #expect(r.stdout.hasPrefix("<!-- field-reference"))
        #expect(docs.contains(r.stdout))
    }
}
