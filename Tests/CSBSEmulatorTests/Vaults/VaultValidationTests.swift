import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

/// A Swift string as a JSON string literal (quotes included, control characters escaped).
func jsonLiteral(_ text: String) -> String {
    let data = try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
    let array = String(decoding: data ?? Data(), as: UTF8.self)
    return String(array.dropFirst().dropLast())
}

@Suite("Names, descriptions, tags and sizes are checked as the service does")
struct VaultValidationTests {
    static let vaults = "/v3/\(Seeded.project)/vaults"

    /// A create body with this name (any characters) and extra `vault` members.
    static func body(name: String = "v", size: String = "200", extra: String = "") -> String {
        """
        {"vault": {"billing": {"consistent_level": "crash_consistent", "object_type": "server", \
        "protect_type": "backup", "size": \(size)}, "name": \(jsonLiteral(name)), "resources": []\(extra)}}
        """
    }

    static let refusedNames = [
        "my vault", "a/b", "a.b", "tab\tname", "nul\u{0}x", "bell\u{7}", "", String(repeating: "n", count: 65),
        String(repeating: "😀", count: 64), String(repeating: "e\u{301}", count: 64), String(repeating: "👍🏽", count: 10),
    ]

    @Test("refused vault names are 400 9900, never stored cut short or a 500", arguments: refusedNames)
    func refusedVaultName(name: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(.post, Self.vaults, token: token, json: Self.body(name: name))
            #expect(created.status == .badRequest)
            #expect(created.errorCode == "BackupService.9900")
            #expect((created["error_msg"] as? String)?.contains("vault.name") == true)
            let id = try await emulator.createVault(token: token)
            let renamed = try await emulator.send(
                .put, "\(Self.vaults)/\(id)", token: token, json: #"{"vault": {"name": \#(jsonLiteral(name))}}"#
            )
            #expect(renamed.errorCode == "BackupService.9900")
            let listed = try await emulator.send(.get, Self.vaults, token: token)
            #expect((listed["vaults"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["my_vault"])
        }
    }

    @Test(
        "names of letters in any script, digits, _ and - up to 64 characters are accepted",
        arguments: ["备份_1-a", "Sicherung-ü", String(repeating: "é", count: 64), String(repeating: "备", count: 64)]
    )
    func acceptedVaultName(name: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(.post, Self.vaults, token: token, json: Self.body(name: name))
            #expect(created.status == .ok)
            #expect(created.dictionary("vault")["name"] as? String == name)
        }
    }

    @Test("a description with a NUL or another control character is refused, not cut short")
    func controlCharactersInDescriptions() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            for text in ["nul\u{0}x", "esc\u{1B}[2J", "c1\u{9B}"] {
                let extra = #", "description": \#(jsonLiteral(text))"#
                let vault = try await emulator.send(.post, Self.vaults, token: token, json: Self.body(extra: extra))
                #expect(vault.errorCode == "BackupService.9900")
            }
            let fine = try await emulator.send(
                .post, Self.vaults, token: token, json: Self.body(extra: #", "description": "with spaces / and ü""#)
            )
            #expect(fine.dictionary("vault")["description"] as? String == "with spaces / and ü")
        }
    }

    @Test(
        "a size that is not a whole number or does not fit is 400 6101 on create and update",
        arguments: ["100.5", "1e30", "-1e30", "9.5"]
    )
    func fractionalOrHugeSize(size: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(.post, Self.vaults, token: token, json: Self.body(size: size))
            #expect(created.status == .badRequest)
            #expect(created.errorCode == "BackupService.6101")
            let id = try await emulator.createVault(token: token)
            let resized = try await emulator.send(
                .put, "\(Self.vaults)/\(id)", token: token, json: #"{"vault": {"billing": {"size": \#(size)}}}"#
            )
            #expect(resized.status == .badRequest)
            #expect(resized.errorCode == "BackupService.6101")
        }
    }

    @Test("a whole size written with an exponent or a fraction of zero is a size")
    func wholeSizeAsDecimal() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(.post, Self.vaults, token: token, json: Self.body(size: "1e3"))
            #expect(created.dictionary("vault", "billing")["size"] as? Int == 1000)
        }
    }

    @Test("another integer that does not fit is 9900 saying so, not \"not valid JSON\"")
    func hugeThreshold() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(
                .post, Self.vaults, token: token, json: Self.body(extra: #", "threshold": 1e30"#)
            )
            #expect(created.errorCode == "BackupService.9900")
            #expect((created["error_msg"] as? String)?.contains("whole number") == true)
        }
    }

    @Test(
        "vault tags: an empty list or a key given twice is 9900, on create and in a batch",
        arguments: [#"[]"#, #"[{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]"#,
                    #"[{"key": "a", "value": "1"}, {"key": " a ", "value": "2"}]"#]
    )
    func tagLists(tags: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(
                .post, Self.vaults, token: token, json: Self.body(extra: #", "tags": \#(tags)"#)
            )
            #expect(created.status == .badRequest)
            #expect(created.errorCode == "BackupService.9900")
            let id = try await emulator.createVault(token: token)
            let batch = try await emulator.send(
                .post, "/v3/\(Seeded.project)/vault/\(id)/tags/action", token: token,
                json: #"{"action": "create", "tags": \#(tags)}"#
            )
            #expect(batch.errorCode == "BackupService.9900")
        }
    }
}
