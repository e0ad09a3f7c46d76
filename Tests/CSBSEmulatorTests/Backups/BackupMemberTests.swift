import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("Backup sharing: members")
struct BackupMemberTests {
    static func members(_ backup: String, project: String = Seeded.project, _ suffix: String = "") -> String {
        "/v3/\(project)/backups/\(backup)/members\(suffix)"
    }

    static func share(_ emulator: EmulatorTestClient, _ backup: String, with ids: [String], token: String)
        async throws -> JSONResponse
    {
        let list = ids.map { "\"\($0)\"" }.joined(separator: ", ")
        return try await emulator.send(.post, members(backup), token: token, json: #"{"members": [\#(list)]}"#)
    }

    static func shared(_ emulator: EmulatorTestClient, token: String, query: String = "own_type=shared")
        async throws -> [String]
    {
        let response = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/backups?\(query)", token: token)
        #expect(response.status == .ok)
        return (response["backups"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test("the sharer adds a pending member; the recipient sees it, lists the backup as shared and accepts it")
    func shareAndAccept() async throws {
        try await EmulatorTestClient.run(durations: BackupControllerTests.durations) { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let (_, backup, children) = try await BackupControllerTests.backedUp(emulator, token: token)

            let added = try await Self.share(emulator, backup, with: [Seeded.otherProject], token: token)
            #expect(added.status == .ok)
            #expect(added["count"] as? Int == 1)
            let record = try #require((added["members"] as? [[String: Any]])?.first)
            #expect(record["status"] as? String == "pending")
            #expect(record["backup_id"] as? String == backup)
            #expect(record["dest_project_id"] as? String == Seeded.otherProject)
            #expect(record["vault_id"] == nil)
            #expect((record["id"] as? String)?.count == 36)

            let listed = try await emulator.send(.get, Self.members(backup), token: token)
            #expect(listed["count"] as? Int == 1)
            let shown = try await emulator.send(.get, Self.members(backup, "/\(Seeded.otherProject)"), token: token)
            #expect(shown.dictionary("member")["id"] as? String == record["id"] as? String)

            // The recipient sees its share and the backup (and its disk backups) as shared, not as its own.
            #expect(try await Self.shared(emulator, token: other) == [backup])
            #expect(try await Self.shared(emulator, token: other, query: "member_status=pending") == [backup])
            #expect(try await Self.shared(emulator, token: other, query: "member_status=accepted").isEmpty)
            #expect(try await Self.shared(emulator, token: other, query: "own_type=private").isEmpty)
            #expect(try await Self.shared(emulator, token: other, query: "own_type=all_granted") == [backup])
            let disks = try await Self.shared(emulator, token: other, query: "own_type=shared&parent_id=\(backup)")
            #expect(Set(disks) == Set(children))
            let own = try await emulator.send(
                .get, Self.members(backup, project: Seeded.otherProject, "/\(Seeded.otherProject)"), token: other
            )
            #expect(own.dictionary("member")["status"] as? String == "pending")

            let vault = try await emulator.createVault(token: other, project: Seeded.otherProject)
            let accepted = try await emulator.send(
                .put, Self.members(backup, project: Seeded.otherProject, "/\(Seeded.otherProject)"), token: other,
                json: #"{"status": "accepted", "vault_id": "\#(vault)"}"#
            )
            #expect(accepted.status == .ok)
            #expect(accepted.dictionary("member")["status"] as? String == "accepted")
            #expect(accepted.dictionary("member")["vault_id"] as? String == vault)
            #expect(try await Self.shared(emulator, token: other, query: "member_status=accepted") == [backup])
            let byStatus = try await emulator.send(.get, Self.members(backup, "?status=accepted&vault_id=\(vault)"), token: token)
            #expect(byStatus["count"] as? Int == 1)

            // The sharer stops sharing: the recipient no longer sees the backup.
            let removed = try await emulator.send(.delete, Self.members(backup, "/\(Seeded.otherProject)"), token: token)
            #expect(removed.status == .noContent)
            #expect(try await Self.shared(emulator, token: other).isEmpty)
            let gone = try await emulator.send(.get, Self.members(backup, "/\(Seeded.otherProject)"), token: token)
            #expect(gone.status == .notFound)
            #expect(gone.errorCode == "BackupService.6703")
        }
    }

    @Test("parameters first (9900), then the backup (6200), the member (6703), then conflicts (6700, 6701, 6704, 6102)")
    func errors() async throws {
        try await EmulatorTestClient.run(durations: BackupControllerTests.durations) { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let (_, backup, children) = try await BackupControllerTests.backedUp(emulator, token: token)
            let stranger = "0123456789abcdef0123456789abcdef"
            for body in [
                #"{"members": []}"#, #"{"members": ["not-a-project"]}"#, #"{"members": ["\#(Seeded.project)"]}"#,
                #"{"members": ["\#(stranger)", "\#(stranger)"]}"#, #"{"members": ["\#(stranger)"], "domains": ["d"]}"#,
                #"{"domains": []}"#,
            ] {
                let refused = try await emulator.send(.post, Self.members("unknown"), token: token, json: body)
                #expect(refused.errorCode == "BackupService.9900", "\(body)")
            }
            let eleven = (0..<11).map { String(format: "%032x", $0 + 1) }
            #expect(try await Self.share(emulator, backup, with: eleven, token: token).errorCode == "BackupService.9900")
            #expect(try await Self.share(emulator, "unknown", with: [stranger], token: token).errorCode == "BackupService.6200")
            let child = try #require(children.first)
            #expect(try await Self.share(emulator, child, with: [stranger], token: token).errorCode == "BackupService.6700")
            #expect(try await Self.share(emulator, backup, with: [Seeded.otherProject], token: token).status == .ok)
            let again = try await Self.share(emulator, backup, with: [stranger, Seeded.otherProject], token: token)
            #expect(again.errorCode == "BackupService.6701")
            let more = (0..<10).map { String(format: "%032x", $0 + 1) }
            #expect(try await Self.share(emulator, backup, with: more, token: token).errorCode == "BackupService.6702")

            let sharerPath = Self.members(backup, "/\(Seeded.otherProject)")
            let recipientPath = Self.members(backup, project: Seeded.otherProject, "/\(Seeded.otherProject)")
            #expect(try await emulator.send(.get, Self.members(backup, "?status=done"), token: token).errorCode == "BackupService.9900")
            #expect(try await emulator.send(.get, Self.members(backup, "?sort=name"), token: token).errorCode == "BackupService.9900")
            #expect(try await emulator.send(.get, Self.members(backup, "/\(stranger)"), token: token).errorCode == "BackupService.6703")
            let vault = try await emulator.createVault(token: other, project: Seeded.otherProject)
            for body in [#"{"status": "pending"}"#, #"{"status": "accepted"}"#, #"{}"#] {
                let refused = try await emulator.send(.put, recipientPath, token: other, json: body)
                #expect(refused.errorCode == "BackupService.9900", "\(body)")
            }
            let accept = #"{"status": "accepted", "vault_id": "\#(vault)"}"#
            #expect(try await emulator.send(.put, sharerPath, token: token, json: accept).errorCode == "BackupService.6704")
            let unknownVault = #"{"status": "accepted", "vault_id": "\#(Seeded.server)"}"#
            #expect(try await emulator.send(.put, recipientPath, token: other, json: unknownVault).errorCode == "BackupService.6105")
            let diskVault = try await emulator.createVault(name: "disks", objectType: "disk", token: other, project: Seeded.otherProject)
            let wrongType = #"{"status": "accepted", "vault_id": "\#(diskVault)"}"#
            #expect(try await emulator.send(.put, recipientPath, token: other, json: wrongType).errorCode == "BackupService.6102")
            let rejected = try await emulator.send(.put, recipientPath, token: other, json: #"{"status": "rejected"}"#)
            #expect(rejected.dictionary("member")["status"] as? String == "rejected")
            #expect(try await emulator.send(.delete, recipientPath, token: other).errorCode == "BackupService.6704")
            // A project the backup is not shared with does not see it at all.
            let outsider = Self.members(backup, project: Seeded.otherProject, "")
            #expect(try await emulator.send(.delete, sharerPath, token: token).status == .noContent)
            #expect(try await emulator.send(.get, outsider, token: other).errorCode == "BackupService.6200")
        }
    }

    @Test("show_members_detail orders (ties by project), pages and filters")
    func listing() async throws {
        try await EmulatorTestClient.run(durations: BackupControllerTests.durations) { emulator in
            let token = try await emulator.token()
            let (_, backup, _) = try await BackupControllerTests.backedUp(emulator, token: token)
            let (first, second) = ("0123456789abcdef0123456789abcde1", "0123456789abcdef0123456789abcde2")
            #expect(try await Self.share(emulator, backup, with: [second, first], token: token)["count"] as? Int == 2)
            func projects(_ query: String) async throws -> [String] {
                let listed = try await emulator.send(.get, Self.members(backup, "?\(query)"), token: token)
                #expect(listed.status == .ok)
                return (listed["members"] as? [[String: Any]] ?? []).compactMap { $0["dest_project_id"] as? String }
            }
            #expect(try await projects("") == [first, second])
            #expect(try await projects("sort=dest_project_id:desc") == [second, first])
            #expect(try await projects("limit=1&offset=1") == [second])
            #expect(try await projects("marker=\(first)") == [second])
            #expect(try await projects("dest_project_id=\(second)") == [second])
            #expect(try await projects("status=accepted").isEmpty)
            let badMarker = try await emulator.send(.get, Self.members(backup, "?marker=nobody"), token: token)
            #expect(badMarker.errorCode == "BackupService.9900")
        }
    }
    @Test("the recipient shows a shared backup, its disk backups and its metadata; only reads, and only while shared")
    func recipientShowsTheSharedBackup() async throws {
        try await EmulatorTestClient.run(durations: BackupControllerTests.durations) { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let (_, backup, children) = try await BackupControllerTests.backedUp(emulator, token: token)
            let path = "/v3/\(Seeded.otherProject)/backups/\(backup)"
            // Not shared yet: the recipient does not see it.
            #expect(try await emulator.send(.get, path, token: other).errorCode == "BackupService.6200")

            #expect(try await Self.share(emulator, backup, with: [Seeded.otherProject], token: token).status == .ok)
            let shown = try await emulator.send(.get, path, token: other)
            #expect(shown.status == .ok)
            #expect(shown.dictionary("backup")["id"] as? String == backup)
            #expect(shown.dictionary("backup")["project_id"] as? String == Seeded.project)
            let disk = try #require(children.first)
            let diskShown = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/backups/\(disk)", token: other)
            #expect(diskShown.dictionary("backup")["parent_id"] as? String == backup)
            let metadata = try await emulator.send(.get, path + "/metadata", token: other)
            #expect(metadata.status == .ok)
            #expect(metadata["backup_id"] as? String == backup)

            // Changing it stays with the owner.
            let renamed = try await emulator.send(.put, path, token: other, json: #"{"backup": {"name": "mine"}}"#)
            #expect(renamed.errorCode == "BackupService.6200")
            #expect(try await emulator.send(.delete, path, token: other).errorCode == "BackupService.6200")

            // A third project sees nothing, and the recipient nothing once the share ends.
            #expect(try await emulator.send(.get, "/v3/\(Seeded.project)/backups/\(backup)", token: other).status == .forbidden)
            #expect(try await emulator.send(.delete, Self.members(backup, "/\(Seeded.otherProject)"), token: token).status == .noContent)
            #expect(try await emulator.send(.get, path, token: other).errorCode == "BackupService.6200")
        }
    }

    @Test("deleting the backup ends its shares")
    func deletingTheBackupEndsTheShare() async throws {
        try await EmulatorTestClient.run(durations: BackupControllerTests.durations) { emulator in
            let token = try await emulator.token()
            let other = try await emulator.token(.other)
            let (_, backup, _) = try await BackupControllerTests.backedUp(emulator, token: token)
            #expect(try await Self.share(emulator, backup, with: [Seeded.otherProject], token: token).status == .ok)
            #expect(try await emulator.send(.delete, BackupControllerTests.path(backup), token: token).status == .noContent)
            emulator.clock.advance(by: .seconds(5))
            #expect(try await Self.shared(emulator, token: other).isEmpty)
        }
    }
}
