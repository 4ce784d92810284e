import ArgumentParser
import DemarcModel

/// `demarc obligations [--offering ID] [--lang ja|en]`
struct ObligationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obligations",
        abstract: "List, per offering and customer-side party, its duties, what the agency must write into the specification or contract, and what to ask the provider."
    )

    @Option(name: .long, help: "Only this offering (id).")
    var offering: String?

    @Option(name: .long, help: "ja (default) or en.")
    var lang: Language = .ja

    @Option(name: .long, help: "A model file or folder (default: the embedded default model).")
    var model: String?

    func run() throws {
        let (model, derivation) = try ModelInput.derived(self.model)
        let view = ExplainView(model: model, derivation: derivation, language: lang)
        for offering in ModelInput.offerings(offering, in: model) {
            print(view.render(obligations: derivation.obligations(offering: offering.id), of: offering))
        }
    }
}

extension ExplainView {
    func render(obligations: [Obligations], of offering: Offering) -> String {
        var out = ["■ \(s(offering.name)) [\(offering.id)]"]
        for o in obligations {
            out.append("")
            out.append("  \(party(o.party))" + (o.isAccountable ? t("（説明責任者）", " (accountable)") : ""))
            out.append("    " + t("実施する事項", "duties") + " (\(o.duties.count)):")
            for cell in o.duties {
                let entry = model.catalogue.entry(cell.entry)
                let shared = cell.outcome.parties.count > 1 ? t("（分担）", " (shared)") : ""
                out.append("      - \(cell.entry) \(s(entry?.label))\(shared)")
            }
            if !o.demands.isEmpty {
                out.append("    " + t("仕様書・契約に記載する事項", "write into the specification or contract") + ":")
                for demand in o.demands {
                    out.append("      - [\(s(demand.into.label))] \(demand.entry): \(s(demand.text))")
                    for condition in demand.conditions { out.append("        " + t("条件", "condition") + ": \(s(condition))") }
                    for item in demand.items {
                        let params = item.parameters.map { "\(s($0.name)) \(s($0.value))" }.joined(separator: "; ")
                        out.append("        · \(item.entry) \(s(item.title)) → \(outcome(item.outcome))" + (params.isEmpty ? "" : " [\(params)]"))
                    }
                }
            }
            if !o.questions.isEmpty {
                out.append("    " + t("事業者への確認事項", "ask the provider") + ":")
                for q in o.questions {
                    out.append("      - \(q.entry) (\(s(q.coverage.label))): \(s(q.text))")
                }
            }
        }
        return out.joined(separator: "\n")
    }
}
