import CSBSClient
import CSBSEmulator
import CSBSTestSupport
import Foundation
import Testing

@Suite("Transport failures are distinct and clear")
struct TransportFailureTests {
    @Test func aBodyOverTheLimitIsRefusedNotBuffered() async throws {
        try await withEmulator { emulator in
            // Given an answer larger than the transport accepts (scaled down from the default 8 MiB limit and a
            // 10 MB body, so that the test stays cheap on a shared machine)
            let clock = emulator.clock
            var configuration = emulator.configuration()
            configuration.retryPolicy = .none
            let client = BackupClient(
                configuration: configuration, transport: HTTP1Transport(maximumBodySize: 64 * 1024), clock: clock,
                currentDate: { clock.date }
            )
            _ = try await client.listVaults()
            _ = await emulator.emulator.control.addFault(
                FaultRule(operation: "list_vault", count: 1, status: 500, errorMessage: String(repeating: "x", count: 160_000))
            )
            let error = try await #require(throws: ClientError.self) { try await client.listVaults() }
            #expect(error.kind == .responseTooLarge)
            #expect(error.operation == "list vaults")
        }
    }

    @Test func httpsToAPlainHTTPServerIsATLSError() async throws {
        try await withEmulator { emulator in
            let endpoint = emulator.emulator.endpoint.replacingOccurrences(of: "http://", with: "https://")
            var configuration = emulator.configuration()
            configuration.endpoints = .single(endpoint)
            configuration.retryPolicy = .none
            let client = BackupClient(configuration: configuration, clock: emulator.clock)
            let error = try await #require(throws: ClientError.self) { try await client.listVaults() }
            #expect(error.kind == .tls)
            #expect(error.message.contains("TLS"))
        }
    }

    @Test func aRefusedConnectionIsANetworkErrorThatWasNeverSent() async throws {
        // Given a port nothing listens on (an emulator that has been shut down)
        let harness = try await EmulatorHarness.start()
        let endpoint = harness.emulator.endpoint
        await harness.shutdown()
        var configuration = harness.configuration()
        configuration.endpoints = .single(endpoint)
        configuration.retryPolicy = .none
        let client = BackupClient(configuration: configuration, clock: harness.clock)
        let error = try await #require(throws: ClientError.self) { try await client.listVaults() }
        #expect(error.kind == .network)
        #expect(error.requestWasNotSent)
    }
}
