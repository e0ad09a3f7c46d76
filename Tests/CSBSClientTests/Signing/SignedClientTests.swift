import CSBSClient
import CSBSTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// A fake of the network only: records what the client sends and answers from a script (the last answer repeats).
private final class CannedTransport: HTTPTransport, Sendable {
    private let answers: [HTTPResponse]
    private let log = Mutex<[HTTPRequest]>([])

    init(_ answers: [HTTPResponse]) {
        self.answers = answers
    }

    func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse {
        let index = log.withLock { log in
            log.append(request)
            return log.count - 1
        }
        return answers[min(index, answers.count - 1)]
    }

    var requests: [HTTPRequest] { log.withLock { $0 } }
}

@Suite("BackupClient with access keys")
struct SignedClientTests {
    private static let emptyPage = HTTPResponse(
        status: 200, headers: [("Content-Type", "application/json")], body: Data(#"{"vaults":[],"count":0}"#.utf8)
    )

    private func client(
        _ transport: CannedTransport, securityToken: String? = nil, clock: VirtualClock = VirtualClock()
    ) -> BackupClient {
        let keys = AccessKeyCredentials(
            accessKey: "HPUAEXAMPLEAK0000001", secretKey: "exampleSecretKey0000000000000000000000001",
            securityToken: securityToken, projectID: "0605767b5780d5762fc5c0118072a564"
        )
        let configuration = ClientConfiguration(
            endpoints: .single("http://127.0.0.1:8780"), credentials: .accessKey(keys)
        )
        return BackupClient(
            configuration: configuration, transport: transport, clock: clock, currentDate: { clock.date }
        )
    }

    private func header(_ name: String, of request: HTTPRequest) -> String? {
        request.headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// Verifies `request` the way a gateway would: re-signs what was sent and compares signatures.
    private func resign(_ request: HTTPRequest, secretKey: String) throws -> String {
        let components = try #require(URLComponents(string: request.url))
        let host = try #require(components.host) + (components.port.map { ":\($0)" } ?? "")
        let query = (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
        let headers = request.headers.filter { $0.0 != "Authorization" }
        let date = try #require(header("X-Sdk-Date", of: request))
        return RequestSigner(accessKey: "HPUAEXAMPLEAK0000001", secretKey: secretKey).sign(
            method: request.method, host: host, path: components.percentEncodedPath, query: query,
            headers: headers, body: request.body ?? Data(), date: date
        ).signature
    }

    @Test func listVaultsIsSignedAndVerifiable() async throws {
        let transport = CannedTransport([Self.emptyPage])
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_704_164_645))
        let page = try await client(transport, clock: clock).listVaults(name: "x")
        #expect(page.vaults.isEmpty)
        let request = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(request.url == "http://127.0.0.1:8780/v3/0605767b5780d5762fc5c0118072a564/vaults?name=x")
        #expect(header("X-Sdk-Date", of: request) == "20240102T030405Z")
        #expect(header("X-Project-Id", of: request) == "0605767b5780d5762fc5c0118072a564")
        #expect(header("Host", of: request) == "127.0.0.1:8780")
        #expect(header("X-Auth-Token", of: request) == nil)
        let authorization = try #require(header("Authorization", of: request))
        let prefix = "SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, "
            + "SignedHeaders=accept;host;x-project-id;x-sdk-date, Signature="
        #expect(authorization.hasPrefix(prefix))
        let signature = String(authorization.dropFirst(prefix.count))
        #expect(signature.count == 64)
        #expect(try resign(request, secretKey: "exampleSecretKey0000000000000000000000001") == signature)
        #expect(try resign(request, secretKey: "another secret") != signature)
    }

    @Test func securityTokenIsSentAndSigned() async throws {
        let transport = CannedTransport([Self.emptyPage])
        _ = try await client(transport, securityToken: "temporary-token").listVaults()
        let request = try #require(transport.requests.first)
        #expect(header("X-Security-Token", of: request) == "temporary-token")
        #expect(header("Authorization", of: request)?.contains("x-security-token") == true)
    }

    @Test func projectIDComesFromTheConfigurationWithoutIAM() async throws {
        let transport = CannedTransport([HTTPResponse(status: 500)])
        #expect(try await client(transport).projectID() == "0605767b5780d5762fc5c0118072a564")
        #expect(transport.requests.isEmpty)
    }

    @Test func everyAttemptIsSignedAfresh() async throws {
        let busy = HTTPResponse(status: 503, headers: [("Retry-After", "3")], body: Data())
        let transport = CannedTransport([busy, Self.emptyPage])
        _ = try await client(transport).listVaults()
        let dates = transport.requests.map { header("X-Sdk-Date", of: $0) }
        #expect(dates.count == 2)
        #expect(dates[0] != dates[1])
        #expect(transport.requests.allSatisfy { !$0.url.contains("/auth/tokens") })
    }

    @Test func a401IsNotRetriedWithIAM() async throws {
        let transport = CannedTransport([HTTPResponse(status: 401)])
        await #expect(throws: ClientError.self) { try await client(transport).listVaults() }
        #expect(transport.requests.count == 1)
    }
}
