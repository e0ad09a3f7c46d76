import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSTestSupport
import Foundation
import Testing

@Suite("IAM tokens: obtained once, cached 0600, replaced when refused")
struct AuthenticatorTests {
    @Test func tokenIsObtainedOnceAndReusedAcrossCalls() async throws {
        try await withEmulator { emulator in
            let transport = RecordingTransport()
            let client = emulator.client(transport: transport)
            _ = try await client.listVaults()
            _ = try await client.listVaults()
            #expect(transport.requests.filter { $0 == "POST /v3/auth/tokens" }.count == 1)
            #expect(transport.requests.count == 3)
        }
    }

    @Test func cachedTokenFileIsPrivateAndReusedByTheNextProcess() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withEmulator { emulator in
            _ = try await emulator.client(tokenCacheDirectory: directory).listVaults()
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(files.count == 1)
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + files[0])
            #expect((attributes[.posixPermissions] as? Int) == 0o600)

            let transport = RecordingTransport()
            _ = try await emulator.client(tokenCacheDirectory: directory, transport: transport).listVaults()
            #expect(transport.requests == ["GET /v3/\(EmulatorAccountFacts.projectID)/vaults"])
        }
    }

    @Test func missingCacheDirectoriesAreCreatedPrivate() async throws {
        let base = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try await withEmulator { emulator in
            _ = try await emulator.client(tokenCacheDirectory: base + "/csbs/cache/tokens").listVaults()
            for directory in ["/csbs", "/csbs/cache", "/csbs/cache/tokens"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: base + directory)
                #expect((attributes[.posixPermissions] as? Int) == 0o700, "\(directory)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: base + "/csbs/cache/tokens").count == 1)
        }
    }

    @Test func refusedCachedTokenIsReplacedOnce() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withEmulator { emulator in
            let configuration = emulator.configuration(tokenCacheDirectory: directory)
            guard case .password(let credentials) = configuration.credentials else { return }
            let cache = TokenCache(directory: directory)
            let bogus = AuthToken(value: "MIIbogus", projectID: EmulatorAccountFacts.projectID, expiresAt: emulator.clock.date.addingTimeInterval(86_400))
            try cache.store(bogus, key: TokenCache.key(endpoint: configuration.endpoints.iam, credentials: credentials))

            let transport = RecordingTransport()
            let vaults = try await emulator.client(tokenCacheDirectory: directory, transport: transport).listVaults()
            #expect(vaults.vaults.isEmpty)
            #expect(transport.requests.count == 3, "GET refused, new token, GET again: \(transport.requests)")
        }
    }

    @Test func wrongPasswordIsAnAuthenticationError() async throws {
        try await withEmulator { emulator in
            var configuration = emulator.configuration()
            configuration.credentials = .password(
                PasswordCredentials(userName: "demo", password: "wrong-password-123", domainName: "csbs-demo", project: .name("cn-north-4"))
            )
            let client = BackupClient(configuration: configuration, clock: emulator.clock)
            let error = try await #require(throws: ClientError.self) { try await client.listVaults() }
            #expect(error.kind == .authentication)
            #expect(error.status == 401)
            #expect(!error.description.contains("wrong-password-123"))
        }
    }
}

enum EmulatorAccountFacts {
    static var projectID: String { EmulatorAccount.demo.projectID }
}
