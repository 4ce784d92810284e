import Testing
@testable import DemarcModel

/// A catalogue entry may name its own accountable role (ISO/IEC 27017 and
/// CCM address the provider as well as the customer).
@Suite("An accountable role per entry")
struct AccountableRoleTests {
    typealias V = ValidModel
    static let providerEntry = V.replacing(
        "    - id: \"4.1.4(1)(a)\"\n      kind: requirement\n", with: "    - id: \"4.1.4(1)(a)\"\n      kind: requirement\n      accountable-role: provider\n")

    @Test func anEntryAddressedToTheProviderMakesTheProviderAccountableThere() throws {
        let result = load(Self.providerEntry)
        #expect(result.rules == [], "\(result.diagnostics.map(\.description))")
        let derivation = try #require(result.model.flatMap(Derivation.init))
        let own = try #require(derivation.cell(entry: "4.1.4(1)(a)", offering: "virtual-server"))
        #expect(own.accountable == "provider")
        #expect(own.decides == "provider" && own.prepares.isEmpty, "the customer prepares none of the provider's decisions")
        let other = try #require(derivation.cell(entry: "4.1.4(1)-1 a)", offering: "virtual-server"))
        #expect(other.accountable == "customer", "the catalogue's role elsewhere")
    }

    @Test func aRoleNoPartyHasIsOneErrorAtTheEntry() throws {
        let result = load(Self.providerEntry.replacingOccurrences(of: "accountable-role: provider", with: "accountable-role: third-party"))
        #expect(result.rules == ["accountable-missing"])
        #expect(result.diagnostics.first?.location.line == 56)
    }
}
