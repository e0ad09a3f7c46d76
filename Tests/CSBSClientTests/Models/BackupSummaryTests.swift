import CSBSClient
import CSBSTestSupport
import Foundation
import Testing

/// ``BackupSummary`` is a second model of a listed backup (its reason is beside it): for the same answer it must
/// equal the projection of ``Backup``, field by field.
@Suite("Backup summaries equal the backups they summarise")
struct BackupSummaryTests {
    @Test func aFullBackupDecodesToItsProjection() throws {
        // Given a page of backups with every field set, and one with only its id
        let backups = [Backup.everyFieldSet(), Backup(id: "b2")]
        let data = try JSONEncoder().encode(BackupPage(backups: backups, count: 2))
        // When the page is read as backups and as summaries
        let full = try JSONDecoder().decode(BackupPage.self, from: data).backups
        let summaries = try JSONDecoder().decode(SummaryPage.self, from: data).backups
        // Then each summary is its backup's projection, every field set where the backup's is
        #expect(summaries == full.map(BackupSummary.init))
        #expect(summaries[0].resourceName == "web" && summaries[0].updatedAt == "2024-01-02T03:05:05.000000")
    }

    @Test func theEmulatorsListingReadsTheSameBothWays() async throws {
        try await withEmulator { emulator in
            // Given a vault with a finished backup of a server (with its disk backup) and one being taken
            let client = emulator.client()
            let (vault, _) = try await emulator.vaultWithFinishedBackup(client)
            _ = try await client.createCheckpoint(vaultID: vault.id)
            // When its backups are listed as backups and as summaries
            let query = BackupQuery(vaultID: vault.id)
            let full = try await client.backups(query).collect()
            let summaries = try await client.backupSummaries(query).collect()
            // Then both list the same backups, each summary its backup's projection
            #expect(full.count == 2)
            #expect(Set(full.map(\.status)) == ["available", "protecting"])
            #expect(summaries == full.map(BackupSummary.init))
            // And a page of one walks the same way
            #expect(try await client.backupSummaries(query, pageSize: 1).collect() == summaries)
        }
    }
}

/// The public shape of a summaries page, for decoding outside the client.
private struct SummaryPage: Decodable {
    var backups: [BackupSummary]
}
