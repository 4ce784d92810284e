/// The validation rules of parties.
extension Validator {
    mutating func checkParties(catalogue: Catalogue?) {
        let parties = partial.parties
        if parties.count < 2 {
            let at = parties.first?.location ?? partial.metadata.first?.location ?? firstLocation() ?? fallback
            error(
                .tooFewParties, at, "a model needs two or more parties (found \(parties.count))",
                suggestion: "at least a provider-side and a customer-side party")
        }
        for party in parties where !partial.uncoloured.contains(party.id) {
            let ratio = party.colour.contrast(with: .white)
            if ratio < 4.5 {
                let better = party.colour.adjusted(toReach: 4.5)
                warning(
                    .partyContrast, party.location,
                    "the colour \(party.colour) of party '\(party.id)' has contrast \(formatRatio(ratio)):1 against white; text needs 4.5:1",
                    suggestion: "try \(better) (\(formatRatio(better.contrast(with: .white))):1)")
            }
        }
        let complete =
            !parties.contains { partial.incomplete.contains("party:" + $0.id) } && !partial.incomplete.contains { $0.hasPrefix("catalogue:") }
        if let catalogue, parties.count >= 2, complete, Derivation.accountableParty(role: catalogue.accountableRole, parties: parties) == nil {
            error(
                .accountableMissing, catalogue.location,
                "the catalogue makes role '\(catalogue.accountableRole.rawValue)' accountable, but no party can be accountable",
                suggestion: "give a party role '\(catalogue.accountableRole.rawValue)'")
        }
        for entry in catalogue?.entries ?? [] {
            guard let role = entry.accountableRole, parties.count >= 2, complete,
                Derivation.accountableParty(role: role, parties: parties) == nil
            else { continue }
            error(
                .accountableMissing, entry.location, "entry '\(entry.id)' makes role '\(role.rawValue)' accountable, but no party has it",
                suggestion: "give a party role '\(role.rawValue)', or leave the entry's accountable-role out")
        }
    }

    func formatRatio(_ r: Double) -> String {
        let hundredths = Int((r * 100).rounded(.down))
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
