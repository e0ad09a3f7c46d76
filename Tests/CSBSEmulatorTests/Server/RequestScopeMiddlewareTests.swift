@testable import CSBSEmulator
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The request layer fills the request context before the handler runs: the request scope names the operation
/// after the matched route and hands over the emulator's identifier source; fault injection plans the outcome.
@Suite("Request scope and fault injection fill the request context")
struct RequestScopeMiddlewareTests {
    /// A router with the request layer's middleware and probe handlers, at the paths of two registered routes
    /// (`list_vault`, `create_checkpoint`) and one unregistered path, that answer with what the context holds:
    /// `operation identifiers-are-the-emulator's plannedOutcome`.
    private static func withProbe(
        _ body: @Sendable (EmulatorControl, any TestClientProtocol) async throws -> Void
    ) async throws {
        let control = try EmulatorControl(EmulatorConfiguration())
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: RequestScopeMiddleware(control: control))
        router.add(middleware: WireErrorMiddleware(logger: control.configuration.logger))
        router.add(middleware: FaultInjectionMiddleware(control: control))
        let probe: @Sendable (Request, EmulatorRequestContext) async throws -> String = { _, context in
            "\(context.operation ?? "-") \(context.identifiers === control.identifiers) \(context.plannedOutcome)"
        }
        router.get("v3/:project_id/vaults", use: probe)
        router.post("v3/:project_id/checkpoints", use: probe)
        router.get("unregistered", use: probe)
        try await Application(router: router).test(.router) { client in
            try await body(control, client)
        }
    }

    @Test("the operation comes from the matched route's registration, and the identifiers are the emulator's")
    func namesTheOperation() async throws {
        try await Self.withProbe { control, client in
            let named = try await client.execute(uri: "/v3/p/vaults?limit=1", method: .get)
            #expect(String(buffer: named.body) == "list_vault true available")
            let unnamed = try await client.execute(uri: "/unregistered", method: .get)
            #expect(String(buffer: unnamed.body) == "- true available")
            #expect(await control.requests().map(\.operation) == ["list_vault", nil])
        }
    }

    @Test("a checkpoint_error rule plans an error outcome for the one request it hits")
    func plansTheOutcome() async throws {
        try await Self.withProbe { control, client in
            _ = await control.addFault(FaultRule(operation: "create_checkpoint", count: 1, checkpointError: true))
            let hit = try await client.execute(uri: "/v3/p/checkpoints", method: .post)
            #expect(String(buffer: hit.body) == "create_checkpoint true error")
            let next = try await client.execute(uri: "/v3/p/checkpoints", method: .post)
            #expect(String(buffer: next.body) == "create_checkpoint true available")
            #expect(await control.requests().map(\.fault) == ["fault-1", nil])
        }
    }

    @Test("an error rule answers for the operation it names only, before the handler")
    func errorRuleMatchesTheOperation() async throws {
        try await Self.withProbe { control, client in
            _ = await control.addFault(FaultRule(operation: "list_vault", status: 503))
            #expect(try await client.execute(uri: "/v3/p/vaults", method: .get).status == .serviceUnavailable)
            let other = try await client.execute(uri: "/v3/p/checkpoints", method: .post)
            #expect(String(buffer: other.body) == "create_checkpoint true available")
        }
    }
}
