import DemarcModel

/// One offering: its stack with the demarcation point, and its controls,
/// grouped under their requirement.
public struct OfferingView: Sendable {
    public var id: String
    public var name: String
    public var title: String
    /// What the SVG's description says: the stack in words and the counts.
    public var description: String
    public var stack: StackView
    /// Layer labels for the matrix columns, bottom to top.
    public var layerLabels: [String]
    public var rows: [ControlRow]
    /// What the rows left out come to, when some are.
    public var omitted: String?
    public var legend: LegendView
    public var caption: String
}

/// One control in an offering's matrix.
public struct ControlRow: Sendable, Hashable {
    public var entry: String
    public var slug: String
    public var title: String
    /// 0 for a requirement, 1 for a basic measure, 2 for an example item.
    public var depth: Int
    /// The entry id and title, for a link's tooltip.
    public var tooltip: String
    public var marks: LayerMarks
    public var outcome: OutcomeView
    public var coverage: CoverageView
}

extension Views {
    /// The view of one offering, listing at most `rowsPerGroup` controls per
    /// requirement and `maxRows` in all; the rest are summarised in `omitted`.
    public func offering(_ offering: Offering, rowsPerGroup: Int = .max, maxRows: Int = .max) -> OfferingView {
        let cells = Dictionary(derivation.cells(offering: offering.id).map { ($0.entry, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [ControlRow] = []
        var omitted: [Cell] = []
        for group in model.catalogue.groups() {
            var shownInGroup = 0
            for entry in [group.requirement] + group.members {
                guard let cell = cells[entry.id] else { continue }
                if shownInGroup >= rowsPerGroup || rows.count >= maxRows {
                    omitted.append(cell)
                    continue
                }
                rows.append(
                    ControlRow(
                        entry: entry.id, slug: entry.slug, title: s(entry.label),
                        depth: entry.id == group.requirement.id ? 0 : model.catalogue.depth(of: entry),
                        tooltip: "\(entry.id) \(s(entry.label))", marks: layerMarks(cell),
                        outcome: outcome(cell), coverage: coverage(cell.coverage)))
                shownInGroup += 1
            }
        }
        let layerWords = model.layers.map { layer in
            words("offering.description.layer", ["layer": s(layer.name), "owner": offering.owners[layer.id].map(words.ownerWords) ?? "?"])
        }
        let all = derivation.cells(offering: offering.id)
        let description = words(
            "offering.description",
            [
                "offering": s(offering.name), "layers": layerWords.joined(separator: words("offering.description.separator")),
                "count": String(all.count), "gaps": String(all.filter { $0.coverage == .none }.count), "caption": words.caption,
            ])
        return OfferingView(
            id: offering.id, name: s(offering.name), title: words("offering.title", ["offering": s(offering.name)]),
            description: description, stack: stack(offering), layerLabels: model.layers.map { s($0.label) },
            rows: rows, omitted: omitted.isEmpty ? nil : summary(of: omitted), legend: legend(parties: partiesShown(offering)), caption: words.caption)
    }

    /// "… and 940 more (Provider 300, Customer 500, shared 140; 80 gaps)".
    func summary(of cells: [Cell]) -> String {
        var counts: [String: Int] = [:]
        var shared = 0, gaps = 0
        for cell in cells {
            if cell.outcome.parties.count > 1 { shared += 1 } else if let p = cell.outcome.parties.first { counts[p, default: 0] += 1 }
            if cell.coverage == .none { gaps += 1 }
        }
        var pieces = parties.compactMap { p in counts[p.id].map { words("summary.party", ["party": p.label, "count": String($0)]) } }
        if shared > 0 { pieces.append(words("summary.shared", ["count": String(shared)])) }
        return words(
            "summary.more",
            [
                "count": String(cells.count), "pieces": pieces.joined(separator: words("summary.separator")),
                "gaps": String(gaps),
            ])
    }
}

extension Catalogue {
    /// Requirements with their basic measures and example items below them,
    /// in catalogue order (depth first).
    public func groups() -> [(requirement: Entry, members: [Entry])] {
        let ids = Set(entries.map(\.id))
        let roots = entries.filter { $0.parent == nil || !ids.contains($0.parent!) }
        return roots.map { root in
            var members: [Entry] = []
            var seen: Set<String> = [root.id]
            func walk(_ id: String) {
                for child in children(of: id) where !seen.contains(child.id) {
                    seen.insert(child.id)
                    members.append(child)
                    walk(child.id)
                }
            }
            walk(root.id)
            return (root, members)
        }
    }

    /// How many parents an entry has above it.
    public func depth(of entry: Entry) -> Int {
        var depth = 0
        var current = entry
        var seen: Set<String> = []
        while let p = current.parent, let parent = self.entry(p), !seen.contains(p) {
            seen.insert(p)
            depth += 1
            current = parent
        }
        return depth
    }
}
