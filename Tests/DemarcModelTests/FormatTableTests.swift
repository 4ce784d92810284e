import Foundation
import Testing
@testable import DemarcModel

/// The field table is the one definition of the format: the loader's keys,
/// `demarc schema` and the reference in docs/model.md come from it. These
/// tests hold the loader to the schema's fixtures (the CLI suite holds
/// check-jsonschema to the same files).
@Suite("The format defined once (field table, loader, schema, reference)")
struct FormatTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/DemarcModelTests/Fixtures/schema")

    static func files(_ folder: String) -> [String] {
        let dir = fixtures.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { dir.appendingPathComponent($0).path }
    }

    @Test func everyDefinitionIsNamedOnceAndReachedFromTheTopLevel() {
        let names = ModelFormat.definitions.map(\.name)
        #expect(Set(names).count == names.count, "a definition is named twice")
        var reached: Set<String> = []
        func walk(_ type: FormatType) {
            switch type {
            case .definition(let name):
                #expect(ModelFormat.definition(name) != nil, "'\(name)' is referred to but not defined")
                guard reached.insert(name).inserted, let definition = ModelFormat.definition(name) else { return }
                switch definition.body {
                case .object(let fields, _): fields.forEach { walk($0.type) }
                case .value(let type): walk(type)
                }
            case .list(let item, _, _): walk(item)
            case .map(let keys, let values):
                walk(keys)
                walk(values)
            case .inline(let fields): fields.forEach { walk($0.type) }
            case .patch(let name, _): walk(.definition(name))
            case .oneOf(let options), .anyOf(let options): options.forEach { walk($0.type) }
            default: break
            }
        }
        ModelFormat.topLevel.forEach { walk($0.type) }
        #expect(reached == Set(names), "defined but never used: \(Set(names).subtracting(reached).sorted())")
        for definition in ModelFormat.definitions {
            let keys = definition.fields.map(\.key)
            #expect(Set(keys).count == keys.count, "\(definition.name) lists a key twice")
        }
    }

    @Test func theLoaderReadsTheTopLevelKeysOfTheTable() {
        #expect(SectionDecoder.topLevelKeys == ModelFormat.topLevel.map(\.key))
    }

    @Test func docsModelHoldsTheGeneratedReference() throws {
        let docs = try String(contentsOf: Self.root.appendingPathComponent("docs/model.md"), encoding: .utf8)
        #expect(
            docs.contains(FieldReference.markdown),
            "docs/model.md's field reference is stale: run scripts/update-reference.sh")
        let markers = docs.components(separatedBy: FieldReference.begin).count - 1
        #expect(markers == 1)
    }

    @Test func everyValidFixtureReadsWithoutAnError() {
        let valid = Self.files("valid")
        #expect(valid.count >= 8)
        for file in valid {
            let errors = ModelLoader().checkFile(file).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(file): \(errors.map(\.description))")
        }
    }

    /// The rule by which the loader refuses each fixture the schema refuses.
    /// Where the rule needs the whole model (a reference to something another
    /// file may define), the loader reports it on `load`, not `checkFile`.
    static let refusals: [String: (Rule, wholeModel: Bool)] = [
        "01-unknown-top-level-key": (.unknownKey, false),
        "02-unknown-party-key": (.unknownKey, false),
        "03-bad-id-pattern": (.idInvalid, false),
        "04-windows-reserved-id": (.idInvalid, false),
        "05-id-too-long": (.idInvalid, false),
        "07-side-vendor": (.valueNotInSet, false),
        "08-coverage-most": (.valueNotInSet, false),
        "09-shared-owner-one-party": (.sharedTooFew, false),
        "10-override-without-reason": (.overrideNoReason, false),
        "11-model-without-as-of": (.missingField, false),
        "12-bad-colour": (.invalidColour, false),
        "13-entry-kind-unknown": (.valueNotInSet, false),
        "14-scope-number": (.wrongType, false),
        "15-demarc-version-2": (.formatVersion, false),
        "16-date-not-yyyy-mm-dd": (.invalidDate, false),
        "17-date-impossible": (.invalidDate, false),
        "18-not-applicable-without-reason": (.notApplicableReason, false),
        "19-text-unknown-language": (.unknownKey, false),
        "20-page-zero": (.invalidNumber, false),
        "21-evidence-kind-unknown": (.valueNotInSet, false),
        "22-role-unknown": (.valueNotInSet, false),
        "23-catalogue-without-entries": (.missingField, false),
        "24-colour-unquoted": (.missingField, false),
        "25-scope-single-layer-string": (.wrongType, false),
        "26-does-unknown-word": (.unknownReference, true),
        "27-relation-unknown": (.valueNotInSet, false),
        "28-demand-into-unknown": (.valueNotInSet, false),
        "29-tenancy-unknown": (.valueNotInSet, false),
        "30-strength-unknown": (.valueNotInSet, false),
        "31-basis-unknown": (.valueNotInSet, false),
        "32-responsible-unknown-word": (.unknownReference, true),
        "33-mapping-without-entry": (.missingField, false),
        "34-top-level-list": (.wrongType, false),
        "35-source-ref-empty": (.missingField, false),
        "36-arrow-without-page": (.missingField, false),
        "37-overlay-without-base": (.missingField, false),
        "38-pin-bad-hash": (.wrongType, false),
        "39-refine-without-into": (.missingField, false),
    ]

    /// What the schema cannot express — it sees one file, and cannot compare
    /// two values — and the rule by which the loader refuses it.
    static let loaderOnly: [String: Rule] = [
        "01-validity-reversed": .validityReversed,
        "02-duplicate-party-id": .duplicateID,
        "03-japanese-blank": .textMissingJa,
        "04-offering-names-unknown-party": .unknownReference,
        "05-text-without-ja": .textMissingJa,
    ]

    static func name(_ file: String) -> String {
        String(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
    }

    @Test func everyFixtureTheSchemaRefusesTheLoaderRefusesByItsRule() {
        let invalid = Self.files("invalid")
        #expect(Set(invalid.map(Self.name)) == Set(Self.refusals.keys), "a fixture without its rule, or a rule without its fixture")
        for file in invalid {
            guard let (rule, wholeModel) = Self.refusals[Self.name(file)] else { continue }
            let diagnostics = wholeModel ? ModelLoader().load(file).diagnostics : ModelLoader().checkFile(file)
            let rules = Set(diagnostics.filter { $0.severity == .error }.map(\.rule))
            #expect(rules.contains(rule), "\(Self.name(file)): expected \(rule.rawValue), found \(rules.map(\.rawValue).sorted())")
            let located = diagnostics.filter { $0.rule == rule }
            #expect(located.allSatisfy { $0.location.file == file && $0.location.line >= 1 }, "\(Self.name(file)): located outside the file")
        }
    }

    @Test func whatOnlyTheLoaderCanCheckItRefusesByItsRule() {
        let files = Self.files("loader-only")
        #expect(Set(files.map(Self.name)) == Set(Self.loaderOnly.keys))
        for file in files {
            guard let rule = Self.loaderOnly[Self.name(file)] else { continue }
            let rules = Set(ModelLoader().load(file).diagnostics.filter { $0.severity == .error }.map(\.rule))
            #expect(rules.contains(rule), "\(Self.name(file)): expected \(rule.rawValue), found \(rules.map(\.rawValue).sorted())")
        }
    }

    @Test func theSchemaIsWrittenFromTheTable() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(ModelSchema.json.utf8)) as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: [String: Any]])
        for definition in ModelFormat.definitions {
            let def = try #require(defs[definition.name], "\(definition.name) missing from the schema")
            if case .object(let fields, _) = definition.body {
                let properties = try #require(def["properties"] as? [String: Any])
                #expect(Set(properties.keys) == Set(fields.map(\.key)), "\(definition.name)")
                #expect(Set(def["required"] as? [String] ?? []) == Set(fields.filter(\.required).map(\.key)), "\(definition.name)")
                #expect(def["additionalProperties"] as? Bool == false)
            }
        }
        let top = try #require(schema["properties"] as? [String: Any])
        #expect(Set(top.keys) == Set(ModelFormat.topLevel.map(\.key)))
    }
}
