@testable import DemarcDiagrams
import DemarcModel
import DemarcViews
import Foundation
import Testing

@Suite("Diagrams: golden DOT")
struct GoldenDOTTests {
    @Test(arguments: [Language.ja, .en])
    func defaultModel(_ language: Language) throws {
        for diagram in Models.all(Models.p2, language)
        where diagram.kind != .control || diagram.id == "control-4-1-4-1-2-d" || diagram.id == "control-4-1-4-1-2" {
            try assertSnapshot(diagram.dot, named: "p2-\(language.code)-\(diagram.id).dot")
        }
    }

    @Test(arguments: [Language.ja, .en])
    func agencyContractorExample(_ language: Language) throws {
        for diagram in Models.all(Models.agencyContractor, language) where diagram.kind != .control || diagram.id == "control-4-1-4-1-2-f" {
            try assertSnapshot(diagram.dot, named: "ac-\(language.code)-\(diagram.id).dot")
        }
    }
}

@Suite("Diagrams: facts, escaping, scale, contrast")
struct DiagramTests {
    /// The layer rows of an offering diagram's stack, top to bottom, with the
    /// demarcation band as "|", read from the DOT (ports and the band's id).
    static func stackOrder(_ dot: String) -> [String] {
        var order: [String] = []
        for match in dot.matches(of: /PORT="([a-z0-9_]+)"|ID="demarcation"/) {
            order.append(match.1.map(String.init) ?? "|")
        }
        return order
    }

    @Test func demarcationSitsBetweenTheRightLayersForEachP2Offering() throws {
        let c = Models.context(Models.p2, .ja)
        let expected = [
            "virtual-server": ["data", "application", "os", "|", "hypervisor", "hardware", "facility"],
            "bare-metal": ["data", "application", "os", "hypervisor", "|", "hardware", "facility"],
            "vw-series": ["data", "application", "os", "hypervisor", "|", "hardware", "facility"],
        ]
        for offering in Models.p2.model.offerings {
            let dot = OfferingDiagram.make(offering, context: c).dot
            #expect(Self.stackOrder(dot) == expected[offering.id], "\(offering.id)")
        }
        // In the comparison, each column's band: virtual server between hypervisor and OS; the others above hardware.
        let views = c.views, model = Models.p2.model
        #expect(views.demarcations(model.offering("virtual-server")!) == [2])
        #expect(views.demarcations(model.offering("bare-metal")!) == [1])
        #expect(views.demarcations(model.offering("vw-series")!) == [1])
    }

    @Test func ownersAreNamedInWordsNotColourAlone() throws {
        let dot = OfferingDiagram.make(Models.p2.model.offering("bare-metal")!, context: Models.context(Models.p2, .en)).dot
        #expect(dot.contains("<B>Provider</B>"))
        #expect(dot.contains("<B>Customer</B>"))
        #expect(dot.contains("not applicable"))
        #expect(dot.contains("customer side — demarcation point — provider side"))
        #expect(dot.contains("✕ gap"))
    }

    /// Model text is untrusted: it reaches labels, tooltips and links escaped once.
    @Test func hostileTextIsEscapedInTheDOT() throws {
        for diagram in HostileModel.diagrams() {
            #expect(!diagram.dot.contains("<b>x</b>"))
            #expect(diagram.dot.contains("A &amp; B &lt;b&gt;x&lt;/b&gt; &quot;q&quot; &#39;a&#39; &#92;&#8203;N"))
        }
    }

    @Test func identifiersAreMadeOfIdCharactersOnly() {
        #expect(DOT.identifier("offering-vw series") == "offering_vw_series")
    }

    @Test func aLargeModelGivesBoundedReadableDiagrams() throws {
        let m = Models.synthetic()
        #expect(m.model.catalogue.entries.count == 1_000)
        #expect(m.model.layers.count == 10 && m.model.offerings.count == 8 && m.model.parties.count == 4)
        let c = Models.context(m, .ja)
        let offering = OfferingDiagram.make(m.model.offerings[0], context: c)
        let comparison = ComparisonDiagram.make(offerings: m.model.offerings, context: c)
        for diagram in [offering, comparison] {
            // One node; a bounded number of rows, whatever the catalogue's size.
            #expect(diagram.dot.matches(of: /\[label=</).count == 1)
            #expect(diagram.dot.components(separatedBy: "<TR>").count < 120, "\(diagram.id)")
        }
        #expect(offering.dot.contains("…ほか"))
        #expect(comparison.dot.contains("…ほか"))
        // The summary counts what it hides.
        let hidden = try #require(offering.dot.firstMatch(of: /…ほか (\d+) 件/))
        #expect(Int(hidden.1)! == 1_000 - OfferingDiagram.maxRows)
    }

    @Test func aOneCellChangeDoesNotReshuffleTheRest() throws {
        var model = Models.agencyContractor.model
        let c1 = Models.context(Models.derive(model), .ja, links: .none)
        let before = OfferingDiagram.make(model.offering("vw-series")!, context: c1).dot.components(separatedBy: "<TR>")
        let index = model.offerings.firstIndex { $0.id == "vw-series" }!
        model.offerings[index].owners["os"] = .party("agency")
        let c2 = Models.context(Models.derive(model), .ja, links: .none)
        let after = OfferingDiagram.make(model.offering("vw-series")!, context: c2).dot.components(separatedBy: "<TR>")
        #expect(before.count == after.count)
        let changed = zip(before, after).filter { $0 != $1 }.count
        // The OS row, and the controls whose scope includes the OS, nothing else.
        let withOS = Derivation(model: model)!.cells(offering: "vw-series").filter { $0.layers.contains { $0.layer == "os" } }.count
        #expect(changed >= 1 && changed <= 1 + withOS + 2, "\(changed) rows changed")
    }

    @Test func sameModelSameDOT() {
        let a = Models.all(Models.p2, .ja).map(\.dot)
        let b = Models.all(Models.load("Models/iij-gio-p2"), .ja).map(\.dot)
        #expect(a == b)
    }
}

@Suite("Contrast of every emitted colour pair")
struct ContrastTests {
    @Test(arguments: [Palette.Theme.light, .dark])
    func everyPairInEveryDiagramPasses(_ theme: Palette.Theme) {
        for m in [Models.p2, Models.agencyContractor, Models.synthetic(requirements: 2, items: 3)] {
            for language in Language.defaults {
                for diagram in Models.all(m, language, theme: theme) {
                    #expect(!diagram.contrast.isEmpty)
                    for pair in diagram.contrast where !pair.passes {
                        Issue.record(
                            "\(diagram.id) (\(theme)): \(pair.what) \(pair.foreground) on \(pair.background) is \(pair.ratio):1, needs \(pair.required):1")
                    }
                }
            }
        }
    }

    /// Every text colour in the DOT is one the diagram recorded and checked.
    @Test func recordedPairsCoverTheColoursInTheDOT() {
        for diagram in Models.all(Models.agencyContractor, .ja) {
            let used = Set(diagram.dot.matches(of: /FONT COLOR="(#[0-9a-f]{6})"/).map { String($0.1) })
            let recorded = Set(diagram.contrast.map(\.foreground.description))
            #expect(used.isSubset(of: recorded), "\(diagram.id): \(used.subtracting(recorded))")
        }
    }

    /// A weak colour from a model is darkened until it passes; without the
    /// fallback the recorded pair would fail and so would this test.
    @Test(arguments: [Palette.Theme.light, .dark])
    func weakModelColoursGetAFallback(_ theme: Palette.Theme) {
        let m = Models.synthetic(requirements: 1, items: 2, colours: ["#ffcc00", "#f0f0f0", "#00ff00", "#777777"])
        for diagram in Models.all(m, .en, theme: theme) {
            for pair in diagram.contrast {
                #expect(pair.passes, "\(diagram.id) (\(theme)): \(pair.what) \(pair.foreground) on \(pair.background) \(pair.ratio)")
            }
            if theme == .light {
                #expect(!diagram.dot.contains("COLOR=\"#ffcc00\""), "the weak colour is not used as text on white")
            }
        }
    }
}

@Suite("Line breaking")
struct WrapTests {
    /// Every word survives a break: joining the lines with spaces gives the text back.
    @Test func noWordIsGluedToTheNextAtABreak() {
        let text =
            "For vulnerabilities in the equipment the provider manages, please state whether vulnerability scanning tools and penetration tests are used; there is no Hypervisor here, so the provider and the customer share it."
        for limit in [20, 37, 50, 64, 110] {
            let wrapped = Wrap.lines(text, limit: limit)
            #expect(wrapped.replacingOccurrences(of: "\n", with: " ") == text, "limit \(limit): \(wrapped)")
        }
    }

    @Test func latinBreaksAtSpaces() {
        #expect(
            Wrap.lines("Hardware (physical servers, storage, network equipment)", limit: 30)
                == "Hardware (physical servers,\nstorage, network equipment)")
    }

    @Test func japaneseBreaksAtGoodPlaces() {
        #expect(Wrap.lines("ハードウェア（物理サーバ・ストレージ・ネットワーク機器）", limit: 30) == "ハードウェア（物理サーバ・\nストレージ・ネットワーク機器）")
        #expect(Wrap.lines("ミドルウェア・アプリケーション", limit: 30) == "ミドルウェア・アプリケーション")
        // Never a closing bracket or small kana at the start of a line.
        for line in Wrap.lines(String(repeating: "クラウドサービス（利用者）、ショップ。", count: 8), limit: 21).split(separator: "\n") {
            #expect(!Wrap.noBreakBefore(Wrap.single(line.first!)), "\(line)")
            #expect(line.reduce(0) { $0 + Wrap.width($1) } <= 21 + 2)
        }
    }
}
