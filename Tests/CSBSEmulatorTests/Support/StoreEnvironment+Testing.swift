@testable import CSBSEmulator

extension StoreEnvironment {
    /// Seeded ids and the default durations, for tests that call the store directly.
    static var testing: StoreEnvironment {
        StoreEnvironment(identifiers: IdentifierSource(seed: 1), durations: OperationDurations())
    }
}
