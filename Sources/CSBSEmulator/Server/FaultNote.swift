import Synchronization

/// What fault injection did to a request, for the request log: a reference that
/// ``EmulatorRequestContext`` carries, so the log (outside) sees what fault injection (inside) recorded.
final class FaultNote: Sendable {
    private let state = Mutex<(faultID: String?, dropped: Bool)>((nil, false))

    /// The id of the rule that hit the request, if any.
    var faultID: String? { state.withLock(\.faultID) }
    /// Whether the hit drops the connection (no response).
    var dropped: Bool { state.withLock(\.dropped) }

    /// Records that `rule` hit the request.
    func hit(_ rule: FaultRule) {
        state.withLock { $0 = (rule.id, $0.dropped || rule.drop == true) }
    }
}
