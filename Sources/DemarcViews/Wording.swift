import DemarcModel

/// Words for the model's facts in one language: names, lists, owners,
/// outcomes, coverage, pages and the reasons of derived cells. Every
/// connecting word comes from the string table; only names, pages and
/// statements come from the model. Views use this; nothing else words.
public struct Wording: Sendable {
    public let model: Model
    public let language: Language
    public let strings: StringTable

    public init(model: Model, language: Language, strings: StringTable) {
        self.model = model
        self.language = language
        self.strings = strings
    }

    /// The phrase `key` with its placeholders filled.
    public func callAsFunction(_ key: String, _ arguments: [String: String] = [:]) -> String { strings(key, arguments) }

    /// Model text in this language ("" for none).
    public func s(_ text: Text?) -> String { text?.string(language) ?? "" }

    // MARK: names and lists

    public func partyLabel(_ id: String) -> String { model.party(id).map { s($0.label) } ?? id }
    /// The party as running text refers to it ("the provider").
    public func partyInText(_ id: String) -> String { model.party(id).map { s($0.inText) } ?? id }
    public func partyName(_ id: String) -> String { model.party(id).map { s($0.name) } ?? id }
    public func layerName(_ id: String) -> String { model.layer(id).map { s($0.name) } ?? id }
    /// A layer's short name where it has one.
    public func layerLabel(_ id: String) -> String { model.layer(id).map { s($0.label) } ?? id }

    /// "A・B・C" / "A, B and C".
    public func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        case 2: return strings("list.pair", ["first": items[0], "second": items[1]])
        default:
            let head = items.dropLast().joined(separator: strings("list.separator"))
            return strings("list.last", ["head": head, "last": items.last!])
        }
    }

    /// Parties as running text lists them ("the provider and the customer").
    public func parties(_ ids: [String]) -> String { list(ids.map(partyInText)) }

    /// The text with its first letter upper-cased (a sentence that starts
    /// with "the provider"); a script without case is left as it is.
    public func capitalised(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// " (p13)" / "（p13）", or "" without a page.
    public func page(_ ref: SourceRef?) -> String {
        guard let page = ref?.page else { return "" }
        return strings("page.inline", ["page": String(page)])
    }

    /// `4.1.4(1)(a)「…」` / `4.1.4(1)(a) "…"`.
    public func entryName(_ entry: Entry) -> String {
        strings("entry.name", ["id": entry.id, "title": s(entry.label)])
    }

    // MARK: owners and outcomes

    /// Who owns a layer, in a sentence: "the provider", "A and B together", "nobody".
    public func ownerInSentence(_ ownership: Ownership) -> String {
        switch ownership {
        case .party(let p): return partyInText(p)
        case .shared(let ps): return strings("owner.shared.sentence", ["parties": parties(ps)])
        case .notApplicable: return strings("owner.nobody.sentence")
        }
    }

    /// Who owns a layer, compactly: "Provider", "A＋B", "not applicable (reason)".
    public func ownerWords(_ ownership: Ownership) -> String {
        switch ownership {
        case .party(let p): return partyLabel(p)
        case .shared(let ps): return ps.map(partyLabel).joined(separator: strings("parties.joiner"))
        case .notApplicable(let reason): return strings("owner.notApplicable.words", ["reason": s(reason)])
        }
    }

    /// Who does it, in a sentence: "Provider", "A and B together (shared)", "nobody (not applicable)".
    public func outcomeInSentence(_ outcome: Outcome) -> String {
        switch outcome {
        case .single(let p): return strings("outcome.single.sentence", ["party": partyInText(p)])
        case .shared(let ps): return strings("outcome.shared.sentence", ["parties": parties(ps)])
        case .notApplicable: return strings("outcome.nobody.sentence")
        }
    }

    /// Who does it, compactly: "Provider", "A＋B", "not applicable".
    public func outcomeWords(_ outcome: Outcome) -> String {
        switch outcome {
        case .single(let p): return partyLabel(p)
        case .shared(let ps): return ps.map(partyLabel).joined(separator: strings("parties.joiner"))
        case .notApplicable: return strings("not-applicable")
        }
    }

    // MARK: coverage

    public func coverageSymbol(_ coverage: Coverage) -> String {
        switch coverage {
        case .full: return strings("coverage.full.symbol")
        case .partial: return strings("coverage.partial.symbol")
        case .customerOnly: return strings("coverage.customer-only.symbol")
        case .none: return strings("coverage.none.symbol")
        case .noProviderPart: return strings("coverage.no-provider-part.symbol")
        }
    }

    /// The short word beside the symbol.
    public func coverageWord(_ coverage: Coverage) -> String {
        switch coverage {
        case .full: return strings("coverage.full.word")
        case .partial: return strings("coverage.partial.word")
        case .customerOnly: return strings("coverage.customer-only.word")
        case .none: return strings("coverage.none.word")
        case .noProviderPart: return strings("coverage.no-provider-part.word")
        }
    }

    /// What the coverage means, for legends and explanations.
    public func coverageMeaning(_ coverage: Coverage) -> String {
        switch coverage {
        case .full: return strings("coverage.full.meaning")
        case .partial: return strings("coverage.partial.meaning")
        case .customerOnly: return strings("coverage.customer-only.meaning")
        case .none: return strings("coverage.none.meaning")
        case .noProviderPart: return strings("coverage.no-provider-part.meaning")
        }
    }

    public func basisWord(_ basis: Basis) -> String {
        switch basis {
        case .source: return strings("basis.source")
        case .interpretation: return strings("basis.interpretation")
        }
    }

    // MARK: catalogue vocabulary

    /// The catalogue's own name for the kind where it gives one.
    public func kindLabel(_ kind: EntryKind) -> String {
        if let name = model.catalogue.kindNames[kind] { return s(name) }
        switch kind {
        case .requirement: return strings("kind.requirement")
        case .basicMeasure: return strings("kind.basic-measure")
        case .example: return strings("kind.example")
        }
    }

    /// A role as running text names it ("the agency"), in the catalogue's
    /// words where it gives them.
    public func roleInText(_ role: Role) -> String {
        if let name = model.catalogue.roleNames[role] { return s(name) }
        switch role {
        case .agency: return strings("role-name.agency")
        case .contractor: return strings("role-name.contractor")
        case .user: return strings("role-name.user")
        case .provider: return strings("role-name.provider")
        case .thirdParty: return strings("role-name.third-party")
        }
    }

    /// The role the catalogue holds accountable, as running text names it.
    public var accountableInText: String { roleInText(model.catalogue.accountableRole) }

    /// Every place a demand can go, as a list ("specification, contract and selection criteria").
    public var demandTargets: String { list(DemandTarget.allCases.map(demandTarget)) }

    public func demandTarget(_ target: DemandTarget) -> String {
        if let name = model.catalogue.demandNames[target] { return s(name) }
        switch target {
        case .specification: return strings("demand.specification")
        case .contract: return strings("demand.contract")
        case .selectionCriteria: return strings("demand.selection-criteria")
        }
    }

    public func strength(_ strength: Strength) -> String {
        switch strength {
        case .required: return strings("strength.required")
        case .desirable: return strings("strength.desirable")
        }
    }

    public func tenancy(_ tenancy: Tenancy) -> String {
        switch tenancy {
        case .multiTenant: return strings("tenancy.multi-tenant")
        case .dedicated: return strings("tenancy.dedicated")
        }
    }

    public func act(_ act: Act) -> String {
        switch act {
        case .decision: return strings("act.decision")
        case .confirmation: return strings("act.confirmation")
        case .contractTerm: return strings("act.contract-term")
        case .measure: return strings("act.measure")
        }
    }

    public func evidenceKind(_ kind: EvidenceKind) -> String {
        switch kind {
        case .auditReport: return strings("evidence.audit-report")
        case .certification: return strings("evidence.certification")
        case .ismapRegistration: return strings("evidence.ismap-registration")
        case .contractArticle: return strings("evidence.contract-article")
        case .whitePaper: return strings("evidence.white-paper")
        }
    }

    public func side(_ side: Side) -> String {
        switch side {
        case .provider: return strings("side.provider")
        case .customer: return strings("side.customer")
        }
    }

    // MARK: the caption

    /// Model, standard and edition, as-of date, version: every diagram and page carries it.
    public var caption: String {
        strings(
            "caption",
            [
                "model": s(model.metadata.name), "standard": s(model.catalogue.standard),
                "edition": s(model.catalogue.edition), "asOf": model.metadata.asOf.description,
                "version": model.metadata.version,
            ]) + (model.metadata.base.map { strings("caption.base", ["id": $0.id, "version": $0.version]) } ?? "")
    }
}
