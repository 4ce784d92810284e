/// The roles of a cell in the vocabularies of the field (docs/model.md,
/// "Roles in other vocabularies"), for exports.
public enum CCMOwnership: String, Sendable, CaseIterable {
    /// CSA Cloud Controls Matrix, Shared Security Responsibility Model.
    case cspOwned = "CSP-owned"
    case cscOwned = "CSC-owned"
    case shared = "Shared"
    case thirdPartyOutsourced = "Third-party outsourced"
}

/// FedRAMP customer responsibility matrix: can the customer inherit it?
public enum Inheritance: String, Sendable, CaseIterable {
    case yes, partial, no
}

extension Derivation {
    /// CCM ownership: the provider side alone (a party working for the
    /// provider makes it third-party outsourced), the customer side alone, or both.
    public func ccmOwnership(_ cell: Cell) -> CCMOwnership? {
        let parties = cell.duties.compactMap { model.party($0.party) }
        guard !parties.isEmpty else { return nil }
        let provider = parties.filter { $0.side == .provider }, customer = parties.filter { $0.side == .customer }
        if !provider.isEmpty && !customer.isEmpty { return .shared }
        if customer.isEmpty {
            return provider.contains { $0.worksFor != nil || $0.role == .thirdParty } ? .thirdPartyOutsourced : .cspOwned
        }
        return .cscOwned
    }

    /// FedRAMP: inherited from the provider in full, in part, or not at all.
    public func inheritance(_ cell: Cell) -> Inheritance? {
        switch ccmOwnership(cell) {
        case .cspOwned?, .thirdPartyOutsourced?: return .yes
        case .shared?: return .partial
        case .cscOwned?: return .no
        case nil: return nil
        }
    }
}
