import CSBSClient
import CSBSTestSupport
import Foundation
import Testing

/// The transport against real sockets: kept-alive connections, and TLS verified as the real cloud needs it.
@Suite("HTTP/1.1 transport: kept-alive connections and verified TLS")
struct HTTP1TransportTests {
    /// A client with a token (no IAM) for `endpoint`, no retries.
    private func client(_ endpoint: String, tls: TLSOptions = .init(), maximumIdle: Duration? = nil) -> BackupClient {
        var configuration = ClientConfiguration(
            endpoints: .single(endpoint), credentials: .token("MIItoken", projectID: "p1"), retryPolicy: .none
        )
        configuration.tls = tls
        var transport = HTTP1Transport(tls: tls)
        if let maximumIdle { transport.maximumIdle = maximumIdle }
        return BackupClient(configuration: configuration, transport: transport, clock: VirtualClock())
    }

    private func caBundle() throws -> (path: String, remove: () -> Void) {
        let directory = try makeTemporaryDirectory("csbs-tls")
        let path = directory + "/ca.pem"
        try Data(TestCertificates.authority.utf8).write(to: URL(fileURLWithPath: path))
        return (path, { try? FileManager.default.removeItem(atPath: directory) })
    }

    @Test func requestsOneAfterAnotherShareOneConnection() async throws {
        let server = try await KeepAliveServer(secure: false)
        let client = client(server.endpoint)
        for _ in 0..<3 { _ = try await client.listVaults() }
        let counts = server.snapshot
        await server.stop()
        #expect(counts.requests == 3)
        #expect(counts.connections == 1)
        #expect(counts.hosts == Array(repeating: "127.0.0.1:\(server.port)", count: 3))
    }

    @Test func aConnectionOpenedAheadCarriesTheFirstRequests() async throws {
        // Given a connection being opened ahead when the first request is made (the pool's only connection, so
        // a request that did not wait for it would open a second one)
        let server = try await KeepAliveServer(secure: false)
        let client = client(server.endpoint)
        client.prepareConnection()
        for _ in 0..<2 { _ = try await client.listVaults() }
        let counts = server.snapshot
        await server.stop()
        #expect(counts.requests == 2)
        #expect(counts.connections == 1)
    }

    @Test func aConnectionIdleForLongerThanTheLimitIsNotUsedAgain() async throws {
        // Given a limit every kept connection has outlived by the time of the next request
        let server = try await KeepAliveServer(secure: false)
        let client = client(server.endpoint, maximumIdle: .zero)
        for _ in 0..<3 { _ = try await client.listVaults() }
        let counts = server.snapshot
        await server.stop()
        #expect(counts.requests == 3)
        #expect(counts.connections == 3)
    }

    @Test func httpsWithTheServersAuthorityInTheBundleSucceedsByName() async throws {
        let server = try await KeepAliveServer(secure: true)
        let bundle = try caBundle()
        defer { bundle.remove() }
        let client = client("https://localhost:\(server.port)", tls: TLSOptions(caBundlePath: bundle.path))
        _ = try await client.listVaults()
        _ = try await client.listVaults()
        let counts = server.snapshot
        await server.stop()
        #expect(counts.requests == 2)
        #expect(counts.connections == 1)
        #expect(counts.hosts.first == "localhost:\(server.port)")
    }

    @Test func aCertificateNoTrustedAuthoritySignedIsATLSErrorAndNothingIsSent() async throws {
        let server = try await KeepAliveServer(secure: true)
        let error = try await #require(throws: ClientError.self) {
            try await client("https://localhost:\(server.port)").listVaults()
        }
        let counts = server.snapshot
        await server.stop()
        #expect(error.kind == .tls)
        #expect(error.requestWasNotSent)
        #expect(error.message.contains("not signed by an authority this machine trusts (--ca-bundle adds one)"))
        #expect(!error.message.contains(".cc:"), "no BoringSSL source paths: \(error.message)")
        #expect(counts.requests == 0)
    }

    @Test func aCertificateForAnotherAddressIsATLSError() async throws {
        // Given a trusted certificate for 127.0.0.1 and localhost, served on 127.0.0.2
        let server = try await KeepAliveServer(secure: true, host: "127.0.0.2")
        let bundle = try caBundle()
        defer { bundle.remove() }
        let error = try await #require(throws: ClientError.self) {
            try await client(server.endpoint, tls: TLSOptions(caBundlePath: bundle.path)).listVaults()
        }
        let counts = server.snapshot
        await server.stop()
        #expect(error.kind == .tls, "\(error.message)")
        #expect(error.message.contains("its certificate is not for this host name or address"))
        #expect(counts.requests == 0)
    }

    @Test func skippingVerificationReachesAnUntrustedServer() async throws {
        let server = try await KeepAliveServer(secure: true, host: "127.0.0.2")
        _ = try await client(server.endpoint, tls: TLSOptions(insecureSkipTLSVerification: true)).listVaults()
        let counts = server.snapshot
        await server.stop()
        #expect(counts.requests == 1)
    }
}
