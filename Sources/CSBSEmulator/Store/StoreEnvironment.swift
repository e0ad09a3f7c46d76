/// What store operations need from the running emulator besides their arguments: where new identifiers come from,
/// and how long the operations take that the store starts on its own (the scheduled backups and retention
/// deletions that settling runs, see ``EmulatorStore/settle(at:environment:in:)``).
///
/// Passed explicitly to every store operation that may create records, reads included: a read first settles the
/// state, which may run a due scheduled backup. Handlers get it from ``APIController/environment(_:)``.
struct StoreEnvironment: Sendable {
    /// The source of new ids, tokens and request ids.
    var identifiers: IdentifierSource
    /// How long the asynchronous operations take.
    var durations: OperationDurations
}
