import CSBSClient
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    private let policy = RetryPolicy(maxAttempts: 5, base: .milliseconds(200), cap: .seconds(10), jitter: 0)

    @Test func backoffDoublesUpToTheCap() {
        #expect(policy.delay(beforeRetry: 1) == .milliseconds(200))
        #expect(policy.delay(beforeRetry: 2) == .milliseconds(400))
        #expect(policy.delay(beforeRetry: 3) == .milliseconds(800))
        #expect(policy.delay(beforeRetry: 10) == .seconds(10))
        #expect(policy.delay(beforeRetry: 10_000) == .seconds(10))
    }

    @Test func retryAfterWinsWhenLonger() {
        #expect(policy.delay(beforeRetry: 1, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(beforeRetry: 3, retryAfter: .milliseconds(1)) == .milliseconds(800))
    }

    @Test func jitterStaysWithinItsSpread() {
        let jittered = RetryPolicy(maxAttempts: 3, base: .seconds(1), cap: .seconds(10), jitter: 0.2)
        for _ in 0..<100 {
            let delay = jittered.delay(beforeRetry: 1)
            #expect(delay >= .milliseconds(800) && delay <= .milliseconds(1200))
        }
    }
}
