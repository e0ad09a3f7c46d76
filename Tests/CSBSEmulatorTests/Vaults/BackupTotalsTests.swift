@testable import CSBSEmulator
import CSBSClient
import Foundation
import GRDB
import HTTPTypes
import Testing

@Suite("Backup totals: per-resource sums kept by triggers equal a rescan of the backups")
struct BackupTotalsTests {
    /// The rescan the totals replaced (a checkpoint ran it over the vault's whole history): per resource of
    /// `:vault` at `:now`, held count and MB, the same created before `:now`, protecting, restoring.
    static let rescanSQL = """
        SELECT resourceId,
            SUM(finishesAt <= :now),
            SUM(CASE WHEN finishesAt <= :now THEN sizeMB ELSE 0 END),
            SUM(finishesAt <= :now AND createdAt < :now),
            SUM(CASE WHEN finishesAt <= :now AND createdAt < :now THEN sizeMB ELSE 0 END),
            MAX(finishesAt) > :now,
            MAX(finishesAt <= :now AND IFNULL(restoringUntil, 0) > :now)
        FROM backup
        WHERE vaultId = :vault AND parentId IS NULL AND deletingUntil IS NULL
        AND (:now < finishesAt OR (restoringUntil IS NOT NULL AND :now < restoringUntil) OR outcome = 'available')
        GROUP BY resourceId
        """

    /// The per-resource look-up the latest statuses replaced: the latest backup not being deleted, by greatest
    /// creation time, then the smallest rowid.
    static let latestSQL = """
        SELECT b.resourceId, \(BackupSQL.status) AS status FROM backup b
        WHERE b.rowid = (SELECT l.rowid FROM backup l
            WHERE l.vaultId = b.vaultId AND l.resourceId = b.resourceId AND l.parentId IS NULL
            AND l.deletingUntil IS NULL ORDER BY l.createdAt DESC, l.rowid ASC LIMIT 1)
        AND b.vaultId = :vault AND b.parentId IS NULL AND b.deletingUntil IS NULL
        """

    /// The statement show_checkpoint's earlier backups came from: per resource of `:checkpoint`, what holds data
    /// at `:now` of its backups created before `:before`.
    static let earlierSQL = """
        SELECT resourceId, COUNT(*), COALESCE(SUM(sizeMB), 0) FROM backup
        WHERE vaultId = :vault AND parentId IS NULL AND createdAt < :before AND \(BackupSQL.occupiesSpace)
        AND resourceId IN (SELECT resourceId FROM backup WHERE checkpointId = :checkpoint AND parentId IS NULL)
        GROUP BY resourceId
        """

    /// The totals table as a rescan of the backups gives it.
    static let totalsRescanSQL = """
        SELECT vaultId, resourceId, COUNT(*), SUM(outcome = 'available'),
        SUM(CASE WHEN outcome = 'available' THEN sizeMB ELSE 0 END)
        FROM backup WHERE parentId IS NULL AND deletingUntil IS NULL GROUP BY vaultId, resourceId
        ORDER BY vaultId, resourceId
        """

    @Test("after checkpoints, failures, restores, deletions and a vault deletion, at times before, at and after each")
    func totalsMatchARescan() async throws {
        try await CheckpointInputsTests.runOnFile { emulator, path in
            let token = try await emulator.token()
            let check: @Sendable () async throws -> Void = {
                let now = WireTime.micros(emulator.clock.date)
                let store = try EmulatorStore(storage: .file(path: path))
                try await store.writer.read { db in try Self.compare(around: now, in: db) }
            }
            let vault = try await emulator.vault(servers: [Seeded.server, Seeded.secondServer], token: token)
            try await check()
            let first = try #require(
                try await emulator.checkpoint(vault: vault, token: token).dictionary("checkpoint")["id"] as? String
            )
            try await check()
            emulator.clock.advance(by: .seconds(15))
            // A failed checkpoint: its backups end in error and hold nothing.
            let rule = #"{"operation": "create_checkpoint", "checkpoint_error": true, "count": 1}"#
            #expect(try await emulator.send(.post, "/csbs-emulator/v1/faults", json: rule).status == .ok)
            #expect(try await emulator.checkpoint(vault: vault, token: token).status == .ok)
            try await check()
            emulator.clock.advance(by: .seconds(15))
            #expect(try await emulator.checkpoint(vault: vault, resources: [Seeded.server], token: token).status == .ok)
            try await check()
            emulator.clock.advance(by: .seconds(15))
            try await CheckpointInputsTests.restoreFirstDeleteSecond(emulator, checkpoint: first, token: token)
            try await check()
            emulator.clock.advance(by: .seconds(30))
            #expect(try await emulator.checkpoint(vault: vault, token: token).status == .ok)
            try await check()
            emulator.clock.advance(by: .seconds(30))
            let removed = try await emulator.send(.delete, "/v3/\(Seeded.project)/vaults/\(vault)", token: token)
            #expect(removed.status.code < 300)
            try await check()
            emulator.clock.advance(by: .seconds(60))
            _ = try await emulator.send(.get, "/v3/\(Seeded.project)/vaults", token: token)
            try await check()
            let left = try await EmulatorStore(storage: .file(path: path)).writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM backupTotals WHERE vaultId = ?", arguments: [vault])
            }
            #expect(left == 0)
        }
    }

    @Test("every way of inserting a backup counts it: the cached insert, GRDB's insert, a disk backup not at all")
    func insertsCount() throws {
        let queue = try DatabaseQueue()
        try EmulatorMigrations.migrator.migrate(queue)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            var backup = BackupPageCachesTests.sampleBackup()
            backup.parentId = nil
            backup.deletingUntil = nil
            backup.outcome = "available"
            try backup.insert(db)
            backup.id += "-grdb"
            try backup.insert(db, onConflict: nil)
            backup.id += "-error"
            backup.outcome = "error"
            try backup.save(db)
            backup.id += "-disk"
            backup.parentId = "parent"
            try backup.insert(db)
            let totals = try Row.fetchAll(
                db, sql: "SELECT vaultId, resourceId, present, available, availableMB FROM backupTotals"
            )
            #expect(totals.map(Self.values) == (try Row.fetchAll(db, sql: Self.totalsRescanSQL)).map(Self.values))
            #expect((totals.first?["present"] as Int?) == 3)
            #expect((totals.first?["available"] as Int?) == 2)
        }
    }

    @Test("a database of the schema before the totals opens with its backups counted")
    func migration() throws {
        let queue = try DatabaseQueue()
        try EmulatorMigrations.migrator.migrate(queue, upTo: "v19-one-history-index")
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for (index, outcome) in ["available", "available", "error"].enumerated() {
                var backup = BackupPageCachesTests.sampleBackup()
                backup.id = "backup-\(index)"
                backup.parentId = nil
                backup.deletingUntil = nil
                backup.outcome = outcome
                backup.createdAt = Int64(index)
                backup.finishesAt = Int64(index)
                // The bare insert: that schema has no totals to count it in.
                try StoredColumns.insert(backup, with: BackupRecord.insertSQL, in: db)
            }
        }
        try EmulatorMigrations.migrator.migrate(queue)
        try queue.read { db in
            let totals = try Row.fetchAll(
                db, sql: "SELECT vaultId, resourceId, present, available, availableMB FROM backupTotals"
            )
            #expect(totals.map(Self.values) == (try Row.fetchAll(db, sql: Self.totalsRescanSQL)).map(Self.values))
            #expect((totals.first?["present"] as Int?) == 3)
            #expect((totals.first?["available"] as Int?) == 2)
            try Self.compare(around: 10, in: db)
        }
    }

    /// Compares, for every vault, the totals, each resource's usage, the latest statuses and each checkpoint's
    /// earlier backups with the rescans they replace, at `now` and at times around it and around each backup.
    static func compare(around now: Int64, in db: Database) throws {
        let totals = try Row.fetchAll(
            db,
            sql: """
                SELECT vaultId, resourceId, present, available, availableMB FROM backupTotals
                ORDER BY vaultId, resourceId
                """
        )
        #expect(totals.map(values) == (try Row.fetchAll(db, sql: totalsRescanSQL)).map(values))
        let vaults = try String.fetchAll(db, sql: "SELECT DISTINCT vaultId FROM backup UNION SELECT id FROM vault")
        let marks = try Int64.fetchAll(
            db,
            sql: """
                SELECT createdAt FROM backup UNION SELECT finishesAt FROM backup
                UNION SELECT restoringUntil FROM backup WHERE restoringUntil IS NOT NULL
                """
        )
        var times = Set([now, now - 1, now + 1, now + 60_000_000])
        for mark in marks { times.formUnion([mark - 1, mark, mark + 1]) }
        for vault in vaults {
            for time in times {
                #expect(try EmulatorStore.resourceUsage(of: vault, at: time, in: db) == rescan(vault, at: time, in: db))
                let latest = try Row.fetchAll(db, sql: latestSQL, arguments: ["vault": vault, "now": time])
                #expect(try EmulatorStore.latestStatuses(of: vault, at: time, in: db)
                    == Dictionary(uniqueKeysWithValues: latest.map { ($0[0] as String, $0[1] as String) }))
            }
        }
        let checkpoints = try CheckpointRecord.fetchAll(db)
        for checkpoint in checkpoints {
            for time in times where time >= checkpoint.createdAt {
                let details = try EmulatorStore.checkpointDetails(of: checkpoint, at: time, in: db)
                var expected: [String: ResourceHistory] = [:]
                for backup in details.backups { expected[backup.resourceId] = ResourceHistory() }
                let rows = try Row.fetchAll(
                    db, sql: earlierSQL,
                    arguments: [
                        "vault": checkpoint.vaultId, "checkpoint": checkpoint.id, "before": checkpoint.createdAt,
                        "now": time,
                    ]
                )
                for row in rows { expected[row[0]] = ResourceHistory(count: row[1], sizeMB: row[2]) }
                #expect(details.earlier == expected)
            }
        }
    }

    private static func values(_ row: Row) -> [DatabaseValue] {
        Array(row.databaseValues)
    }

    private static func rescan(_ vault: String, at now: Int64, in db: Database) throws -> [String: ResourceUsage] {
        var usage: [String: ResourceUsage] = [:]
        for row in try Row.fetchAll(db, sql: rescanSQL, arguments: ["vault": vault, "now": now]) {
            usage[row[0]] = ResourceUsage(
                held: ResourceHistory(count: row[1], sizeMB: row[2]),
                earlier: ResourceHistory(count: row[3], sizeMB: row[4]),
                protecting: row[5], restoring: row[6]
            )
        }
        return usage
    }
}
