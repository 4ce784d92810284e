import DemarcModel
import DemarcTestSupport
@testable import DemarcViews
import Foundation
import Testing

/// `demarc diff` on crafted pairs of models: one per kind of change, with the
/// entries expected in every form (the structure, text, JSON, the notice).
@Suite("What changed between two models")
struct DiffTests {
    static let old = Fixture.p2

    static func changed(_ edit: (inout Model) -> Void) throws -> ModelDiff {
        var model = old.model
        edit(&model)
        return ModelDiff(old: old, new: try #require(Derivation(model: model)))
    }

    static func forms(_ diff: ModelDiff, _ language: Language = .en) throws -> (text: String, json: String, notice: String) {
        let new = try Views(derivation: diff.new, language: language), before = try Views(derivation: diff.old, language: language)
        let view = diff.view(old: before, new: new)
        return (new.diffText(view), diff.json(), new.changeNotice(view, old: diff.old.model))
    }

    @Test func theSameModelHasNoChanges() throws {
        let diff = ModelDiff(old: Self.old, new: Self.old)
        #expect(diff.isEmpty)
        let (text, json, notice) = try Self.forms(diff)
        #expect(text.hasSuffix("No changes.\n"))
        #expect(json.contains("\"changed\": false"))
        #expect(notice.contains("No duty moves."))
    }

    /// The acceptance case: the provider runs the VW series' hypervisor.
    @Test func aLayerThatChangesHandsMovesItsDutiesWithBothReasons() throws {
        let diff = try Self.changed { model in
            let i = model.offerings.firstIndex { $0.id == "vw-series" }!
            model.offerings[i].owners["hypervisor"] = .party("provider")
        }
        #expect(diff.offerings == ["vw-series"])
        let first = try #require(diff.changes.first)
        #expect(first.item == .layerOwners(layer: "hypervisor", before: ["customer"], after: ["provider"]))
        #expect(first.classes == [.dutyToProvider])
        #expect(diff.changes.contains { $0.item == .role(entry: "4.1.4(1)-1 a)", role: .does, before: ["provider", "customer"], after: ["provider"]) })
        #expect(
            diff.changes.contains {
                $0.item == .part(entry: "4.1.4(1)-2 d)", party: "customer", before: ["hypervisor", "os", "application"], after: ["os", "application"])
            })
        #expect(diff.classes == [.dutyToProvider])
        #expect(diff.changed(in: [.duty]) && !diff.changed(in: [.coverage, .disclosure, .structure]))
        let (text, json, notice) = try Self.forms(diff)
        #expect(text.contains("■ Virtualization platform VW series (vw-series)"))
        #expect(text.contains("- Hypervisor (virtualisation platform): Customer → Provider [duty moved to the provider side]"), "\(text)")
        #expect(text.contains("4.1.4(1)-1 a) Recovery requirements upon interruption of the service — does: Provider and Customer → Provider"))
        #expect(text.contains("before: Nothing is disclosed on this") && text.contains("so the provider does it."))
        #expect(json.contains("\"kind\": \"role\"") && json.contains("\"role\": \"does\"") && json.contains("\"duty-to-provider\""))
        #expect(notice.contains("## Which duties move to whom"))
        #expect(
            notice.contains(
                "| 4.1.4(1)-1 a) Recovery requirements upon interruption of the service | does | Provider and Customer | Provider | duty moved to the provider side: "
            ))
        let ja = try Self.forms(diff, .ja).notice
        #expect(ja.contains("# 改版のお知らせ：") && ja.contains("| 項目・階層 | 役割 | 変更前 | 変更後 | 理由 |"))
        #expect(ja.contains("| ハイパーバイザ（仮想化基盤） | 階層の担い手 | 利用者 | 事業者 | 事業者側へ移る責任 |"), "\(ja)")
    }

    @Test func aDutyMovedToTheCustomerIsClassedSo() throws {
        let diff = try Self.changed { model in
            let i = model.offerings.firstIndex { $0.id == "virtual-server" }!
            model.offerings[i].owners["hypervisor"] = .party("customer")
        }
        #expect(diff.changes.first?.classes == [.dutyToCustomer])
        #expect(try Self.forms(diff).text.contains("[duty moved to the customer side]"))
    }

    @Test func lessCoverageIsDisclosureReduced() throws {
        let diff = try Self.changed { model in
            let i = model.mapping.firstIndex { $0.entry == "4.1.4(1)-2 d)" }!
            for k in model.mapping[i].answers.indices { model.mapping[i].answers[k].coverage = .customerOnly }
        }
        let change = try #require(diff.changes.first { if case .coverage = $0.item { return true } else { return false } })
        #expect(change.item == .coverage(entry: "4.1.4(1)-2 d)", before: .partial, after: .customerOnly))
        #expect(change.classes == [.disclosureReduced])
        #expect(diff.changed(in: [.coverage]))
        let (text, json, _) = try Self.forms(diff)
        #expect(
            text.contains("4.1.4(1)-2 d) Vulnerability countermeasures — disclosure: partial → customer's job only [disclosure or evidence reduced]"), "\(text)"
        )
        #expect(json.contains("\"before\": \"partial\"") && json.contains("\"after\": \"customer-only\""))
    }

    @Test func evidenceRenewedRemovedAndAStatementRewordedOnly() throws {
        let topic = try #require(Self.old.model.topics.first { $0.evidence.count >= 2 })
        let index = Self.old.model.topics.firstIndex { $0.id == topic.id }!
        // The old version: the SOC report valid to 2026-03-31.
        var before = Self.old.model
        before.topics[index].evidence[0].validUntil = Day(year: 2026, month: 3, day: 31)
        var after = before
        after.topics[index].evidence[0].validUntil = Day(year: 2027, month: 3, day: 31)
        after.topics[index].evidence.remove(at: 1)
        after.topics[index].statement = Text(ja: after.topics[index].statement.ja + "。", en: (after.topics[index].statement.en ?? "") + " (reworded)")
        let diff = ModelDiff(old: try #require(Derivation(model: before)), new: try #require(Derivation(model: after)))
        #expect(diff.changes.contains { $0.item == .evidenceRemoved(topic: topic.id, evidence: topic.evidence[1].id) && $0.classes == [.disclosureReduced] })
        #expect(
            diff.changes.contains {
                $0.item
                    == .evidenceValidity(
                        topic: topic.id, evidence: topic.evidence[0].id, before: Day(year: 2026, month: 3, day: 31), after: Day(year: 2027, month: 3, day: 31))
                    && $0.classes == [.evidenceRenewed]
            })
        #expect(diff.changes.contains { $0.item == .statement(topic: topic.id) && $0.classes == [.wordingOnly] })
        let (text, json, notice) = try Self.forms(diff)
        #expect(text.contains("valid until 2026-03-31 → 2027-03-31 [evidence renewed]"), "\(text)")
        #expect(text.contains("the statement changed [wording only]"))
        #expect(json.contains("\"kind\": \"evidence-validity\"") && json.contains("\"wording-only\""))
        #expect(notice.contains("## Other changes"))
    }

    @Test func offeringsAndTopicsAddedOrRemovedAreStructure() throws {
        let diff = try Self.changed { model in
            model.offerings.removeAll { $0.id == "bare-metal" }
            var extra = model.offerings[0]
            extra.id = "new-offering"
            model.offerings.append(extra)
        }
        #expect(diff.changes.contains { $0.item == .removed(.offering, id: "bare-metal") && $0.classes == [.structure] })
        #expect(diff.changes.contains { $0.item == .added(.offering, id: "new-offering") })
        #expect(diff.changed(in: [.structure]) && !diff.changed(in: [.duty]))
        let text = try Self.forms(diff).text
        #expect(text.contains("offering removed: Physical (bare-metal) server (bare-metal) [structure]"), "\(text)")
    }

    @Test func markdownNoticeEscapesModelText() {
        #expect(Escape.markdownText("a *b* [c](d) <e> | f") == #"a \*b\* \[c\](d) \<e\> \| f"#)
        #expect(Escape.markdownText("- item\n# heading") == "\\- item\n\\# heading")
        #expect(Escape.markdownCell("two\nlines | pipe") == #"two lines \| pipe"#)
    }

    /// The notice says why and from when, from the new version's history.
    @Test func theNoticeQuotesTheRevisionAndTheEffectiveDate() throws {
        let diff = try Self.changed { model in
            model.metadata.version = "1.1.0"
            model.metadata.effective = Day(year: 2017, month: 7, day: 1)
            model.metadata.revisions = [
                Revision(
                    version: "1.1.0", date: Day(year: 2017, month: 4, day: 1),
                    reason: Text(ja: "ハイパーバイザを事業者が運用する。", en: "The provider now runs the hypervisor."))
            ]
            let i = model.offerings.firstIndex { $0.id == "vw-series" }!
            model.offerings[i].owners["hypervisor"] = .party("provider")
        }
        let notice = try Self.forms(diff).notice
        #expect(notice.contains("Version 1.0.0 → 1.1.0"))
        #expect(notice.contains("These changes take effect on 2017-07-01."))
        #expect(notice.contains("## Why\n\nThe provider now runs the hypervisor."), "\(notice)")
    }
}
