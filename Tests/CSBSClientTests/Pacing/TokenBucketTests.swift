@testable import CSBSClient
import CSBSTestSupport
import Testing

@Suite("Token bucket pacing on a virtual clock")
struct TokenBucketTests {
    @Test func aBurstGoesAtOnceThenRequestsAreSpacedByTheRate() async {
        // Given 2 requests per second with a burst of 3, on a clock that never moves by itself
        let clock = VirtualClock()
        let bucket = TokenBucket(pacing: Pacing(rate: 2, burst: 3), clock: clock)
        // When five requests are reserved at the same instant
        var waits: [Duration] = []
        for _ in 0..<5 { waits.append(await bucket.reserve()) }
        // Then three go now, and the fourth and fifth wait 0.5 s and 1 s
        #expect(waits == [.zero, .zero, .zero, .milliseconds(500), .seconds(1)])
    }

    @Test func tokensRefillWithTimeButNeverBeyondTheBurst() async {
        let clock = VirtualClock()
        let bucket = TokenBucket(pacing: Pacing(rate: 1, burst: 2), clock: clock)
        #expect(await bucket.reserve() == .zero)
        #expect(await bucket.reserve() == .zero)
        clock.advance(by: .seconds(60))
        #expect(await bucket.reserve() == .zero)
        #expect(await bucket.reserve() == .zero)
        #expect(await bucket.reserve() == .seconds(1))
    }

    @Test func aPacedClientWaitsOnItsClockBetweenRequests() async throws {
        try await withEmulator { emulator in
            let client = emulator.client { $0.pacing = Pacing(rate: 0.5, burst: 1) }
            let before = emulator.clock.elapsed
            // token request + 3 list calls = 4 requests at 1 per 2 s: at least 6 s of virtual waiting
            for _ in 0..<3 { _ = try await client.listVaults() }
            #expect(emulator.clock.elapsed - before >= .seconds(6))
        }
    }
}
