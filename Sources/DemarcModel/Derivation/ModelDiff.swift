/// What changed between two versions of a model, by stable ids: the
/// structure (offerings, layers, parties, topics, entries added or removed),
/// layer ownership per offering, every role of every cell, coverage per
/// cell, and the disclosures (statements, evidence and its validity) — each
/// change classed (a duty moved to the customer side, disclosure reduced,
/// evidence renewed, wording only…). Structured, never worded: the views
/// word it (`DiffView`), the command line writes it as JSON.
public struct ModelDiff: Sendable {
    public let old: Derivation
    public let new: Derivation
    /// In a stable order: per offering (the new model's order, then removed
    /// ones), structure first, then layers top down, then entries in
    /// catalogue order; changes to topics after the offerings.
    public let changes: [Change]

    public var isEmpty: Bool { changes.isEmpty }

    /// The kinds of thing a change is about.
    public enum Section: String, Sendable, CaseIterable {
        case offering, layer, party, topic, entry
    }

    /// A role of a cell.
    public enum CellRole: String, Sendable, CaseIterable {
        case accountable, decides, prepares, does, evidence
    }

    /// How a change matters to the customer.
    public enum Class: String, Sendable, CaseIterable, Comparable {
        /// A duty moved from the provider's side to the customer's.
        case dutyToCustomer = "duty-to-customer"
        /// A duty moved from the customer's side to the provider's.
        case dutyToProvider = "duty-to-provider"
        /// A duty moved between parties of one side.
        case dutyMoved = "duty-moved"
        /// Less is disclosed: lower coverage, evidence removed or expiring sooner.
        case disclosureReduced = "disclosure-reduced"
        /// More is disclosed.
        case disclosureExtended = "disclosure-extended"
        /// Evidence valid for longer (a new report or certificate).
        case evidenceRenewed = "evidence-renewed"
        /// A statement reworded without any role or coverage changing.
        case wordingOnly = "wording-only"
        /// Offerings, layers, parties, topics or entries added or removed.
        case structure

        public static func < (a: Class, b: Class) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    public enum Item: Sendable, Equatable {
        case added(Section, id: String)
        case removed(Section, id: String)
        /// The owners of a layer in an offering ([] where it does not apply).
        case layerOwners(layer: String, before: [String], after: [String])
        /// The parties holding one role of a cell.
        case role(entry: String, role: CellRole, before: [String], after: [String])
        /// The layers one doer does of a cell, where they changed.
        case part(entry: String, party: String, before: [String], after: [String])
        case coverage(entry: String, before: Coverage, after: Coverage)
        /// A topic's statement (for one offering, or for all).
        case statement(topic: String)
        case evidenceAdded(topic: String, evidence: String)
        case evidenceRemoved(topic: String, evidence: String)
        case evidenceValidity(topic: String, evidence: String, before: Day?, after: Day?)
    }

    public struct Change: Sendable, Equatable {
        /// The offering it concerns; nil for topics, parties, layers and entries as such.
        public var offering: String?
        public var item: Item
        public var classes: [Class]
    }

    public init(old: Derivation, new: Derivation) {
        self.old = old
        self.new = new
        var changes: [Change] = []
        let oldModel = old.model, newModel = new.model
        func side(_ party: String, in model: Model) -> Side? { model.party(party)?.side }

        // The structure.
        func compare(_ section: Section, _ before: [String], _ after: [String]) {
            let kept = Set(before).intersection(after)
            for id in after where !kept.contains(id) { changes.append(Change(offering: nil, item: .added(section, id: id), classes: [.structure])) }
            for id in before where !kept.contains(id) {
                changes.append(
                    Change(offering: nil, item: .removed(section, id: id), classes: section == .topic ? [.structure, .disclosureReduced] : [.structure]))
            }
        }
        compare(.party, oldModel.parties.map(\.id), newModel.parties.map(\.id))
        compare(.layer, oldModel.layers.map(\.id), newModel.layers.map(\.id))
        compare(.entry, oldModel.catalogue.entries.map(\.id), newModel.catalogue.entries.map(\.id))
        compare(.topic, oldModel.topics.map(\.id), newModel.topics.map(\.id))
        let oldOfferings = oldModel.offerings.map(\.id), newOfferings = newModel.offerings.map(\.id)
        for id in newOfferings where !oldOfferings.contains(id) {
            changes.append(Change(offering: id, item: .added(.offering, id: id), classes: [.structure]))
        }
        for id in oldOfferings where !newOfferings.contains(id) {
            changes.append(Change(offering: id, item: .removed(.offering, id: id), classes: [.structure]))
        }

        /// How parties moving between `before` and `after` matter.
        func classes(_ before: [String], _ after: [String]) -> [Class] {
            guard before != after else { return [] }
            let was = Set(before.compactMap { side($0, in: oldModel) }), now = Set(after.compactMap { side($0, in: newModel) })
            if now.contains(.customer) && (!was.contains(.customer) || was.contains(.provider) && !now.contains(.provider)) { return [.dutyToCustomer] }
            if now.contains(.provider) && (!was.contains(.provider) || was.contains(.customer) && !now.contains(.customer)) { return [.dutyToProvider] }
            return [.dutyMoved]
        }

        // Per offering present in both: layer owners, then every cell.
        for offering in newModel.offerings where oldOfferings.contains(offering.id) {
            guard let before = oldModel.offering(offering.id) else { continue }
            for layer in newModel.layers.reversed() where oldModel.layer(layer.id) != nil {
                let was = before.owners[layer.id]?.parties ?? [], now = offering.owners[layer.id]?.parties ?? []
                if was != now {
                    changes.append(Change(offering: offering.id, item: .layerOwners(layer: layer.id, before: was, after: now), classes: classes(was, now)))
                }
            }
            for entry in newModel.catalogue.entries {
                guard let a = old.cell(entry: entry.id, offering: offering.id), let b = new.cell(entry: entry.id, offering: offering.id) else { continue }
                let roles: [(CellRole, [String], [String])] = [
                    (.accountable, [a.accountable], [b.accountable]), (.decides, a.decides.map { [$0] } ?? [], b.decides.map { [$0] } ?? []),
                    (.prepares, a.prepares, b.prepares), (.does, a.outcome.parties, b.outcome.parties),
                    (.evidence, Self.unique(a.evidence.map(\.party)), Self.unique(b.evidence.map(\.party))),
                ]
                for (role, was, now) in roles where was != now {
                    let kind: [Class] = role == .evidence ? (now.count < was.count ? [.disclosureReduced] : [.disclosureExtended]) : classes(was, now)
                    changes.append(Change(offering: offering.id, item: .role(entry: entry.id, role: role, before: was, after: now), classes: kind))
                }
                // The part each doer does, where its layers changed.
                for duty in b.duties {
                    guard let was = a.duties.first(where: { $0.party == duty.party }), was.layers != duty.layers else { continue }
                    let gains = !Set(duty.layers).subtracting(was.layers).isEmpty
                    let partySide = side(duty.party, in: newModel)
                    let kind: Class =
                        partySide == .provider ? (gains ? .dutyToProvider : .dutyToCustomer) : (gains ? .dutyToCustomer : .dutyToProvider)
                    changes.append(
                        Change(
                            offering: offering.id, item: .part(entry: entry.id, party: duty.party, before: was.layers, after: duty.layers),
                            classes: [kind]))
                }
                if a.coverage != b.coverage {
                    changes.append(
                        Change(
                            offering: offering.id, item: .coverage(entry: entry.id, before: a.coverage, after: b.coverage),
                            classes: [b.coverage < a.coverage ? .disclosureReduced : .disclosureExtended]))
                }
            }
        }

        // The disclosures: statements and evidence of topics in both.
        let changedCells = Set(
            changes.compactMap { change -> String? in
                switch change.item {
                case .role(let entry, _, _, _), .coverage(let entry, _, _), .part(let entry, _, _, _): return entry
                default: return nil
                }
            })
        for topic in newModel.topics {
            guard let before = oldModel.topic(topic.id) else { continue }
            let offerings = Set(before.statements.keys).union(topic.statements.keys)
            let reworded = before.statement != topic.statement || offerings.contains { before.statement(for: $0) != topic.statement(for: $0) }
            if reworded {
                // Wording only when no cell that the topic answers changed.
                let answered = newModel.mapping.filter { $0.answers.contains { $0.topic == topic.id } }.map(\.entry)
                let only = !answered.contains(where: changedCells.contains)
                changes.append(Change(offering: nil, item: .statement(topic: topic.id), classes: only ? [.wordingOnly] : []))
            }
            let was = Dictionary(before.evidence.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let now = Dictionary(topic.evidence.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for evidence in topic.evidence where was[evidence.id] == nil {
                changes.append(Change(offering: nil, item: .evidenceAdded(topic: topic.id, evidence: evidence.id), classes: [.disclosureExtended]))
            }
            for evidence in before.evidence where now[evidence.id] == nil {
                changes.append(Change(offering: nil, item: .evidenceRemoved(topic: topic.id, evidence: evidence.id), classes: [.disclosureReduced]))
            }
            for evidence in topic.evidence {
                guard let earlier = was[evidence.id], earlier.validUntil != evidence.validUntil || earlier.validFrom != evidence.validFrom else { continue }
                let longer: Bool
                switch (earlier.validUntil, evidence.validUntil) {
                case (let was?, let now?): longer = now > was
                case (_?, nil): longer = true  // no end any more
                default: longer = false
                }
                changes.append(
                    Change(
                        offering: nil, item: .evidenceValidity(topic: topic.id, evidence: evidence.id, before: earlier.validUntil, after: evidence.validUntil),
                        classes: [longer ? .evidenceRenewed : .disclosureReduced]))
            }
        }
        self.changes = changes
    }

    static func unique(_ ids: [String]) -> [String] { ids.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }

    /// The changes about one offering (nil: those about no offering).
    public func changes(offering: String?) -> [Change] { changes.filter { $0.offering == offering } }

    /// Every offering with a change, the new model's order first, then removed ones.
    public var offerings: [String] {
        let touched = Set(changes.compactMap(\.offering))
        return (new.model.offerings.map(\.id) + old.model.offerings.map(\.id)).reduce(into: [String]()) {
            if touched.contains($1), !$0.contains($1) { $0.append($1) }
        }
    }

    /// The classes that occur.
    public var classes: [Class] { Array(Set(changes.flatMap(\.classes))).sorted() }
}

extension ModelDiff {
    /// What `--fail-on` can narrow "changed" to.
    public enum Aspect: String, Sendable, CaseIterable {
        /// Layer owners and the roles of cells.
        case duty
        /// Coverage of cells.
        case coverage
        /// Statements and evidence.
        case disclosure
        /// Offerings, layers, parties, topics or entries added or removed.
        case structure
    }

    public static func aspect(of item: Item) -> Aspect {
        switch item {
        case .added, .removed: return .structure
        case .layerOwners, .role, .part: return .duty
        case .coverage: return .coverage
        case .statement, .evidenceAdded, .evidenceRemoved, .evidenceValidity: return .disclosure
        }
    }

    /// Whether anything of these aspects changed.
    public func changed(in aspects: Set<Aspect>) -> Bool { changes.contains { aspects.contains(Self.aspect(of: $0.item)) } }

    /// The changes as JSON for scripts: ids only, in the stable order, sorted keys.
    public func json() -> String {
        func strings(_ ids: [String]) -> JSON { .array(ids.map { .string($0) }) }
        func describe(_ change: Change) -> JSON {
            var fields: [(String, JSON)] = [("aspect", .string(Self.aspect(of: change.item).rawValue))]
            switch change.item {
            case .added(let section, let id): fields += [("kind", "added"), ("section", .string(section.rawValue)), ("id", .string(id))]
            case .removed(let section, let id): fields += [("kind", "removed"), ("section", .string(section.rawValue)), ("id", .string(id))]
            case .layerOwners(let layer, let before, let after):
                fields += [("kind", "layer-owners"), ("layer", .string(layer)), ("before", strings(before)), ("after", strings(after))]
            case .role(let entry, let role, let before, let after):
                fields += [
                    ("kind", "role"), ("entry", .string(entry)), ("role", .string(role.rawValue)), ("before", strings(before)), ("after", strings(after)),
                ]
            case .part(let entry, let party, let before, let after):
                fields += [("kind", "part"), ("entry", .string(entry)), ("party", .string(party)), ("before", strings(before)), ("after", strings(after))]
            case .coverage(let entry, let before, let after):
                fields += [("kind", "coverage"), ("entry", .string(entry)), ("before", .string(before.rawValue)), ("after", .string(after.rawValue))]
            case .statement(let topic): fields += [("kind", "statement"), ("topic", .string(topic))]
            case .evidenceAdded(let topic, let evidence): fields += [("kind", "evidence-added"), ("topic", .string(topic)), ("evidence", .string(evidence))]
            case .evidenceRemoved(let topic, let evidence):
                fields += [("kind", "evidence-removed"), ("topic", .string(topic)), ("evidence", .string(evidence))]
            case .evidenceValidity(let topic, let evidence, let before, let after):
                fields += [
                    ("kind", "evidence-validity"), ("topic", .string(topic)), ("evidence", .string(evidence)),
                    ("before", before.map { .string($0.description) } ?? .null), ("after", after.map { .string($0.description) } ?? .null),
                ]
            }
            fields.append(("classes", .array(change.classes.map { .string($0.rawValue) })))
            fields.append(("offering", change.offering.map { .string($0) } ?? .null))
            return .object(fields.sorted { $0.0 < $1.0 })
        }
        func version(_ model: Model) -> JSON { .object([("id", .string(model.metadata.id)), ("version", .string(model.metadata.version))]) }
        let root = JSON.object([
            ("changed", .bool(!isEmpty)), ("changes", .array(changes.map(describe))), ("classes", .array(classes.map { .string($0.rawValue) })),
            ("new", version(new.model)), ("old", version(old.model)),
        ])
        var out = ""
        root.write(to: &out, indent: 0)
        return out + "\n"
    }
}
