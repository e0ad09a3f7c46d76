@testable import CSBSEmulator
import GRDB
import Testing

@Suite("Migration v6-policy-schedule")
struct PolicyScheduleMigrationTests {
    @Test("bindings made before the migration run from the first trigger after the latest recorded time")
    func existingBindings() throws {
        let monday = PolicyScheduleTests.monday
        let hour = PolicyScheduleTests.hour
        let queue = try DatabaseQueue()
        try EmulatorMigrations.migrator.migrate(queue, upTo: "v5-transition-indexes")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO domain VALUES ('d', 'domain');
                    INSERT INTO project VALUES ('p', 'project', 'd');
                    INSERT INTO vault (id, projectId, userId, name, objectType, protectType, consistentLevel, cloudType,
                        chargingMode, sizeGB, status, enterpriseProjectId, autoBind, autoExpand, smnNotify, threshold,
                        createdAt)
                    VALUES ('v', 'p', 'u', 'vault', 'server', 'backup', 'crash_consistent', 'public', 'post_paid', 100,
                        'available', '0', 0, 0, 0, 80, ?);
                    INSERT INTO policy VALUES ('on', 'p', 'on', 1, 'backup', '{}', 't1',
                        '["FREQ=DAILY;BYHOUR=15;BYMINUTE=0"]', ?, NULL, ?);
                    INSERT INTO policy VALUES ('off', 'p', 'off', 0, 'backup', '{}', 't2',
                        '["FREQ=DAILY;BYHOUR=15;BYMINUTE=0"]', ?, NULL, ?);
                    INSERT INTO vaultPolicy VALUES ('v', 'on', NULL);
                    INSERT INTO vaultPolicy VALUES ('v', 'off', NULL);
                    """,
                arguments: [monday + 16 * hour, monday, monday, monday, monday]
            )
        }
        try EmulatorMigrations.migrator.migrate(queue)
        let next = try queue.read { db in
            try Int64?.fetchAll(db, sql: "SELECT nextRunAt FROM vaultPolicy ORDER BY policyId DESC")
        }
        // The vault was created at 16:00, after Monday's 15:00 run: the enabled policy's binding waits for Tuesday's;
        // the disabled one does not run.
        #expect(next == [monday + 24 * hour + 15 * hour, nil])
    }
}
