import CSBSClient
import CSBSEmulator
import CSBSTestSupport
import Testing

@Suite("The verbose trace")
struct TraceTests {
    @Test func everyExchangeIsTracedWithMethodURLStatusDurationAndAttempt() async throws {
        try await withEmulator { emulator in
            let trace = TraceRecorder()
            let client = emulator.client { $0.trace = trace.handler }
            _ = await emulator.emulator.control.addFault(FaultRule(operation: "list_vault", count: 1, status: 503))
            _ = try await client.listVaults(name: "x")
            let responses = trace.events.compactMap { event -> ResponseTrace? in
                if case .response(let response) = event { response } else { nil }
            }
            let lists = responses.filter { $0.operation == "list vaults" && $0.url.contains("/vaults") }
            #expect(lists.map(\.status) == [503, 200])
            #expect(lists.map(\.attempt) == [1, 2])
            #expect(lists.allSatisfy { $0.method == "GET" && $0.url.contains("/vaults?name=x") && $0.duration >= .zero })
            #expect(trace.requests.contains { $0.url.contains("/v3/auth/tokens") && $0.operation == "obtain IAM token" })
            let text = trace.events.map(\.description).joined(separator: "\n")
            #expect(text.contains("HTTP 503") && text.contains("retry in"))
        }
    }

    @Test func anUntracedClientsCallsAndTheLoginTheyStartAreNotTraced() async throws {
        try await withEmulator { emulator in
            let trace = TraceRecorder()
            let client = emulator.client { $0.trace = trace.handler }
            // Work nobody asked for (the shell's completion refresh) logs in first, untraced.
            _ = try await client.untraced().listVaults(name: "x")
            #expect(trace.events.isEmpty, "\(trace.events.map(\.description))")
            // The traced client shares the token: its own call is traced, and there is no second login.
            _ = try await client.listVaults(name: "y")
            #expect(trace.requests.contains { $0.url.contains("/vaults?name=y") })
            #expect(!trace.requests.contains { $0.url.contains("/v3/auth/tokens") })
        }
    }
}
