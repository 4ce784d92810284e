/// The validation rules of overrides.
extension Validator {
    mutating func checkOverrides() {
        for override in partial.overrides where override.does.count != Set(override.does).count {
            error(.overridePartyTwice, override.location, "the override names a party twice")
        }
    }
}
