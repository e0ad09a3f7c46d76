import CSBSEmulatorInterface
import GRDB

extension EmulatorStore {
    /// Seeds what the control layer adds to the store's own seed: the accounts' access keys and the
    /// declared inventory. Existing access keys are left alone; declared servers and disks are replaced.
    /// With no declared inventory and every access key there (a state file opened again), nothing is written.
    func seedControlled(inventory: EmulatorInventory?) throws {
        if inventory == nil, try writer.read({ db in try Self.holdsRows(Self.seededAccessKeys, in: db) }) { return }
        try writer.write { db in
            try Self.seedControlled(db, inventory: inventory)
            try Self.raiseStateVersion(in: db)
        }
    }

    /// Deletes every row of every table, then seeds the accounts, the default inventory, the access keys
    /// and the declared inventory again.
    func resetToSeed(inventory: EmulatorInventory?) throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction {
                let tables = try String.fetchAll(
                    db,
                    sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                        + "AND name NOT LIKE 'grdb_%'"
                )
                for table in tables { try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier)") }
                try Self.seedDefaults(db)
                try Self.seedControlled(db, inventory: inventory)
                try Self.raiseStateVersion(in: db)
                return .commit
            }
        }
    }

    /// Inserts the seeded accounts and inventory; rows that already exist are left alone (every open, and a reset).
    static func seedDefaults(_ db: Database) throws {
        for seed in SeedAccount.all {
            try seed.domain.insert(db, onConflict: .ignore)
            try seed.project.insert(db, onConflict: .ignore)
            try seed.user.insert(db, onConflict: .ignore)
            for server in SeedInventory.servers(projectID: seed.account.projectID) {
                try server.insert(db, onConflict: .ignore)
            }
            for disk in SeedInventory.disks(projectID: seed.account.projectID) {
                try disk.insert(db, onConflict: .ignore)
            }
        }
    }

    /// Whether every row ``seedDefaults(_:)`` inserts is there, looked up by key as its inserts would find them
    /// (what they would leave alone).
    static func holdsSeedDefaults(_ db: Database) throws -> Bool {
        var keys: [RowKeys] = [
            (DomainRecord.databaseTableName, SeedAccount.all.map(\.domain.id)),
            (ProjectRecord.databaseTableName, SeedAccount.all.map(\.project.id)),
            (UserRecord.databaseTableName, SeedAccount.all.map(\.user.id)),
        ]
        let projects = SeedAccount.all.map(\.account.projectID)
        keys.append((ServerRecord.databaseTableName, projects.flatMap { SeedInventory.servers(projectID: $0).map(\.id) }))
        keys.append((DiskRecord.databaseTableName, projects.flatMap { SeedInventory.disks(projectID: $0).map(\.id) }))
        return try holdsRows(keys, in: db)
    }

    /// The `id`s of rows in tables.
    typealias RowKeys = (table: String, ids: [String])

    /// The access keys ``seedControlled(inventory:)`` inserts.
    private static var seededAccessKeys: [RowKeys] {
        [(AccessKeyRecord.databaseTableName, SeedAccount.all.map(\.account.accessKeyID).filter { !$0.isEmpty })]
    }

    /// Whether every row named by `keys` is there (one query, counted by `id`).
    private static func holdsRows(_ keys: [RowKeys], in db: Database) throws -> Bool {
        let counts = keys.map { key in
            "(SELECT COUNT(*) FROM \(key.table.quotedDatabaseIdentifier) WHERE id IN ("
                + Array(repeating: "?", count: key.ids.count).joined(separator: ",") + "))"
        }
        let found = try Int.fetchOne(
            db, sql: "SELECT " + counts.joined(separator: " + "), arguments: StatementArguments(keys.flatMap(\.ids))
        )
        return found == keys.reduce(0) { $0 + $1.ids.count }
    }

    private static func seedControlled(_ db: Database, inventory: EmulatorInventory?) throws {
        for seed in SeedAccount.all where !seed.account.accessKeyID.isEmpty {
            let key = AccessKeyRecord(
                id: seed.account.accessKeyID, secret: seed.account.secretAccessKey, userId: seed.userID,
                securityToken: nil, failedAttempts: 0, lockedUntil: nil
            )
            try key.insert(db, onConflict: .ignore)
        }
        for project in inventory?.byProject ?? [] {
            let zone = (SeedAccount.all.first { $0.account.projectID == project.projectId }?.account.projectName ?? "") + "a"
            for server in project.servers {
                try ServerRecord(
                    id: server.id, projectId: project.projectId, name: server.name, status: server.status ?? "ACTIVE",
                    availabilityZone: server.availabilityZone ?? zone,
                    tags: WireJSON.encodeText((server.tags ?? []).map { TagChange(key: $0.key, value: $0.value) })
                ).insert(db, onConflict: .replace)
                for disk in server.disks ?? [] {
                    let size = disk.sizeGb ?? 40
                    try DiskRecord(
                        id: disk.id, projectId: project.projectId, serverId: server.id, name: disk.name, sizeGB: size,
                        usedMB: disk.usedMb ?? size * 1024 / 10, bootable: disk.bootable ?? false
                    ).insert(db, onConflict: .replace)
                }
            }
        }
    }
}
