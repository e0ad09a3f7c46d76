import CSBSClient
import Testing

@Suite("Retry policy jitter with an injected random number")
struct RetryPolicyJitterTests {
    private let policy = RetryPolicy(maxAttempts: 5, base: .seconds(1), cap: .seconds(10), jitter: 0.2)

    @Test(arguments: [(0.0, 800), (0.5, 1000), (1.0, 1200), (-3.0, 800), (7.0, 1200)])
    func theRandomNumberPicksThePointInTheSpread(unit: Double, milliseconds: Int64) {
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil, unitRandom: unit) == .milliseconds(milliseconds))
    }

    @Test func theCapAppliesBeforeJitterAndRetryAfterIsBoundedTo300Seconds() {
        #expect(policy.delay(beforeRetry: 60, retryAfter: nil, unitRandom: 1) == .seconds(12))
        #expect(policy.delay(beforeRetry: 1, retryAfter: .seconds(5000), unitRandom: 0.5) == .seconds(300))
    }
}
