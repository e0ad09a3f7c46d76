@testable import CSBSClient
import CSBSEmulatorInterface
import CSBSLocalFiles
import CSBSTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The token cache against what another user could plant, and against stale entries.
@Suite("Token cache: private, never through a link, keyed on the password, never expired")
struct TokenCacheSafetyTests {
    private let token = AuthToken(value: "MIIcached", projectID: "p1", expiresAt: Date().addingTimeInterval(86_400))

    private func credentials(_ password: String) -> PasswordCredentials {
        PasswordCredentials(userName: "ops", password: password, domainName: "acme", project: .name("cn-north-4"))
    }

    @Test func aLinkAtTheCacheFileIsNeitherReadThroughNorWrittenThrough() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        chmod(directory, 0o700)
        let cache = TokenCache(directory: directory)
        let key = TokenCache.key(endpoint: "https://iam.example", credentials: credentials("pw-1"))
        // Another user's file, with an entry for this very key, behind a planted link.
        let victim = directory + "/victim"
        try cache.store(token, key: key)
        try FileManager.default.moveItem(atPath: cache.path(for: key), toPath: victim)
        try #require(symlink(victim, cache.path(for: key)) == 0)
        #expect(cache.load(key: key) == nil)

        let before = try Data(contentsOf: URL(fileURLWithPath: victim))
        try cache.store(AuthToken(value: "MIInew", projectID: "p1", expiresAt: token.expiresAt), key: key)
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == before)
        let attributes = try FileManager.default.attributesOfItem(atPath: cache.path(for: key))
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(cache.load(key: key)?.value == "MIInew")
    }

    @Test func aDirectoryOthersMayWriteToTurnsTheCacheOffWithOneNotice() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        chmod(directory, 0o777)
        try await withEmulator { emulator in
            let notices = NoticeRecorder()
            let client = emulator.client { configuration in
                configuration.tokenCacheDirectory = directory
                configuration.notice = notices.handler
            }
            _ = try await client.listVaults()
            _ = try await client.listVaults()
            #expect(notices.notices.count == 1)
            #expect(notices.notices.first?.description.contains("group or others may write") == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        }
    }

    @Test func aDirectoryOfAnotherUserIsRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        chmod(directory, 0o700)
        // Only root can hand a directory to another user; elsewhere there is nothing to check.
        guard getuid() == 0, chown(directory, 65534, 65534) == 0 else { return }
        #expect(throws: LocalFiles.Failure.self) { try TokenCache(directory: directory).prepare() }
        #expect(throws: LocalFiles.Failure.self) {
            try TokenCache(directory: directory).store(token, key: "k")
        }
    }

    @Test func theKeyChangesWithThePasswordAndNamesNoSecret() {
        let first = TokenCache.key(endpoint: "https://iam.example", credentials: credentials("pw-Secret-1"))
        let second = TokenCache.key(endpoint: "https://iam.example", credentials: credentials("pw-Secret-2"))
        #expect(first != second)
        #expect(!first.contains("pw-Secret") && !first.contains("ops"))
        #expect(TokenCache.fileName(for: first) != TokenCache.fileName(for: second))
    }

    @Test func theKeyIsTheSameFromVersionToVersion() {
        // SHA-256 of the length-prefixed fields, in lower-case hex: a token cached by an earlier csbs is found.
        #expect(
            TokenCache.key(endpoint: "https://iam.example", credentials: credentials("pw-Secret"))
                == "d493629cb7bcef4d1da51345671f35b25ab0d5b8e1dba80510ae1e1d36a8125e"
        )
    }

    @Test func anExpiredCachedTokenIsNotUsedAndThePasswordLogsInAgain() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withEmulator { emulator in
            let configuration = emulator.configuration(tokenCacheDirectory: directory)
            guard case .password(let credentials) = configuration.credentials else { return }
            let key = TokenCache.key(endpoint: configuration.endpoints.iam, credentials: credentials)
            for expiresAt in [emulator.clock.date.addingTimeInterval(-60), emulator.clock.date.addingTimeInterval(60)] {
                try TokenCache(directory: directory).store(
                    AuthToken(value: "MIIstale", projectID: EmulatorAccountFacts.projectID, expiresAt: expiresAt), key: key
                )
                let transport = RecordingTransport()
                _ = try await emulator.client(tokenCacheDirectory: directory, transport: transport).listVaults()
                #expect(transport.requests.first == "POST /v3/auth/tokens", "expires \(expiresAt): \(transport.requests)")
            }
        }
    }
}
