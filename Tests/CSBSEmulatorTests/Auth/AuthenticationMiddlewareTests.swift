@testable import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// ``AuthenticationMiddleware`` fills the request context's grant for the handlers behind it.
@Suite("Authentication middleware")
struct AuthenticationMiddlewareTests {
    private static let tokenHeader = HTTPField.Name("X-Auth-Token")!

    /// A router with the middleware on `v3/:project_id` and a probe route behind it that answers with the grant's
    /// project and user, plus a probe outside it that asks for a grant all the same.
    private static func withProbe(
        _ body: @Sendable (any TestClientProtocol, _ token: String) async throws -> Void
    ) async throws {
        let store = try EmulatorStore(storage: .memory)
        let progress = BackupProgress(clock: { Date(timeIntervalSince1970: 1_790_000_000) }, durations: .init())
        let account = EmulatorAccount.demo
        let issued = try await store.issueToken(
            issuedAt: progress.now(), lifetime: IAMController.tokenLifetime, userName: account.userName,
            domainName: account.domainName, password: account.password,
            scope: .project(id: account.projectID, name: nil), identifiers: IdentifierSource(seed: 1)
        )
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: WireErrorMiddleware(logger: EmulatorConfiguration().logger))
        let authenticator = TokenAuthenticator(store: store, progress: progress)
        router.group("v3/:project_id")
            .add(middleware: AuthenticationMiddleware(authenticator: authenticator))
            .get("probe") { _, context in
                let grant = try context.requireGrant()
                return "\(grant.project.id) \(grant.user.name)"
            }
        router.get("open/probe") { _, context in
            _ = try context.requireGrant()
            return "unreachable"
        }
        try await Application(router: router).test(.router) { client in
            try await body(client, issued.token.token)
        }
    }

    @Test("a valid token fills the context's grant with its project and user")
    func fillsTheGrant() async throws {
        try await Self.withProbe { client, token in
            let response = try await client.execute(
                uri: "/v3/\(Seeded.project)/probe", method: .get, headers: [Self.tokenHeader: token]
            )
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "\(Seeded.project) demo")
        }
    }

    @Test("no token is 401 and another project is 403, before the handler runs")
    func refusesBeforeTheHandler() async throws {
        try await Self.withProbe { client, token in
            let missing = try await client.execute(uri: "/v3/\(Seeded.project)/probe", method: .get)
            #expect(missing.status == .unauthorized)
            #expect(String(buffer: missing.body).contains("APIGW.0301"))
            let foreign = try await client.execute(
                uri: "/v3/\(Seeded.otherProject)/probe", method: .get, headers: [Self.tokenHeader: token]
            )
            #expect(foreign.status == .forbidden)
        }
    }

    @Test("a handler outside the authenticated groups gets no grant: a logged 500, never an anonymous grant")
    func noGrantOutsideTheGroups() async throws {
        try await Self.withProbe { client, token in
            let response = try await client.execute(
                uri: "/open/probe", method: .get, headers: [Self.tokenHeader: token]
            )
            #expect(response.status == .internalServerError)
            #expect(String(buffer: response.body).contains("BackupService.9910"))
        }
    }
}
