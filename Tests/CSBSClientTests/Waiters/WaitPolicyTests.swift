@testable import CSBSClient
import Testing

@Suite("Wait policy intervals")
struct WaitPolicyTests {
    @Test func intervalsGrowAndStayBounded() {
        let policy = WaitPolicy(initialInterval: .seconds(1), multiplier: 2, maxInterval: .seconds(5))
        #expect((1...5).map { policy.interval(afterPolls: $0) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
        #expect(policy.interval(afterPolls: 1_000_000) == .seconds(5))
    }

    @Test func aWaitWithoutADeadlineOfItsOwnEndsAtTheDefaultOne() async throws {
        #expect(WaitPolicy.default.timeout == WaitPolicy.defaultTimeout)
        // Something that is never done, looked at on a virtual clock with the default policy.
        let clock = VirtualClock()
        let error = try await #require(throws: ClientError.self) {
            try await Waiter(clock: clock, policy: .default).poll(
                what: "checkpoint c1", fetch: { "protecting" }, isDone: { _ in false }, onUpdate: { _ in }
            )
        }
        #expect(error.kind == .waitTimeout)
        #expect(clock.elapsed == WaitPolicy.defaultTimeout)
    }
}
