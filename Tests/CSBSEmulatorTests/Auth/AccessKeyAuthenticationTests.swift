@testable import CSBSEmulator
import CSBSClient
import CSBSEmulatorInterface
import Foundation
import NIOHTTP1
import Testing

/// AK/SK (`SDK-HMAC-SHA256`) requests over real HTTP, signed by the tests' own signer (``TestSigner``).
@Suite("AK/SK authentication")
struct AccessKeyAuthenticationTests {
    static let vaults = "/v3/\(Seeded.project)/vaults"
    static let vaultBody = EmulatorTestClient.vaultBody()

    @Test("a signed create and a signed list with a repeated, encoded query succeed")
    func signedRequestsSucceed() async throws {
        try await withSignedEmulator { _, sender, _ in
            let created = try await sender.send(.POST, Self.vaults, body: Self.vaultBody)
            #expect(created.status == 200)
            let id = try #require((created.json["vault"] as? [String: Any])?["id"] as? String)
            let listed = try await sender.send(
                .GET, Self.vaults,
                query: [("object_type", "server"), ("id", id), ("id", "second id*"), ("limit", "10"), ("offset", "0")]
            )
            #expect(listed.status == 200)
            #expect((listed.json["vaults"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test("an unknown access key is 401 APIGW.0301 'ak not exist' with a request_id")
    func unknownAccessKey() async throws {
        try await withSignedEmulator { _, sender, _ in
            let reply = try await sender.send(.GET, Self.vaults, accessKey: "NOSUCHKEY00000000000")
            #expect(reply.status == 401)
            #expect(reply.errorCode == "APIGW.0301")
            #expect(reply.errorMessage.contains("ak not exist"))
            #expect((reply.json["request_id"] as? String)?.isEmpty == false)
        }
    }

    @Test("a wrong secret or a tampered body fails verification, and the secret never appears in the error")
    func badSignature() async throws {
        try await withSignedEmulator { _, sender, _ in
            let wrongKey = try await sender.send(.GET, Self.vaults, secretKey: "not-the-secret")
            #expect(wrongKey.status == 401)
            #expect(wrongKey.errorMessage.contains("verify aksk signature fail"))
            #expect(!wrongKey.errorMessage.contains(EmulatorAccount.demo.secretAccessKey))
            let tampered = try await sender.send(
                .POST, Self.vaults, body: Self.vaultBody, sentBody: EmulatorTestClient.vaultBody(name: "other")
            )
            #expect(tampered.status == 401)
            #expect(tampered.errorMessage.contains("verify aksk signature fail"))
        }
    }

    @Test("five bad signatures lock the key for five minutes of emulator time")
    func lockAfterFiveFailures() async throws {
        try await withSignedEmulator { _, sender, clock in
            for _ in 0..<5 {
                #expect(try await sender.send(.GET, Self.vaults, secretKey: "wrong").status == 401)
            }
            let locked = try await sender.send(.GET, Self.vaults)
            #expect(locked.status == 401)
            #expect(locked.errorMessage.contains("reach the limit"))
            clock.advance(by: .seconds(4 * 60))
            #expect(try await sender.send(.GET, Self.vaults).status == 401)
            clock.advance(by: .seconds(61))
            #expect(try await sender.send(.GET, Self.vaults).status == 200)
        }
    }

    @Test("four bad signatures then a good one do not lock the key")
    func goodSignatureResetsTheCount() async throws {
        try await withSignedEmulator { _, sender, _ in
            for _ in 0..<4 { _ = try await sender.send(.GET, Self.vaults, secretKey: "wrong") }
            #expect(try await sender.send(.GET, Self.vaults).status == 200)
            for _ in 0..<4 { _ = try await sender.send(.GET, Self.vaults, secretKey: "wrong") }
            #expect(try await sender.send(.GET, Self.vaults).status == 200)
        }
    }

    @Test("X-Sdk-Date more than 15 minutes off, or missing, is refused")
    func signingDate() async throws {
        try await withSignedEmulator { _, sender, _ in
            let late = try await sender.send(.GET, Self.vaults, dateOffset: -16 * 60)
            #expect(late.status == 401)
            #expect(late.errorMessage.contains("signature expired"))
            #expect(late.errorMessage.contains("server time"))
            let early = try await sender.send(.GET, Self.vaults, dateOffset: 16 * 60)
            #expect(early.status == 401)
            #expect(try await sender.send(.GET, Self.vaults, dateOffset: 14 * 60).status == 200)
            let missing = try await sender.send(.GET, Self.vaults, omitDate: true)
            #expect(missing.status == 401)
            #expect(missing.errorCode == "APIGW.0301")
        }
    }

    @Test("moving the emulator's clock (advance, time scale) does not expire signatures made with the signers' time")
    func signingDateFollowsTheSignersClock() async throws {
        let scaled: (inout EmulatorConfiguration) -> Void = { $0.timeScale = 60 }
        try await withSignedEmulator(configure: scaled) { emulator, sender, _ in
            emulator.control.advanceClock(by: .seconds(20 * 60))
            #expect(try await sender.send(.GET, Self.vaults).status == 200)
            let late = try await sender.send(.GET, Self.vaults, dateOffset: -16 * 60)
            #expect(late.status == 401)
            #expect(late.errorMessage.contains("signature expired"))
        }
    }

    @Test("a malformed Authorization header is 401")
    func malformedHeader() async throws {
        try await withSignedEmulator { _, sender, _ in
            let reply = try await sender.send(.GET, Self.vaults) { _ in "SDK-HMAC-SHA256 Access=x" }
            #expect(reply.status == 401)
            #expect(reply.errorCode == "APIGW.0301")
            #expect(reply.errorMessage.contains("malformed"))
        }
    }

    @Test("projects are isolated: another domain's key, or an X-Project-Id that differs from the path, is 403")
    func projectIsolation() async throws {
        try await withSignedEmulator { _, sender, _ in
            let otherKey = try await sender.send(.GET, Self.vaults, account: .other, projectHeader: nil)
            #expect(otherKey.status == 403)
            let mismatch = try await sender.send(.GET, Self.vaults, projectHeader: Seeded.otherProject)
            #expect(mismatch.status == 403)
            let own = try await sender.send(
                .GET, "/v3/\(Seeded.otherProject)/vaults", account: .other, projectHeader: Seeded.otherProject
            )
            #expect(own.status == 200)
        }
    }

    @Test("a temporary key needs its X-Security-Token")
    func temporaryKey() async throws {
        try await withSignedEmulator { emulator, sender, _ in
            let user = "aa2999fa5ae640f28926f8fd79188934"  // the demo user
            try await emulator.control.store.insertAccessKey(
                AccessKeyRecord(id: "TEMPKEY0000000000001", secret: "tempSecret", userId: user,
                                securityToken: "session-token-1", failedAttempts: 0, lockedUntil: nil)
            )
            let without = try await sender.send(.GET, Self.vaults, accessKey: "TEMPKEY0000000000001", secretKey: "tempSecret")
            #expect(without.status == 401)
            let wrong = try await sender.send(
                .GET, Self.vaults, accessKey: "TEMPKEY0000000000001", secretKey: "tempSecret",
                extraHeaders: [("X-Security-Token", "session-token-2")]
            )
            #expect(wrong.status == 401)
            let with = try await sender.send(
                .GET, Self.vaults, accessKey: "TEMPKEY0000000000001", secretKey: "tempSecret",
                extraHeaders: [("X-Security-Token", "session-token-1")]
            )
            #expect(with.status == 200)
        }
    }

    @Test("IAM project listing accepts a signed request and lists the key's domain only")
    func signedProjectListing() async throws {
        try await withSignedEmulator { _, sender, _ in
            let reply = try await sender.send(.GET, "/v3/projects", query: [("name", "cn-north-4")])
            #expect(reply.status == 200)
            let projects = reply.json["projects"] as? [[String: Any]] ?? []
            #expect(projects.map { $0["id"] as? String } == [Seeded.project])
        }
    }

    @Test("a body over 1 MiB is 413 APIGW.0201")
    func bodyTooLarge() async throws {
        try await withSignedEmulator { _, sender, _ in
            let big = "{\"x\": \"" + String(repeating: "a", count: (1 << 20) + 10) + "\"}"
            let reply = try await sender.send(.POST, Self.vaults, body: big)
            #expect(reply.status == 413)
            #expect(reply.errorCode == "APIGW.0201")
        }
    }
}
