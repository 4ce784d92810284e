import DemarcModel
import DemarcViews

/// The text reports of one language: `<lang>/explain.txt` (what
/// `demarc explain --all` prints) and `<lang>/obligations-<offering>.txt`
/// (what `demarc obligations` prints, with the role table).
struct ReportsPart: BuildPart {
    static let name = PartName.reports.rawValue

    func plan(_ input: PartInput) -> PartPlan {
        let views = input.views
        let header = views.reportHeader().joined(separator: "\n") + "\n\n"
        let base = input.language.code
        var plan = PartPlan()
        let explanations = views.model.catalogue.entries.map { views.explanation($0, offerings: input.offerings) }
        plan.files["\(base)/explain.txt"] = Array((header + explanations.joined(separator: "\n")).utf8)
        for offering in input.offerings {
            let text = header + views.obligationsText(offering) + "\n\n" + views.roleTableText(offering) + "\n"
            plan.files["\(base)/obligations-\(offering.id).txt"] = Array(text.utf8)
        }
        return plan
    }
}
