import CSBSClient
import CSBSEmulator
import CSBSTestSupport
import Testing

@Suite("Retries against the emulator's injected faults")
struct FaultRetryTests {
    @Test func aThrottledReadIsRetriedAfterRetryAfter() async throws {
        try await withEmulator { emulator in
            // Given one 429 with Retry-After: 7 on the next list call
            let trace = TraceRecorder()
            let client = emulator.client { $0.trace = trace.handler }
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "list_vault", count: 1, status: 429, errorCode: "APIGW.0308", retryAfter: 7)
            )
            let before = emulator.clock.elapsed
            // When the list is asked for
            _ = try await client.listVaults()
            // Then it succeeded on the second attempt, having waited the server's 7 s of virtual time
            let retry = try #require(trace.retries.first)
            #expect(retry.attempt == 1 && retry.delay == .seconds(7))
            #expect(retry.reason.contains("429"))
            #expect(emulator.clock.elapsed - before >= .seconds(7))
        }
    }

    @Test func aReadFailingEveryTimeStopsAfterMaxAttempts() async throws {
        try await withEmulator { emulator in
            let trace = TraceRecorder()
            let client = emulator.client {
                $0.trace = trace.handler
                $0.retryPolicy = RetryPolicy(maxAttempts: 3, base: .milliseconds(100), cap: .seconds(1))
            }
            _ = await emulator.emulator.control.addFault(FaultRule(operation: "list_vault", status: 503))
            let error = try await #require(throws: ClientError.self) { try await client.listVaults() }
            #expect(error.status == 503)
            #expect(trace.requests.filter { $0.url.contains("/vaults") }.count == 3)
            #expect(trace.retries.last?.delay == nil)
        }
    }
}

@Suite("A throttled call waits a bounded time, and says so")
struct ThrottlingBudgetTests {
    @Test func aWaitOnTheServiceIsToldAsANotice() async throws {
        try await withEmulator { emulator in
            let notices = NoticeRecorder()
            let client = emulator.client { $0.notice = notices.handler }
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "list_vault", count: 1, status: 429, errorCode: "APIGW.0308", retryAfter: 30)
            )
            _ = try await client.listVaults()
            #expect(notices.notices == [.waiting(operation: "list vaults", attempt: 1, delay: .seconds(30), reason: "HTTP 429 APIGW.0308")])
            #expect(notices.notices[0].description.contains("waiting 30 s on the service"))
        }
    }

    @Test func aRetryAfterPastTheCallsTotalWaitEndsTheCallAtOnce() async throws {
        try await withEmulator { emulator in
            let trace = TraceRecorder()
            let client = emulator.client { $0.trace = trace.handler }
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "list_vault", status: 429, errorCode: "APIGW.0308", retryAfter: 300)
            )
            let before = emulator.clock.elapsed
            let error = try await #require(throws: ClientError.self) { try await client.listVaults() }
            #expect(error.status == 429)
            #expect(error.message.contains("at most 120 s in all"))
            #expect(emulator.clock.elapsed - before < .seconds(1))
            #expect(trace.requests.filter { $0.url.contains("/vaults") }.count == 1)
        }
    }

    @Test func retriesTogetherStayWithinTheTotalWait() async throws {
        try await withEmulator { emulator in
            let client = emulator.client {
                $0.retryPolicy = RetryPolicy(maxAttempts: 10, base: .seconds(1), cap: .seconds(10), maxTotalWait: .seconds(45))
            }
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "list_vault", status: 429, errorCode: "APIGW.0308", retryAfter: 20)
            )
            let before = emulator.clock.elapsed
            _ = try await #require(throws: ClientError.self) { try await client.listVaults() }
            // Two pauses of 20 s fit in 45 s; a third does not.
            #expect(emulator.clock.elapsed - before == .seconds(40))
        }
    }
}
