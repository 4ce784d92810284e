import Foundation
import Testing
@testable import DemarcModel

/// Overlays: a model that builds on a base without copying it.
@Suite("Overlays: refinement, replacement, removal, additions, chains, pins")
struct OverlayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A base (ValidModel, one file) and an overlay beside it, in memory.
    static func load(overlay: String, extra: [String: String] = [:], base: String = ValidModel.yaml) -> LoadResult {
        var files = ["base/model.yaml": base, "project/overlay.yaml": overlay]
        for (path, text) in extra { files[path] = text }
        let fs = MemoryFileSystem(files: files.mapValues { Array($0.utf8) })
        return ModelLoader(fileSystem: fs).load("project")
    }

    static let contractor = """
        parties:
          - id: agency
            name: {ja: 府省庁, en: Agency}
            side: customer
            role: agency
            colour: "#8a4500"
          - id: contractor
            name: {ja: 受注者, en: Contractor}
            side: customer
            role: contractor
            colour: "#6a1b9a"
        """

    static func overlay(_ body: String, pin: String? = nil) -> String {
        "demarc: 1\noverlay:\n  base: ../base\n" + (pin.map { "  pin: \($0)\n" } ?? "") + body
    }

    static let refineCustomer = """
          refine:
            - party: customer
              into: [agency, contractor]
              owners: {os: contractor}
              otherwise: agency

        """

    func errors(_ result: LoadResult) -> [Diagnostic] { result.diagnostics.filter { $0.severity == .error } }

    @Test func aPartyRefinedIntoTwoTakesWhatTheBaseGaveIt() throws {
        let result = Self.load(overlay: Self.overlay(Self.refineCustomer + Self.contractor))
        #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
        let model = try #require(result.model)
        #expect(model.parties.map(\.id) == ["provider", "agency", "contractor"])
        let offering = try #require(model.offering("virtual-server"))
        #expect(offering.owners["os"] == .party("contractor"))
        #expect(offering.owners["hypervisor"] == .party("provider"), "what named another party passes through")
        let derivation = try #require(Derivation(model: model))
        #expect(derivation.cell(entry: "4.1.4(1)(a)", offering: "virtual-server")?.accountable == "agency")
    }

    @Test func aSharedTakerAndAPerOfferingTaker() throws {
        let body = """
              refine:
                - party: customer
                  into: [agency, contractor]
                  owners: {os: [agency, contractor]}
                  offerings:
                    virtual-server: {os: contractor}

            """
        let result = Self.load(overlay: Self.overlay(body + Self.contractor))
        #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(result.model?.offering("virtual-server")?.owners["os"] == .party("contractor"), "the offering's own taker wins")
    }

    @Test func aRefinementThatLeavesSomethingUnplacedSaysWhat() throws {
        let body = """
              refine:
                - party: customer
                  into: [agency, contractor]

            """
        let result = Self.load(overlay: Self.overlay(body + Self.contractor))
        let missing = errors(result).filter { $0.rule == .missingField }
        #expect(missing.count == 1)
        #expect(missing.first?.message.contains("the os layer of virtual-server") == true)
        #expect(missing.first?.location.file == "project/overlay.yaml")
    }

    @Test func aTakerOutsideIntoIsRefusedWhereItIsWritten() throws {
        let body = """
              refine:
                - party: customer
                  into: [agency, contractor]
                  owners: {os: contracter}
                  otherwise: agency

            """
        let result = Self.load(overlay: Self.overlay(body + Self.contractor))
        let d = try #require(errors(result).first { $0.rule == .unknownReference && $0.message.contains("contracter") })
        #expect(d.location == SourceLocation(file: "project/overlay.yaml", line: 7, column: 20))
    }

    @Test func replacementIsKeyedByIdAndReplacesListsWhole() throws {
        let body = """
              replace:
                offerings:
                  - id: virtual-server
                    name: {ja: 仮想サーバ（改）, en: Virtual server (revised)}
                    notes: [{ja: 注, en: Note}]
                topics:
                  - id: isolation
                    evidence: []

            """
        let result = Self.load(overlay: Self.overlay(body))
        #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
        let model = try #require(result.model)
        let offering = try #require(model.offering("virtual-server"))
        #expect(offering.name.en == "Virtual server (revised)")
        #expect(offering.owners["os"] == .party("customer"), "fields not given pass through")
        #expect(offering.notes.count == 1)
        #expect(model.topics.first?.evidence.isEmpty == true, "a list is replaced whole")
    }

    @Test func removalTakesTheItemAndWhatNamedIt() throws {
        let base = ValidModel.yamlWithOverride
        let extra = """
              remove:
                topics: [isolation]
                offerings: [virtual-server]
            offerings:
              - id: dedicated
                name: {ja: 専有, en: Dedicated}
                owners: {hardware: provider, hypervisor: customer, os: customer}
            topics:
              - id: isolation-2
                title: {ja: 分離, en: Isolation}
                source: {document: doc, page: 1}
                responsible: provider
                statement: {ja: 分けている, en: Kept apart}

            """
        let result = Self.load(overlay: Self.overlay(extra), base: base)
        #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
        let model = try #require(result.model)
        #expect(model.offerings.map(\.id) == ["dedicated"])
        #expect(model.topics.map(\.id) == ["isolation-2"])
        #expect(model.overrides.isEmpty, "the override of the removed offering went with it")
    }

    @Test func removingWhatTheBaseLacksIsAnErrorWithASuggestion() throws {
        let result = Self.load(overlay: Self.overlay("  remove:\n    offerings: [virtual-servr]\n"))
        let d = try #require(errors(result).first { $0.rule == .unknownReference })
        #expect(d.location.file == "project/overlay.yaml")
        #expect(d.location.line == 5)
        #expect(d.fix == Fix(replacement: "virtual-server"))
    }

    @Test func everythingNotMentionedPassesThroughUnchanged() throws {
        let base = try #require(ModelLoader(fileSystem: MemoryFileSystem(files: ["m.yaml": Array(ValidModel.yaml.utf8)])).load("m.yaml").model)
        let result = Self.load(overlay: Self.overlay("  pin: {id: test-model}\n"))
        #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
        let model = try #require(result.model)
        #expect(model.parties.map(\.id) == base.parties.map(\.id))
        #expect(model.offerings.map(\.owners) == base.offerings.map(\.owners))
        #expect(model.topics.map(\.id) == base.topics.map(\.id))
        #expect(model.metadata.id == "test-model")
        let derived = try #require(Derivation(model: model)), original = try #require(Derivation(model: base))
        #expect(OverlayTests.matrix(derived) == OverlayTests.matrix(original))
    }

    @Test func aChainOfThree() throws {
        let middle = """
            demarc: 1
            overlay:
              base: ../base
              refine:
                - party: customer
                  into: [agency, contractor]
                  owners: {os: contractor}
                  otherwise: agency
            model:
              id: middle
            \(Self.contractor)
            """
        let top = """
            demarc: 1
            overlay:
              base: ../middle
              pin: {id: middle}
              replace:
                parties:
                  - id: contractor
                    name: {ja: 受注者（SIer）, en: Contractor (SIer)}
            model:
              id: project
            """
        let fs = MemoryFileSystem(
            files: ["base/model.yaml": ValidModel.yaml, "middle/overlay.yaml": middle, "top/overlay.yaml": top].mapValues { Array($0.utf8) })
        let result = ModelLoader(fileSystem: fs).load("top")
        #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
        let model = try #require(result.model)
        #expect(model.metadata.id == "project")
        #expect(model.party("contractor")?.name.en == "Contractor (SIer)")
        #expect(model.offering("virtual-server")?.owners["os"] == .party("contractor"))
        #expect(result.files == ["top/overlay.yaml", "middle/overlay.yaml", "base/model.yaml"])
    }

    @Test func thePinRefusesAChangedBaseAndGivesTheNewValues() throws {
        let first = Self.load(overlay: Self.overlay(""))
        let warning = try #require(first.diagnostics.first { $0.rule == .baseUnpinned })
        #expect(warning.severity == .warning)
        let suggestion = try #require(warning.suggestion)
        let hash = try #require(suggestion.split(separator: " ").last.map { String($0.dropLast()) })
        #expect(hash.count == 64)

        let pinned = Self.overlay("", pin: "{id: test-model, version: 1.0.0, sha256: \(hash)}")
        #expect(errors(Self.load(overlay: pinned)).isEmpty)
        #expect(!Self.load(overlay: pinned).diagnostics.contains { $0.rule == .baseUnpinned })

        let changed = ValidModel.yaml.replacingOccurrences(of: "Resources are kept apart per customer", with: "Kept apart")
        let refused = Self.load(overlay: pinned, base: changed)
        let d = try #require(errors(refused).first { $0.rule == .baseChanged })
        #expect(d.location == SourceLocation(file: "project/overlay.yaml", line: 4, column: 8))
        #expect(d.message.contains("content"))
        #expect(refused.model == nil)

        let newVersion = ValidModel.yaml.replacingOccurrences(of: "version: 1.0.0", with: "version: 1.1.0")
        let byVersion = try #require(errors(Self.load(overlay: pinned, base: newVersion)).first { $0.rule == .baseChanged })
        #expect(byVersion.message.contains("version 1.1.0 (pinned 1.0.0)"))
    }

    @Test func aDiagnosticNamesTheFileItComesFrom() throws {
        // A bad value written in the overlay's replacement, merged into the base's item.
        let body = """
              replace:
                parties:
                  - id: provider
                    side: vendor

            """
        let result = Self.load(overlay: Self.overlay(body))
        let d = try #require(errors(result).first { $0.rule == .valueNotInSet })
        #expect(d.location == SourceLocation(file: "project/overlay.yaml", line: 7, column: 15))
        // A bad value in the base stays the base's.
        let badBase = ValidModel.yaml.replacingOccurrences(of: "    side: provider", with: "    side: vendr")
        let fromBase = try #require(errors(Self.load(overlay: Self.overlay(""), base: badBase)).first { $0.rule == .valueNotInSet })
        #expect(fromBase.location.file == "base/model.yaml")
        #expect(fromBase.location.line == 13)
    }

    @Test func aMissingOrLoopingBaseIsRefused() throws {
        let missing = Self.load(overlay: "overlay:\n  base: ../nowhere\n")
        #expect(errors(missing).contains { $0.rule == .baseMissing && $0.location.line == 2 })
        let looping = Self.load(overlay: "overlay:\n  base: .\n")
        #expect(errors(looping).contains { $0.rule == .baseMissing && $0.message.contains("loop") })
        let builtIn = Self.load(overlay: "overlay:\n  base: {built-in: iij-gio-p3}\n")
        #expect(errors(builtIn).contains { $0.rule == .baseMissing })
    }

    @Test func aBuiltInBaseIsNamedById() throws {
        let library = ModelLibrary(
            fileSystem: MemoryFileSystem(files: ["Models/test/model.yaml": Array(ValidModel.yaml.utf8)]), models: ["test-model": "Models/test"])
        let fs = MemoryFileSystem(files: ["o.yaml": Array("overlay:\n  base: {built-in: test-model}\n".utf8)])
        let result = ModelLoader(fileSystem: fs, library: library).load("o.yaml")
        #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(result.model?.metadata.id == "test-model")
    }

    // MARK: Requirements

    static let catalogueWithParameter = ValidModel.yaml.replacingOccurrences(
        of: "      parent: \"4.1.4(1)-1\"\n      text: {ja: 例, en: Example}",
        with:
            "      parent: \"4.1.4(1)-1\"\n      text: {ja: 例, en: Example}\n      parameters:\n        - {id: retention, name: {ja: 保存期間, en: Retention}, value: {ja: 1年, en: a year}}"
    )

    @Test func requirementsSetParameterValuesRatingsAndWhatIsInherited() throws {
        let requirements = """
            requirements:
              id: agency-requirements
              name: {ja: 要件, en: Requirements}
              approved: 2017-02-01
              catalogue: test-catalogue
              parameters:
                - {entry: "4.1.4(1)-1 a)", id: retention, value: {ja: 5年, en: five years}}
              ratings:
                - {name: {ja: 可用性, en: Availability}, value: {ja: 可用性2, en: availability 2}}
              inherit: ["4.1.4(1)-1 a)"]

            """
        let result = Self.load(overlay: Self.overlay("") + requirements, base: Self.catalogueWithParameter)
        #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
        let model = try #require(result.model)
        #expect(model.catalogue.entry("4.1.4(1)-1 a)")?.parameters.first?.value.string(.en) == "five years")
        let r = try #require(model.metadata.requirements)
        #expect(r.id == "agency-requirements" && r.approved?.description == "2017-02-01")
        #expect(r.ratings.map { $0.value.string(.en) } == ["availability 2"])
        #expect(r.inherit == ["4.1.4(1)-1 a)"])
    }

    @Test func examplesNotAdoptedAreLeftOut() throws {
        let adoptNone = "requirements:\n  id: r\n  name: {ja: 要件, en: Requirements}\n  adopts: []\n"
        // A basic measure left without an adopted example needs a scope of its own.
        let unscoped = Self.load(overlay: Self.overlay("") + adoptNone)
        #expect(errors(unscoped).map(\.rule) == [.mappingNoScope])
        let scoped = "mapping:\n  - entry: \"4.1.4(1)-1\"\n    scope: [os]\n"
        let result = Self.load(overlay: Self.overlay("") + adoptNone + scoped)
        #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
        let model = try #require(result.model)
        #expect(model.catalogue.entry("4.1.4(1)-1 a)") == nil, "the one example is not adopted")
        #expect(model.catalogue.entry("4.1.4(1)-1") != nil, "a basic measure always stays")
        #expect(!model.mapping.contains { $0.entry == "4.1.4(1)-1 a)" }, "its mapping item went with it")
        let adoptIt = Self.load(overlay: Self.overlay("") + adoptNone.replacingOccurrences(of: "[]", with: "[\"4.1.4(1)-1 a)\"]"))
        #expect(adoptIt.model?.catalogue.entry("4.1.4(1)-1 a)") != nil)
    }

    @Test func requirementsRefuseWhatTheCatalogueLacks() throws {
        let bad = """
            requirements:
              id: r
              name: {ja: 要件, en: Requirements}
              catalogue: another-catalogue
              adopts: ["4.1.4(1)-1"]
              parameters:
                - {entry: "4.1.4(1)-1 a)", id: retention, value: 5}

            """
        let result = Self.load(overlay: Self.overlay("") + bad)
        let messages = errors(result).map(\.message)
        #expect(messages.contains { $0.contains("written against the catalogue 'another-catalogue'") })
        #expect(messages.contains { $0.contains("'4.1.4(1)-1' is not an example item") })
        #expect(messages.contains { $0.contains("has no parameter 'retention'") })
        #expect(
            errors(result).filter { $0.rule != .mappingNoScope }.allSatisfy { $0.location.file == "project/overlay.yaml" },
            "\(errors(result).map(\.description))")
    }

    /// Refining into a party nobody declares is one error at its name, not
    /// every place the base named the refined party.
    @Test func aRefinementIntoAnUndeclaredPartyIsOneErrorAtItsName() throws {
        let result = Self.load(overlay: Self.overlay(Self.refineCustomer))
        let found = errors(result)
        #expect(found.count == 2, "\(found.map(\.description))")
        #expect(found.allSatisfy { $0.location.file == "project/overlay.yaml" && $0.location.line == 6 && $0.rule == .unknownReference })
        #expect(
            found.map(\.message).sorted() == [
                "'customer' becomes 'agency', which no 'parties' section of the overlay or its requirements declares",
                "'customer' becomes 'contractor', which no 'parties' section of the overlay or its requirements declares",
            ])
        #expect(found.first?.suggestion?.contains("requirements: FILE") == true)
    }

    /// The example's overlay names its requirements, so the overlay file alone is the model too.
    @Test func theExampleLoadsFromItsFolderAndFromItsOverlayFile() throws {
        let folder = ModelLoader().load(Self.root.appendingPathComponent("Models/examples/agency-contractor").path)
        let file = ModelLoader().load(Self.root.appendingPathComponent("Models/examples/agency-contractor/overlay.yaml").path)
        #expect(errors(folder).isEmpty && errors(file).isEmpty, "\(file.diagnostics.map(\.description))")
        #expect(folder.model?.parties.map(\.id) == file.model?.parties.map(\.id))
        #expect(file.model?.metadata.requirements?.id == "example-agency-requirements")
    }

    @Test func requirementsInTheirOwnFileAreNamedByTheOverlay() throws {
        let requirements = "requirements:\n  id: r\n  name: {ja: 要件, en: Requirements}\n  inherit: [\"4.1.4(1)(a)\"]\n"
        let overlay = "demarc: 1\noverlay:\n  base: ../base\n  requirements: ../agency/requirements.yaml\n"
        let result = Self.load(overlay: overlay, extra: ["agency/requirements.yaml": requirements])
        #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
        #expect(result.model?.metadata.requirements?.inherit == ["4.1.4(1)(a)"])
        #expect(result.files.contains("agency/requirements.yaml"))
        let missing = Self.load(overlay: overlay)
        #expect(errors(missing).contains { $0.message.contains("the requirements '../agency/requirements.yaml' are not there") })
    }

    /// The example the README shows: an overlay of a few dozen lines equals
    /// the full copy it replaced, cell by cell (roles, coverage, reasons).
    @Test func theAgencyContractorOverlayEqualsTheCopyItReplaced() throws {
        let overlay = ModelLoader().load(Self.root.appendingPathComponent("Models/examples/agency-contractor").path)
        let copy = ModelLoader().load(Self.root.appendingPathComponent("Tests/DemarcModelTests/Fixtures/agency-contractor-copy").path)
        #expect(overlay.diagnostics.filter { $0.severity == .error }.isEmpty, "\(overlay.diagnostics.map(\.description))")
        let a = try #require(overlay.model.flatMap(Derivation.init)), b = try #require(copy.model.flatMap(Derivation.init))
        #expect(a.model.parties.map(\.id) == b.model.parties.map(\.id))
        #expect(a.model.offerings.map(\.owners) == b.model.offerings.map(\.owners))
        #expect(a.model.topics.map(\.responsible) == b.model.topics.map(\.responsible))
        let ma = Self.matrix(a), mb = Self.matrix(b)
        #expect(ma.count == 17 * 3)
        for (x, y) in zip(ma, mb) { #expect(x == y) }
        let lines = try String(contentsOf: Self.root.appendingPathComponent("Models/examples/agency-contractor/overlay.yaml"), encoding: .utf8)
            .split(separator: "\n").count
        #expect(lines < 80, "a few dozen lines, not a copy")
    }

    /// Every cell, as the roles, coverage and reasons the views word (no source positions).
    static func matrix(_ derivation: Derivation) -> [String] {
        derivation.matrix().flatMap { $0 }.map { cell in
            let answers = cell.answers.map { "\($0.topic):\($0.coverage):\($0.basis):\($0.parts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })" }
            return [
                cell.entry, cell.offering, "\(cell.act)", cell.accountable, cell.decides ?? "-", "\(cell.prepares)", "\(cell.duties)",
                "\(cell.outcome)", "\(cell.basis)", "\(cell.layers)", "\(cell.coverage)", "\(answers)", "\(cell.evidence)",
                cell.counterparty ?? "-", "\(cell.risks)",
            ].joined(separator: " | ")
        }
    }
}
