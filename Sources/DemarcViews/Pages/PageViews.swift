import DemarcModel

/// The pages of one language: the index, one per offering, one per
/// catalogue entry, one per disclosure topic. Every value is worded here;
/// templates only place them.
extension Views {
    /// A language the site is built in, with its own name for the switch.
    public struct SiteLanguage: Sendable, Hashable {
        public var language: Language
        /// The language's name in itself ("日本語", "English").
        public var name: String

        public init(language: Language, name: String) {
            self.language = language
            self.name = name
        }
    }

    /// What every page of a site shares: its languages and its files' suffix.
    public struct Site: Sendable, Hashable {
        public var languages: [SiteLanguage]
        public var paths: PagePaths

        public init(languages: [SiteLanguage], suffix: String) {
            self.languages = languages
            self.paths = PagePaths(suffix: suffix)
        }
    }

    /// A CSS string literal of `text` (the printed footer's `content:`):
    /// every character but ASCII letters, digits and spaces as a six-digit
    /// escape, so nothing in it can end the string or the style element.
    public static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == " " {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16)
                out += "\\" + String(repeating: "0", count: 6 - hex.count) + hex
            }
        }
        return out + "\""
    }

    /// The name of a table's language in that language, for the switch.
    public static func endonym(_ table: StringTable) -> String { table("language.name") }

    /// Every page of this language; `languages` are those the site is built in.
    /// `baseline`: the model as it was (`build --baseline REV`), with its
    /// label; a changes page then says what changed since.
    public func pages(offerings selected: [Offering] = [], site: Site, baseline: (Derivation, label: String)? = nil) -> [Page] {
        var pages: [Page] = []
        eachPage(offerings: selected, site: site, baseline: baseline) { pages.append($0) }
        return pages
    }

    /// The pages one at a time, in the order of `pages`, each made when
    /// `body` is ready for it (a build holds one page's values at a time).
    public func eachPage(
        offerings selected: [Offering] = [], site: Site, baseline: (Derivation, label: String)? = nil, _ body: (Page) throws -> Void
    ) rethrows {
        let offerings = selected.isEmpty ? model.offerings : selected
        var index = indexPage(offerings, site: site)
        index.values["hasChanges"] = .flag(baseline != nil)
        index.values["changesLink"] = .list(
            baseline.map { [["href": .text(site.paths.changes), "label": .text(words("page.changes.link", ["baseline": $0.label]))]] } ?? [])
        try body(index)
        if let baseline { try body(changesPage(since: baseline.0, label: baseline.label, site: site)) }
        for offering in offerings { try body(offeringPage(offering, site: site)) }
        for entry in model.catalogue.entries { try body(entryPage(entry, offerings: offerings, site: site)) }
        for topic in model.topics { try body(topicPage(topic, offerings: offerings, site: site)) }
    }

    // MARK: pieces every page has

    private func chrome(file: String, title: String, diagram: String?, diagramTitle: String, site: Site) -> PageObject {
        let switcher: [PageObject] = site.languages.map { other in
            let href = other.language == language ? file : site.paths.sibling(file, language: other.language)
            return ["code": .text(other.language.code), "label": .text(other.name), "href": .text(href), "current": .flag(other.language == language)]
        }
        var values: PageObject = ["lang": .text(language.code), "title": .text(title), "site": .text(s(model.metadata.name))]
        values["footer"] = .text(words.caption)
        values["footerCSS"] = .markup(Self.cssString(words.caption))
        values["homeLabel"] = .text(words("page.home"))
        values["homeHref"] = .text(site.paths.index)
        values["languagesLabel"] = .text(words("page.languages"))
        values["languages"] = .list(switcher)
        values["diagram"] = .markup("")
        values["hasDiagram"] = .flag(diagram != nil)
        values["diagramTitle"] = .text(diagramTitle)
        return values
    }

    private func page(
        _ kind: PageKind, file: String, title: String, diagram: String? = nil, diagramTitle: String = "",
        site: Site, _ own: PageObject
    ) -> Page {
        let values = chrome(file: file, title: title, diagram: diagram, diagramTitle: diagramTitle, site: site)
            .merging(own, uniquingKeysWith: { _, b in b })
        return Page(kind: kind, file: file, values: values, diagram: diagram)
    }

    private func entryLink(_ entry: Entry, _ site: Site) -> PageObject {
        ["href": .text(site.paths.entry(entry.slug)), "id": .text(entry.id), "title": .text(s(entry.label))]
    }

    private func entryLink(_ id: String, _ site: Site) -> PageObject {
        model.catalogue.entry(id).map { entryLink($0, site) } ?? ["href": .text(site.paths.index), "id": .text(id), "title": .text(id)]
    }

    private func lines(_ texts: [String]) -> PageValue { .list(texts.map { ["text": .text($0)] }) }

    private func coverageText(_ coverage: Coverage) -> String {
        let view = self.coverage(coverage)
        return words("page.coverage", ["symbol": view.symbol, "word": view.word])
    }

    /// "p15" for a source reference, "—" without a page.
    private func sourcePage(_ ref: SourceRef?) -> String {
        ref?.page.map { words("page.source", ["page": String($0)]) } ?? vocabulary.legendDash
    }

    /// Where the demarcation lines of an offering lie, one sentence each.
    func demarcationSentences(_ offering: Offering) -> [String] {
        let lines = demarcations(offering)
        guard !lines.isEmpty else { return [words("stack.no-provider")] }
        return lines.map { index in
            let below = model.layers[...index].reversed().first { offering.owners[$0.id].flatMap(sideWords) != nil }
            let above = model.layers[(index + 1)...].first { offering.owners[$0.id].flatMap(sideWords) != nil }
            return words(
                "page.demarcation",
                [
                    "offering": s(offering.name),
                    "below": below.map { s($0.name) } ?? "", "belowSide": below.flatMap { offering.owners[$0.id].flatMap(sideWords) } ?? "",
                    "above": above.map { s($0.name) } ?? "", "aboveSide": above.flatMap { offering.owners[$0.id].flatMap(sideWords) } ?? "",
                ])
        }
    }

    /// An evidence item with its validity ("SOC 2 Type 2 report (valid until 2026-03-31)", "… (no validity stated)").
    private func evidenceWithValidity(_ evidence: Evidence) -> String {
        let validity: String
        switch (evidence.validFrom, evidence.validUntil) {
        case (let from?, let until?): validity = words("page.validity.range", ["from": from.description, "until": until.description])
        case (nil, let until?): validity = words("page.validity.until", ["until": until.description])
        case (let from?, nil): validity = words("page.validity.from", ["from": from.description])
        case (nil, nil): validity = words("page.validity.none")
        }
        return words("page.evidence", ["kind": words.evidenceKind(evidence.kind), "title": s(evidence.title), "validity": validity])
    }

    // MARK: the index

    func indexPage(_ offerings: [Offering], site: Site) -> Page {
        let comparison = self.comparison(offerings)
        let metadata = model.metadata
        var facts: [(String, String)] = [
            (words("page.fact.model"), words("page.fact.model.value", ["model": s(metadata.name), "version": metadata.version])),
            (words("page.fact.standard"), s(model.catalogue.standard)),
            (words("page.fact.edition"), s(model.catalogue.edition)),
            (words("page.fact.as-of"), metadata.asOf.description),
        ]
        if let provider = metadata.provider { facts.append((words("page.fact.provider"), s(provider))) }
        for source in metadata.sources { facts.append((words("page.fact.source"), s(source.title))) }
        let gaps: [PageObject] = offerings.map { offering in
            let short = derivation.cells(offering: offering.id).filter { $0.coverage.isShort && !model.catalogue.rollsUp($0.entry) }
            return [
                "offering": .text(s(offering.name)), "href": .text(site.paths.offering(offering.id)), "hasEntries": .flag(!short.isEmpty),
                "entries": .list(
                    short.map { entryLink($0.entry, site).merging(["coverage": .text(coverageText($0.coverage))], uniquingKeysWith: { _, b in b }) }),
            ]
        }
        let title = words("page.index.title", ["model": s(metadata.name)])
        let requirements = requirementLines()
        return page(
            .index, file: site.paths.index, title: title, diagram: "comparison", diagramTitle: comparison.title, site: site,
            [
                "facts": .list(facts.map { ["label": .text($0.0), "value": .text($0.1)] }),
                "offeringsTitle": .text(words("page.index.offerings")),
                "offerings": .list(
                    offerings.map { offering in
                        [
                            "href": .text(site.paths.offering(offering.id)), "name": .text(s(offering.name)),
                            "demarcation": .text(demarcationSentences(offering).joined(separator: words("page.sentence.separator"))),
                        ]
                    }),
                "countsTitle": .text(comparison.countsTitle),
                "countsCaption": .text(words.capitalised(words("page.index.counts.caption", ["accountable": words.accountableInText]))),
                "countsRowHeader": .text(words("page.index.counts.role")),
                "countsColumns": .list(comparison.columns.map { ["name": .text($0.name)] }),
                "counts": .list(
                    comparison.counts.map { row in
                        ["label": .text(row.label), "isGap": .flag(row.isGap), "cells": .list(row.counts.map { ["value": .text($0)] })]
                    }),
                "hasRequirements": .flag(!requirements.isEmpty),
                "requirementsTitle": .text(words.capitalised(words("obligations.requirements", ["accountable": words.accountableInText]))),
                "requirements": lines(requirements),
                "gapsTitle": .text(words("page.index.gaps")), "gapsIntro": .text(words("page.index.gaps.intro", ["accountable": words.accountableInText])),
                "noEntries": .text(words("page.none")), "gaps": .list(gaps),
                "entriesTitle": .text(words("page.index.entries")),
                "entries": .list(
                    model.catalogue.groups().flatMap { [$0.requirement] + $0.members }.map { entry in
                        entryLink(entry, site).merging(
                            ["kind": .text(words.kindLabel(entry.kind)), "depth": .text(String(model.catalogue.depth(of: entry)))],
                            uniquingKeysWith: { _, b in b })
                    }),
                "topicsTitle": .text(words("page.index.topics")),
                "topics": .list(
                    model.topics.map { ["href": .text(site.paths.topic($0.id)), "title": .text(s($0.title)), "page": .text(sourcePage($0.source))] }),
                "legendTitle": .text(words("legend.title")),
                "coverage": .list(
                    [Coverage.full, .partial, .customerOnly, .none, .noProviderPart].map(coverage).map {
                        ["symbol": .text($0.symbol), "word": .text($0.word), "meaning": .text($0.meaning)]
                    }),
            ])
    }

    // MARK: what changed since a baseline

    func changesPage(since baseline: Derivation, label: String, site: Site) -> Page {
        let diff = ModelDiff(old: baseline, new: derivation)
        let old = Views(derivation: baseline, strings: words.strings)
        let view = diff.view(old: old, new: self)
        let metadata = model.metadata
        var intro = [words("page.changes.since", ["baseline": label, "old": baseline.model.metadata.version, "new": metadata.version])]
        if let effective = metadata.effective { intro.append(words("notice.effective", ["date": effective.description])) }
        if let revision = metadata.revisions.first(where: { $0.version == metadata.version }) { intro.append(s(revision.reason)) }
        return page(
            .changes, file: site.paths.changes, title: words("page.changes.title", ["baseline": label]), site: site,
            [
                "intro": lines(intro), "hasChanges": .flag(!view.isEmpty), "noChanges": .text(words("diff.none")),
                "groups": .list(
                    view.groups.map { group in
                        [
                            "heading": .text(group.heading),
                            "lines": .list(
                                group.lines.map { line in
                                    [
                                        "text": .text(line.text), "classes": .text(words.list(line.classes)), "hasClasses": .flag(!line.classes.isEmpty),
                                        "hasReasons": .flag(line.before != nil || line.after != nil),
                                        "before": .text(line.before.map { words("diff.before", ["reason": $0]) } ?? ""),
                                        "after": .text(line.after.map { words("diff.after", ["reason": $0]) } ?? ""),
                                    ]
                                }),
                        ]
                    }),
            ])
    }

    // MARK: one offering

    func offeringPage(_ offering: Offering, site: Site) -> Page {
        let stack = self.stack(offering)
        let table = roleTable(offering)
        let obligations = self.obligations(offering)
        let name = s(offering.name)
        let rows: [PageObject] = table.rows.compactMap { row in
            guard let cell = derivation.cell(entry: row.entry, offering: offering.id) else { return nil }
            let topics = cell.answers.compactMap { model.topic($0.topic) }
            let evidence = cell.evidence.flatMap { supply -> [String] in
                guard let topic = model.topic(supply.topic) else { return [] }
                return topic.evidence.filter { supply.evidence.contains($0.id) }.map(evidenceWithValidity)
            }
            let pages = topics.compactMap { $0.source.page }.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
            return entryLink(row.entry, site).merging(
                [
                    "depth": .text(String(row.depth)),
                    "roles": .list(row.marks.map { ["value": .text($0.isEmpty ? vocabulary.legendDash : $0)] }),
                    "coverage": .text(coverageText(cell.coverage)),
                    "reason": .text(words.capitalised(reason(cell).body)),
                    "statements": .list(
                        topics.map { topic in
                            [
                                "href": .text(site.paths.topic(topic.id)), "topic": .text(s(topic.title)),
                                "text": .text(s(topic.statement(for: offering.id)) + (topic.sic ? words("text.sic") : "")),
                            ]
                        }),
                    "evidence": lines(evidence),
                    "source": .text(
                        pages.isEmpty
                            ? vocabulary.legendDash
                            : pages.map { words("page.source", ["page": String($0)]) }.joined(separator: words("page.list.separator"))),
                ], uniquingKeysWith: { _, b in b })
        }
        // The parties of the obligations, in the same order as their views: the customer side's.
        let customerSide = zip(derivation.obligations(offering: offering.id), obligations.parties)
            .filter { model.party($0.0.party)?.side == .customer }.map(\.1)
        return page(
            .offering, file: site.paths.offering(offering.id), title: words("page.offering.title", ["offering": name]),
            diagram: "offering-\(offering.id)", diagramTitle: words("offering.title", ["offering": name]), site: site,
            [
                "demarcationTitle": .text(words("page.offering.demarcation")),
                "demarcation": lines(demarcationSentences(offering)),
                "layersCaption": .text(words("page.offering.layers", ["offering": name])),
                "columnLayer": .text(vocabulary.layerColumn), "columnOwner": .text(words("page.column.owner")),
                "layers": .list(
                    stack.layers.map { layer in
                        ["name": .text(layer.name), "owner": .text(layer.owner.words), "band": .list(layer.band.map { [["label": .text($0)]] } ?? [])]
                    }),
                "roleTitle": .text(words("page.offering.roles")), "roleCaption": .text(words("page.offering.roles.caption", ["offering": name])),
                "roleLegend": .text(table.legend),
                "columnEntry": .text(table.entryColumn), "columnCoverage": .text(words("page.column.coverage")),
                "columnReason": .text(words("page.column.reason")), "columnStatement": .text(words("page.column.statement")),
                "columnEvidence": .text(words("page.column.evidence")), "columnSource": .text(words("page.column.source")),
                "roleParties": .list(table.parties.map { ["name": .text($0)] }),
                "rows": .list(rows),
                "obligationsTitle": .text(words("page.offering.obligations")),
                "obligations": .list(
                    customerSide.map { duties in
                        [
                            "party": .text(duties.party + (duties.isAccountable ? words("text.obligations.accountable") : "")),
                            "count": .text(words("page.count", ["count": String(duties.duties.count)])),
                            "duties": .list(
                                duties.duties.map { duty in
                                    entryLink(duty.entry, site).merging(
                                        ["part": .text(duty.part.map { words("obligations.part", ["part": $0]) } ?? "")],
                                        uniquingKeysWith: { _, b in b })
                                }),
                        ]
                    }),
                "hasPassOn": .flag(obligations.passOn != nil),
                "passOnTitle": .text(words.capitalised(obligations.passOn?.heading ?? "")),
                "passOn": lines(obligations.passOn?.items ?? []),
                "questionsTitle": .text(words("page.offering.questions")), "hasQuestions": .flag(!obligations.questions.isEmpty),
                "noQuestions": .text(words("page.none")),
                "questions": .list(
                    obligations.questions.map { question in
                        entryLink(question.entry, site).merging(
                            ["coverage": .text(question.coverage), "text": .text(question.text)], uniquingKeysWith: { _, b in b })
                    }),
            ])
    }

    // MARK: one catalogue entry

    func entryPage(_ entry: Entry, offerings: [Offering], site: Site) -> Page {
        let control = self.control(entry, offerings: offerings)
        let mapped = model.mapping(for: entry.id)?.answers ?? []
        let correspondences = model.catalogue.correspondences.filter { $0.entry == entry.id }
        let commentary = entry.commentary.map(s).filter { !$0.isEmpty }
        return page(
            .entry, file: site.paths.entry(entry.slug), title: control.title, diagram: "control-\(entry.slug)",
            diagramTitle: control.title, site: site,
            [
                "entryID": .text(entry.id), "kind": .text(control.kind), "text": .text(control.text),
                "parent": .list(
                    entry.parent.flatMap(model.catalogue.entry).map { parent in
                        [
                            [
                                "href": .text(site.paths.entry(parent.slug)),
                                "label": .text(words("page.entry.parent", ["id": parent.id, "title": s(parent.label)])),
                            ]
                        ]
                    } ?? []),
                "childrenTitle": .text(words("page.entry.children")), "hasChildren": .flag(!model.catalogue.children(of: entry.id).isEmpty),
                "children": .list(model.catalogue.children(of: entry.id).map { entryLink($0, site) }),
                "commentaryTitle": .text(words("page.entry.commentary")), "hasCommentary": .flag(!commentary.isEmpty),
                "noCommentary": .text(words("page.entry.commentary.none")), "commentary": lines(commentary),
                "parametersTitle": .text(words("page.entry.parameters")), "parameters": lines(control.parameters),
                "resultsTitle": .text(words("page.entry.results")), "resultsCaption": .text(words("page.entry.results.caption", ["id": entry.id])),
                "columnOffering": .text(vocabulary.offeringColumn), "columnDoneBy": .text(vocabulary.doneByColumn),
                "columnAccountable": .text(vocabulary.accountableColumn), "columnCoverage": .text(words("page.column.coverage")),
                "results": .list(
                    control.rows.map { row in
                        [
                            "href": .text(site.paths.offering(row.offering)), "offering": .text(row.name),
                            "outcome": .text(row.outcome.sentence + (row.outcome.tag ?? "")), "accountable": .text(row.accountable.label),
                            "coverage": .text(words("page.coverage", ["symbol": row.coverage.symbol, "word": row.coverage.word])),
                        ]
                    }),
                "reasonsTitle": .text(words("page.entry.reasons")),
                "reasons": .list(control.reasons.map { ["label": .text($0.label), "text": .text(words.capitalised($0.text))] }),
                "topicsTitle": .text(control.answersTitle), "hasTopics": .flag(!mapped.isEmpty), "noTopics": .text(words("control.no-answer")),
                "topics": .list(
                    zip(mapped.filter { model.topic($0.topic) != nil }, control.answers).map { answer, line in
                        ["href": .text(site.paths.topic(answer.topic)), "title": .text(line.line), "coverage": .text(line.detail)]
                    }),
                "questionsTitle": .text(control.askLabel), "questions": lines(control.questions),
                "editionsTitle": .text(words("page.entry.editions")), "hasEditions": .flag(!correspondences.isEmpty),
                "noEditions": .text(words("page.entry.editions.none")),
                "editions": lines(
                    correspondences.map { c in
                        words("page.entry.edition", ["edition": c.edition, "other": c.other, "relation": relation(c.relation)])
                            + (c.note.map { words("page.note", ["note": s($0)]) } ?? "")
                    }),
            ])
    }

    private func relation(_ relation: Relation) -> String {
        switch relation {
        case .equivalent: return words("page.relation.equivalent")
        case .broader: return words("page.relation.broader")
        case .narrower: return words("page.relation.narrower")
        case .related: return words("page.relation.related")
        }
    }

    // MARK: one disclosure topic

    func topicPage(_ topic: Topic, offerings: [Offering], site: Site) -> Page {
        let responsible: String
        switch topic.responsible {
        case .followsDemarcation: responsible = words("page.topic.follows-demarcation")
        case .parties(let ids): responsible = words.list(ids.map(words.partyLabel))
        }
        let source = topic.source.document.flatMap(model.source) ?? model.metadata.sources.first
        let pointing = model.mapping.compactMap { item -> (String, Answer)? in
            item.answers.first { $0.topic == topic.id }.map { (item.entry, $0) }
        }
        return page(
            .topic, file: site.paths.topic(topic.id), title: s(topic.title), site: site,
            [
                "source": .text(words("page.topic.source", ["source": s(source?.title), "page": sourcePage(topic.source)])),
                "responsible": .text(words("page.topic.responsible", ["parties": responsible])),
                "statementTitle": .text(words("page.topic.statement")), "statement": .text(s(topic.statement)),
                "sic": lines(topic.sic ? [words("page.topic.sic")] : []),
                "perOfferingTitle": .text(words("page.topic.per-offering")), "hasPerOffering": .flag(offerings.contains { topic.statements[$0.id] != nil }),
                "perOffering": .list(
                    offerings.filter { topic.statements[$0.id] != nil }.map { offering in
                        [
                            "href": .text(site.paths.offering(offering.id)), "offering": .text(s(offering.name)),
                            "statement": .text(s(topic.statement(for: offering.id))),
                        ]
                    }),
                "evidenceTitle": .text(words("page.topic.evidence")), "hasEvidence": .flag(!topic.evidence.isEmpty),
                "noEvidence": .text(words("page.topic.evidence.none")),
                "evidence": .list(
                    topic.evidence.map { evidence in
                        var details: [String] = []
                        if let reference = evidence.reference { details.append(s(reference)) }
                        if let url = evidence.url { details.append(url) }
                        if let note = evidence.note { details.append(words("page.note", ["note": s(note)])) }
                        return ["kind": .text(words.evidenceKind(evidence.kind)), "title": .text(evidenceWithValidity(evidence)), "details": lines(details)]
                    }),
                "notesTitle": .text(words("page.topic.notes")), "hasNotes": .flag(!topic.notes.isEmpty), "notes": lines(topic.notes.map(s)),
                "entriesTitle": .text(words("page.topic.entries")), "hasEntries": .flag(!pointing.isEmpty), "noEntries": .text(words("page.none")),
                "entries": .list(
                    pointing.map { entry, answer in
                        entryLink(entry, site).merging(
                            [
                                "coverage": .text(
                                    words(
                                        "control.answer.detail",
                                        [
                                            "coverage": words.coverageWord(answer.coverage),
                                            "basis": words.basisWord(answer.basis),
                                        ]))
                            ],
                            uniquingKeysWith: { _, b in b })
                    }),
            ])
    }
}
