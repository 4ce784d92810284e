import DemarcModel

/// `demarc diff`, worded in one language: the changes grouped per offering,
/// then the model's own (structure, disclosures), each with its classes and,
/// for a role, the reason before and after.
public struct DiffView: Sendable {
    public var title: String
    public var groups: [Group]
    public var isEmpty: Bool { groups.isEmpty }
    /// For the change diagram: "offering/layer" → "▲ was: Customer" where a layer's owner changed.
    public var layerWas: [String: String] = [:]
    public var mark = ""
    public var legend = ""
    public var description = ""
    /// The roles table: its columns, title, and what it says when empty.
    public var columns: [String] = []
    public var movesTitle = ""
    public var noMoves = ""

    public struct Group: Sendable {
        public var heading: String
        public var lines: [Line]
    }

    public struct Line: Sendable {
        public var text: String
        /// The classes, worded ("duty moved to the customer side").
        public var classes: [String]
        /// For a role that moved: why, before and after.
        public var before: String?
        public var after: String?
        /// For the notice's table: the entry, the role, who before and after.
        public var entry: String?
        public var role: String?
        public var was: String?
        public var now: String?
        /// Why it is so now (every row of the notice's table has it).
        public var why: String?
        /// A layer's owners (its row names the layer, not an entry).
        public var isLayer = false
    }
}

extension ModelDiff {
    /// The changes worded: `old` and `new` are the views of the two models in one language.
    public func view(old: Views, new: Views) -> DiffView {
        let words = new.words
        func parties(_ ids: [String], _ views: Views) -> String {
            ids.isEmpty ? words("diff.nobody") : words.list(ids.map { views.words.partyLabel($0) })
        }
        func classes(_ change: Change) -> [String] { change.classes.map { words.diffClass($0) } }
        func entryName(_ id: String) -> String {
            (new.model.catalogue.entry(id) ?? old.model.catalogue.entry(id)).map { "\($0.id) \(new.words.s($0.label))" } ?? id
        }
        func sectionName(_ section: Section, _ id: String) -> String {
            let name: String?
            switch section {
            case .offering: name = (new.model.offering(id) ?? old.model.offering(id)).map { words.s($0.name) }
            case .layer: name = (new.model.layer(id) ?? old.model.layer(id)).map { words.s($0.name) }
            case .party: name = (new.model.party(id) ?? old.model.party(id)).map { words.s($0.name) }
            case .topic: name = (new.model.topic(id) ?? old.model.topic(id)).map { words.s($0.title) }
            case .entry: return entryName(id)
            }
            return name.map { "\($0) (\(id))" } ?? id
        }
        func topicName(_ id: String) -> String { sectionName(.topic, id) }
        func evidenceName(_ topic: String, _ id: String) -> String {
            let evidence = (new.model.topic(topic)?.evidence ?? []) + (old.model.topic(topic)?.evidence ?? [])
            return evidence.first { $0.id == id }.map { words.s($0.title) } ?? id
        }
        /// Why the cell is as it is, before and after.
        func reasons(of entry: String, _ offering: String?, into line: inout DiffView.Line) {
            guard let offering, let a = self.old.cell(entry: entry, offering: offering), let b = self.new.cell(entry: entry, offering: offering)
            else { return }
            line.before = old.words.reason(a, derivation: self.old).body
            line.after = new.words.reason(b, derivation: self.new).body
            line.why = line.after
        }
        func line(_ change: Change) -> DiffView.Line {
            var line = DiffView.Line(text: "", classes: classes(change))
            switch change.item {
            case .added(let section, let id):
                line.text = words("diff.added", ["what": words.diffSection(section), "name": sectionName(section, id)])
            case .removed(let section, let id):
                line.text = words("diff.removed", ["what": words.diffSection(section), "name": sectionName(section, id)])
            case .layerOwners(let layer, let before, let after):
                line.text = words("diff.layer", ["layer": words.layerName(layer), "before": parties(before, old), "after": parties(after, new)])
                (line.entry, line.role, line.was, line.now) = (words.layerName(layer), words("diff.layer.role"), parties(before, old), parties(after, new))
                line.isLayer = true
            case .role(let entry, let role, let before, let after):
                let roleName = words.diffRole(role)
                line.text = words("diff.role", ["entry": entryName(entry), "role": roleName, "before": parties(before, old), "after": parties(after, new)])
                reasons(of: entry, change.offering, into: &line)
                (line.entry, line.role, line.was, line.now) = (entryName(entry), roleName, parties(before, old), parties(after, new))
            case .part(let entry, let party, let before, let after):
                func layers(_ ids: [String]) -> String { ids.isEmpty ? words("diff.nobody") : words.list(ids.map(words.layerLabel)) }
                let who = words.partyLabel(party)
                line.text = words("diff.part", ["entry": entryName(entry), "party": who, "before": layers(before), "after": layers(after)])
                reasons(of: entry, change.offering, into: &line)
                (line.entry, line.role, line.was, line.now) = (
                    entryName(entry), words("diff.part.role", ["party": who]), layers(before), layers(after)
                )
            case .coverage(let entry, let before, let after):
                line.text = words("diff.coverage", ["entry": entryName(entry), "before": words.coverageWord(before), "after": words.coverageWord(after)])
            case .statement(let topic):
                line.text = words("diff.statement", ["topic": topicName(topic)])
            case .evidenceAdded(let topic, let evidence):
                line.text = words("diff.evidence.added", ["topic": topicName(topic), "evidence": evidenceName(topic, evidence)])
            case .evidenceRemoved(let topic, let evidence):
                line.text = words("diff.evidence.removed", ["topic": topicName(topic), "evidence": evidenceName(topic, evidence)])
            case .evidenceValidity(let topic, let evidence, let before, let after):
                line.text = words(
                    "diff.evidence.validity",
                    [
                        "topic": topicName(topic), "evidence": evidenceName(topic, evidence),
                        "before": before?.description ?? words("diff.open"), "after": after?.description ?? words("diff.open"),
                    ])
            }
            return line
        }
        /// The reasons once per cell: on the last of its lines.
        func reasonsOnce(_ lines: [DiffView.Line]) -> [DiffView.Line] {
            var lines = lines
            for i in lines.indices.dropLast() where !lines[i].isLayer && lines[i].entry != nil && lines[i].entry == lines[i + 1].entry {
                lines[i].before = nil
                lines[i].after = nil
            }
            return lines
        }
        var groups: [DiffView.Group] = offerings.map { offering in
            let name = (new.model.offering(offering) ?? old.model.offering(offering)).map { words.s($0.name) } ?? offering
            return DiffView.Group(heading: "\(name) (\(offering))", lines: reasonsOnce(changes(offering: offering).map(line)))
        }
        let rest = changes(offering: nil)
        if !rest.isEmpty { groups.append(DiffView.Group(heading: words("diff.model"), lines: rest.map(line))) }
        let title = words(
            "diff.title",
            [
                "old": "\(old.words.s(old.model.metadata.name)) \(old.model.metadata.version)",
                "new": "\(new.words.s(new.model.metadata.name)) \(new.model.metadata.version)",
            ])
        var view = DiffView(title: title, groups: groups)
        for change in changes {
            guard case .layerOwners(let layer, let before, _) = change.item, let offering = change.offering else { continue }
            view.layerWas["\(offering)/\(layer)"] = words("diff.diagram.was", ["before": parties(before, old)])
        }
        view.mark = words("diff.diagram.mark")
        view.legend = words("diff.diagram.legend")
        view.description = words("diff.diagram.description", ["changes": String(changes.count), "title": title])
        view.columns = ["notice.column.entry", "notice.column.role", "notice.column.before", "notice.column.after"].map { words($0) }
        view.movesTitle = words("notice.moves")
        view.noMoves = words("notice.moves.none")
        return view
    }
}

extension Views {
    /// `demarc diff` as terminal text.
    public func diffText(_ view: DiffView) -> String {
        var out = [view.title]
        if view.isEmpty { return (out + [words("diff.none")]).joined(separator: "\n") + "\n" }
        for group in view.groups {
            out.append("")
            out.append("■ " + group.heading)
            for line in group.lines {
                out.append("  - " + line.text + (line.classes.isEmpty ? "" : words("diff.classes", ["classes": words.list(line.classes)])))
                if let before = line.before { out.append("      " + words("diff.before", ["reason": before])) }
                if let after = line.after { out.append("      " + words("diff.after", ["reason": after])) }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `demarc diff --format markdown`: a change notice to customers
    /// (改版履歴): what changed, why (the new version's `model.revisions`),
    /// which duties move to whom, from when (`model.effective`).
    public func changeNotice(_ view: DiffView, old: Model) -> String {
        let metadata = model.metadata
        func cell(_ text: String) -> String { Escape.markdownCell(text) }
        var out = ["# " + Escape.markdownText(words("notice.title", ["model": words.s(metadata.name)])), ""]
        out.append(Escape.markdownText(words("notice.versions", ["old": old.metadata.version, "new": metadata.version, "date": metadata.asOf.description])))
        out.append("")
        out.append(
            Escape.markdownText(metadata.effective.map { words("notice.effective", ["date": $0.description]) } ?? words("notice.effective.none")))
        out += ["", "## " + words("notice.why"), ""]
        if let revision = metadata.revisions.first(where: { $0.version == metadata.version }) {
            out.append(Escape.markdownText(words.s(revision.reason)))
        } else {
            out.append(Escape.markdownText(words("notice.why.none")))
        }
        out += ["", "## " + words("notice.moves"), ""]
        let moving = view.groups.map { group in (group, group.lines.filter { $0.role != nil }) }.filter { !$0.1.isEmpty }
        if moving.isEmpty { out.append(words("notice.moves.none")) }
        for (group, lines) in moving {
            out += ["### " + Escape.markdownText(group.heading), ""]
            let columns = ["notice.column.entry", "notice.column.role", "notice.column.before", "notice.column.after", "notice.column.why"].map { words($0) }
            out.append("| " + columns.joined(separator: " | ") + " |")
            out.append("|" + String(repeating: " --- |", count: columns.count))
            for line in lines {
                let why = [line.classes.isEmpty ? nil : words.list(line.classes), line.why].compactMap { $0 }.joined(separator: words("notice.why.separator"))
                out.append("| " + [line.entry ?? "", line.role ?? "", line.was ?? "", line.now ?? "", why].map(cell).joined(separator: " | ") + " |")
            }
            out.append("")
        }
        let other = view.groups.flatMap { group in group.lines.filter { $0.role == nil }.map { (group.heading, $0) } }
        if !other.isEmpty {
            out += ["", "## " + words("notice.other"), ""]
            for (heading, line) in other {
                out.append(
                    "- " + Escape.markdownText(heading + words("notice.heading.separator") + line.text)
                        + (line.classes.isEmpty ? "" : Escape.markdownText(words("diff.classes", ["classes": words.list(line.classes)]))))
            }
        }
        return out.joined(separator: "\n").replacingOccurrences(of: "\n\n\n", with: "\n\n") + "\n"
    }
}

extension Wording {
    public func diffClass(_ c: ModelDiff.Class) -> String {
        switch c {
        case .dutyToCustomer: return strings("diff.class.duty-to-customer")
        case .dutyToProvider: return strings("diff.class.duty-to-provider")
        case .dutyMoved: return strings("diff.class.duty-moved")
        case .disclosureReduced: return strings("diff.class.disclosure-reduced")
        case .disclosureExtended: return strings("diff.class.disclosure-extended")
        case .evidenceRenewed: return strings("diff.class.evidence-renewed")
        case .wordingOnly: return strings("diff.class.wording-only")
        case .structure: return strings("diff.class.structure")
        }
    }

    public func diffSection(_ s: ModelDiff.Section) -> String {
        switch s {
        case .offering: return strings("diff.section.offering")
        case .layer: return strings("diff.section.layer")
        case .party: return strings("diff.section.party")
        case .topic: return strings("diff.section.topic")
        case .entry: return strings("diff.section.entry")
        }
    }

    public func diffRole(_ r: ModelDiff.CellRole) -> String {
        switch r {
        case .accountable: return strings("role.accountable")
        case .decides: return strings("role.decides")
        case .prepares: return strings("role.prepares")
        case .does: return strings("role.does")
        case .evidence: return strings("role.supplies")
        }
    }
}
