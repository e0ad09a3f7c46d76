import GRDB

/// The emulator's schema, as named migrations. Constraints live in SQL (NOT NULL, foreign keys, uniqueness):
/// in particular `vaultResource.resourceId` is the primary key, so a resource can be in one vault only.
enum EmulatorMigrations {
    /// The migrator with every migration registered, oldest first.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-identity", migrate: createIdentity)
        migrator.registerMigration("v1-inventory", migrate: createInventory)
        migrator.registerMigration("v1-cbr", migrate: createCBR)
        migrator.registerMigration("v2-access-keys", migrate: createAccessKeys)
        migrator.registerMigration("v2-operations", migrate: addOperations)
        migrator.registerMigration("v2-policies-tags", migrate: addPoliciesAndTags)
        migrator.registerMigration("v3-query-indexes", migrate: addQueryIndexes)
        migrator.registerMigration("v4-csbs", migrate: createCSBS)
        migrator.registerMigration("v5-transition-indexes", migrate: addTransitionIndexes)
        migrator.registerMigration("v6-policy-schedule", migrate: addPolicySchedule)
        migrator.registerMigration("v7-vault-options-backup-expiry", migrate: addVaultOptionsAndBackupExpiry)
        migrator.registerMigration("v8-auto-protect-server-tags", migrate: addAutoProtectAndServerTags)
        migrator.registerMigration("v9-backup-members", migrate: addBackupMembers)
        migrator.registerMigration("v10-replication", migrate: addReplication)
        migrator.registerMigration("v11-agents", migrate: addAgents)
        migrator.registerMigration("v12-organization-policies", migrate: addOrganizationPolicies)
        migrator.registerMigration("v13-vault-orders", migrate: addVaultOrders)
        migrator.registerMigration("v14-csbs-migrations", migrate: addCSBSMigrations)
        migrator.registerMigration("v15-domain-scoped-tokens", migrate: addDomainScopedTokens)
        migrator.registerMigration("v16-replication-tasks", migrate: addReplicationTasks)
        migrator.registerMigration("v17-csbs-policies", migrate: addCSBSPolicies)
        migrator.registerMigration("v18-top-level-history", migrate: narrowHistoryIndexes)
        migrator.registerMigration("v19-one-history-index", migrate: mergeHistoryIndexes)
        migrator.registerMigration("v20-backup-totals", migrate: addBackupTotals)
        return migrator
    }

    private static func createIdentity(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE domain (
                    id TEXT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE
                );
                CREATE TABLE project (
                    id TEXT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    domainId TEXT NOT NULL REFERENCES domain(id),
                    UNIQUE (domainId, name)
                );
                CREATE TABLE user (
                    id TEXT NOT NULL PRIMARY KEY,
                    domainId TEXT NOT NULL REFERENCES domain(id),
                    name TEXT NOT NULL,
                    password TEXT NOT NULL,
                    UNIQUE (domainId, name)
                );
                CREATE TABLE token (
                    token TEXT NOT NULL PRIMARY KEY,
                    userId TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    issuedAt INTEGER NOT NULL,
                    expiresAt INTEGER NOT NULL CHECK (expiresAt > issuedAt)
                );
                """
        )
    }

    private static func createInventory(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE server (
                    id TEXT NOT NULL PRIMARY KEY,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    status TEXT NOT NULL,
                    availabilityZone TEXT NOT NULL
                );
                CREATE TABLE disk (
                    id TEXT NOT NULL PRIMARY KEY,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    serverId TEXT REFERENCES server(id) ON DELETE SET NULL,
                    name TEXT NOT NULL,
                    sizeGB INTEGER NOT NULL CHECK (sizeGB > 0),
                    usedMB INTEGER NOT NULL CHECK (usedMB >= 0),
                    bootable BOOLEAN NOT NULL
                );
                CREATE INDEX disk_serverId ON disk(serverId);
                """
        )
    }

    private static func createCBR(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE vault (
                    id TEXT NOT NULL PRIMARY KEY,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    userId TEXT NOT NULL,
                    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
                    description TEXT,
                    objectType TEXT NOT NULL,
                    protectType TEXT NOT NULL,
                    consistentLevel TEXT NOT NULL,
                    cloudType TEXT NOT NULL,
                    chargingMode TEXT NOT NULL,
                    sizeGB INTEGER NOT NULL CHECK (sizeGB > 0),
                    status TEXT NOT NULL,
                    enterpriseProjectId TEXT NOT NULL,
                    autoBind BOOLEAN NOT NULL,
                    autoExpand BOOLEAN NOT NULL,
                    smnNotify BOOLEAN NOT NULL,
                    threshold INTEGER NOT NULL,
                    createdAt INTEGER NOT NULL
                );
                CREATE INDEX vault_projectId ON vault(projectId);
                CREATE TABLE vaultResource (
                    resourceId TEXT NOT NULL PRIMARY KEY,
                    vaultId TEXT NOT NULL REFERENCES vault(id) ON DELETE CASCADE,
                    resourceType TEXT NOT NULL,
                    name TEXT NOT NULL,
                    sizeGB INTEGER NOT NULL,
                    extraInfo TEXT NOT NULL,
                    addedAt INTEGER NOT NULL
                );
                CREATE INDEX vaultResource_vaultId ON vaultResource(vaultId);
                CREATE TABLE checkpoint (
                    id TEXT NOT NULL PRIMARY KEY,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    vaultId TEXT NOT NULL REFERENCES vault(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    description TEXT NOT NULL,
                    incremental BOOLEAN NOT NULL,
                    autoTrigger BOOLEAN NOT NULL,
                    retentionDuration INTEGER NOT NULL,
                    createdAt INTEGER NOT NULL
                );
                CREATE TABLE backup (
                    id TEXT NOT NULL PRIMARY KEY,
                    checkpointId TEXT NOT NULL REFERENCES checkpoint(id) ON DELETE CASCADE,
                    parentId TEXT REFERENCES backup(id) ON DELETE CASCADE,
                    vaultId TEXT NOT NULL REFERENCES vault(id) ON DELETE CASCADE,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    resourceId TEXT NOT NULL,
                    resourceName TEXT NOT NULL,
                    resourceType TEXT NOT NULL,
                    resourceSizeGB INTEGER NOT NULL,
                    sizeMB INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    description TEXT NOT NULL,
                    incremental BOOLEAN NOT NULL,
                    autoTrigger BOOLEAN NOT NULL,
                    createdAt INTEGER NOT NULL
                );
                CREATE INDEX backup_checkpointId ON backup(checkpointId);
                CREATE INDEX backup_vaultId ON backup(vaultId, resourceId);
                """
        )
    }

    /// Lifecycle columns (finish times, planned outcomes, pending deletions) and the operation log.
    /// Rows from before this migration read as finished and available.
    private static func addOperations(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE checkpoint ADD COLUMN finishesAt INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE checkpoint ADD COLUMN outcome TEXT NOT NULL DEFAULT 'available';
                ALTER TABLE checkpoint ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE backup ADD COLUMN finishesAt INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE backup ADD COLUMN outcome TEXT NOT NULL DEFAULT 'available';
                ALTER TABLE backup ADD COLUMN updatedAt INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE backup ADD COLUMN resourceAz TEXT NOT NULL DEFAULT '';
                ALTER TABLE backup ADD COLUMN bootable BOOLEAN NOT NULL DEFAULT 0;
                ALTER TABLE backup ADD COLUMN restoringUntil INTEGER;
                ALTER TABLE backup ADD COLUMN deletingUntil INTEGER;
                CREATE INDEX backup_projectId ON backup(projectId);
                CREATE INDEX backup_parentId ON backup(parentId);
                ALTER TABLE vault ADD COLUMN deletingUntil INTEGER;
                ALTER TABLE vaultResource ADD COLUMN removingUntil INTEGER;
                CREATE TABLE operationLog (
                    id TEXT NOT NULL PRIMARY KEY,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    operationType TEXT NOT NULL,
                    providerId TEXT NOT NULL,
                    vaultId TEXT,
                    vaultName TEXT,
                    checkpointId TEXT,
                    policyId TEXT,
                    resourceId TEXT NOT NULL,
                    resourceName TEXT NOT NULL,
                    resourceType TEXT NOT NULL,
                    backupId TEXT,
                    backupName TEXT,
                    incremental BOOLEAN,
                    targetResourceId TEXT,
                    targetResourceName TEXT,
                    totalCount INTEGER NOT NULL DEFAULT 0,
                    requestId TEXT NOT NULL,
                    startedAt INTEGER NOT NULL,
                    finishesAt INTEGER NOT NULL CHECK (finishesAt >= startedAt),
                    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failed')),
                    errorCode TEXT NOT NULL DEFAULT '',
                    errorMessage TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX operationLog_projectId ON operationLog(projectId, startedAt);
                """
        )
    }

    /// Backup policies, their bindings to vaults, and vault tags.
    private static func addPoliciesAndTags(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE policy (
                    id TEXT NOT NULL PRIMARY KEY,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    enabled BOOLEAN NOT NULL,
                    operationType TEXT NOT NULL,
                    operationDefinition TEXT NOT NULL,
                    triggerId TEXT NOT NULL,
                    pattern TEXT NOT NULL,
                    startTime INTEGER NOT NULL,
                    startWindowMinutes INTEGER,
                    createdAt INTEGER NOT NULL
                );
                CREATE INDEX policy_projectId ON policy(projectId);
                CREATE TABLE vaultPolicy (
                    vaultId TEXT NOT NULL REFERENCES vault(id) ON DELETE CASCADE,
                    policyId TEXT NOT NULL REFERENCES policy(id) ON DELETE CASCADE,
                    destinationVaultId TEXT,
                    PRIMARY KEY (vaultId, policyId)
                );
                CREATE INDEX vaultPolicy_policyId ON vaultPolicy(policyId);
                CREATE TABLE vaultTag (
                    vaultId TEXT NOT NULL REFERENCES vault(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (vaultId, key)
                );
                """
        )
    }

    /// Indexes for the hot paths: pending transitions by due time (so settling touches only due rows), listing a
    /// project's backups in creation order, and a resource's backup history in a vault. They replace the
    /// narrower `backup_projectId` and `backup_vaultId` indexes, which are their prefixes.
    private static func addQueryIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX backup_deletingUntil ON backup(deletingUntil) WHERE deletingUntil IS NOT NULL;
                CREATE INDEX vault_deletingUntil ON vault(deletingUntil) WHERE deletingUntil IS NOT NULL;
                CREATE INDEX vaultResource_removingUntil ON vaultResource(removingUntil)
                    WHERE removingUntil IS NOT NULL;
                CREATE INDEX backup_listing ON backup(projectId, parentId, createdAt);
                CREATE INDEX backup_history ON backup(vaultId, resourceId, createdAt);
                CREATE INDEX backup_finishing ON backup(vaultId, resourceId, finishesAt);
                CREATE INDEX operationLog_target ON operationLog(targetResourceId, finishesAt);
                DROP INDEX backup_projectId;
                DROP INDEX backup_vaultId;
                """
        )
    }

    /// Indexes for `EmulatorStore.nextTransition(after:in:)`: the earliest stored time after now, per column,
    /// is one index seek each.
    private static func addTransitionIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX backup_finishesAt ON backup(finishesAt);
                CREATE INDEX backup_restoringUntil ON backup(restoringUntil) WHERE restoringUntil IS NOT NULL;
                CREATE INDEX checkpoint_finishesAt ON checkpoint(finishesAt);
                CREATE INDEX operationLog_finishesAt ON operationLog(finishesAt);
                """
        )
    }

    /// The schedule position of each policy binding: the next trigger time (`NULL` when the policy does not run:
    /// disabled, replication), the pending retention time after the latest scheduled backup, and the number of
    /// runs so far (for `full_backup_interval`). Partial indexes keep "is anything due?" one index probe each.
    /// Bindings made before this migration run from the first trigger after the latest time the store recorded.
    private static func addPolicySchedule(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE vaultPolicy ADD COLUMN nextRunAt INTEGER;
                ALTER TABLE vaultPolicy ADD COLUMN retainAt INTEGER;
                ALTER TABLE vaultPolicy ADD COLUMN runCount INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX vaultPolicy_nextRunAt ON vaultPolicy(nextRunAt) WHERE nextRunAt IS NOT NULL;
                CREATE INDEX vaultPolicy_retainAt ON vaultPolicy(retainAt) WHERE retainAt IS NOT NULL;
                """
        )
        let latest = try Int64.fetchOne(
            db,
            sql: """
                SELECT MAX(t) FROM (
                    SELECT MAX(createdAt) AS t FROM policy UNION ALL SELECT MAX(createdAt) FROM vault
                    UNION ALL SELECT MAX(createdAt) FROM checkpoint UNION ALL SELECT MAX(startedAt) FROM operationLog
                )
                """
        ) ?? 0
        try EmulatorStore.reschedule(policyID: nil, after: latest, in: db)
    }

    /// The vault options create and update accept (`locked`, `bind_rules`, `backup_name_prefix`,
    /// `availability_zone`), and a manual backup's expiry (`retention_duration_days`).
    private static func addVaultOptionsAndBackupExpiry(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE vault ADD COLUMN locked BOOLEAN NOT NULL DEFAULT 0;
                ALTER TABLE vault ADD COLUMN bindRules TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE vault ADD COLUMN backupNamePrefix TEXT;
                ALTER TABLE vault ADD COLUMN availabilityZone TEXT;
                ALTER TABLE backup ADD COLUMN expiresAt INTEGER;
                CREATE INDEX backup_expiring ON backup(expiresAt)
                    WHERE expiresAt IS NOT NULL AND deletingUntil IS NULL AND parentId IS NULL;
                """
        )
    }

    /// Whether a vault's resource follows its automatic backups (`set-resources`; existing resources do), the
    /// servers' tags (which a vault's `bind_rules` match; servers seeded before have none) and the day an
    /// `update_expiration_time` task set.
    private static func addAutoProtectAndServerTags(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE vaultResource ADD COLUMN autoProtect BOOLEAN NOT NULL DEFAULT 1;
                ALTER TABLE server ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE operationLog ADD COLUMN expirationDay TEXT;
                """
        )
    }

    /// Backup sharing: the projects a backup is shared with, their answer and the vault an accepted share is
    /// stored in. A share goes with its backup; a recipient's vault being deleted leaves the share without one.
    private static func addBackupMembers(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE backupMember (
                    id TEXT NOT NULL PRIMARY KEY,
                    backupId TEXT NOT NULL REFERENCES backup(id) ON DELETE CASCADE,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    destProjectId TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
                    vaultId TEXT REFERENCES vault(id) ON DELETE SET NULL,
                    createdAt INTEGER NOT NULL,
                    updatedAt INTEGER NOT NULL,
                    UNIQUE (backupId, destProjectId)
                );
                CREATE INDEX backupMember_destProjectId ON backupMember(destProjectId, status);
                """
        )
    }

    /// Replication backups: a backup's `image_type` (`backup` for every earlier one) and, for a replica, the
    /// backup it was copied from (no foreign key: the source may be deleted while the replica stays).
    private static func addReplication(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE backup ADD COLUMN imageType TEXT NOT NULL DEFAULT 'backup';
                ALTER TABLE backup ADD COLUMN sourceBackupId TEXT;
                CREATE INDEX backup_sourceBackupId ON backup(sourceBackupId) WHERE sourceBackupId IS NOT NULL;
                """
        )
    }

    /// File-backup clients (agents), registered by the client with its own id, and their backup paths.
    private static func addAgents(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE agent (
                    id TEXT NOT NULL,
                    projectId TEXT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                    hostName TEXT NOT NULL,
                    hostNickname TEXT,
                    hostIp TEXT NOT NULL,
                    hostOs TEXT NOT NULL,
                    agentVersion TEXT,
                    agentType TEXT,
                    status TEXT NOT NULL,
                    createdAt INTEGER NOT NULL,
                    updatedAt INTEGER NOT NULL,
                    lastActiveAt INTEGER NOT NULL,
                    PRIMARY KEY (projectId, id)
                );
                CREATE TABLE agentPath (
                    id TEXT NOT NULL PRIMARY KEY,
                    projectId TEXT NOT NULL,
                    agentId TEXT NOT NULL,
                    dirPath TEXT NOT NULL,
                    excludePaths TEXT NOT NULL,
                    createdAt INTEGER NOT NULL,
                    UNIQUE (projectId, agentId, dirPath),
                    FOREIGN KEY (projectId, agentId) REFERENCES agent(projectId, id) ON DELETE CASCADE
                );
                """
        )
    }

    /// Organization policies, owned by an account (any of its projects sees them).
    private static func addOrganizationPolicies(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE organizationPolicy (
                    id TEXT NOT NULL PRIMARY KEY,
                    domainId TEXT NOT NULL REFERENCES domain(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    description TEXT,
                    operationType TEXT NOT NULL CHECK (operationType IN ('backup', 'replication')),
                    policyName TEXT NOT NULL,
                    policyEnabled BOOLEAN NOT NULL,
                    operationDefinition TEXT NOT NULL,
                    pattern TEXT NOT NULL,
                    startWindowMinutes INTEGER,
                    effectiveScope TEXT,
                    createdAt INTEGER NOT NULL,
                    updatedAt INTEGER NOT NULL
                );
                CREATE INDEX organizationPolicy_domainId ON organizationPolicy(domainId, createdAt);
                """
        )
    }

    /// The yearly/monthly order of a vault (`billing.order_id`): set by `create_post_paid_vault`,
    /// `change_vault_charge_mode`, `change_order` and `update_order` (simulated orders, paid at once).
    private static func addVaultOrders(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE vault ADD COLUMN orderId TEXT")
    }

    /// Domain-scoped tokens: a token is scoped to a project or to an account (domain), never both. SQLite cannot
    /// relax a `NOT NULL`, so the table is rebuilt; every existing token keeps its project (and so stays valid).
    private static func addDomainScopedTokens(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE token_new (
                    token TEXT NOT NULL PRIMARY KEY,
                    userId TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    projectId TEXT REFERENCES project(id) ON DELETE CASCADE,
                    domainId TEXT REFERENCES domain(id) ON DELETE CASCADE,
                    issuedAt INTEGER NOT NULL,
                    expiresAt INTEGER NOT NULL CHECK (expiresAt > issuedAt),
                    CHECK ((projectId IS NULL) <> (domainId IS NULL))
                );
                INSERT INTO token_new (token, userId, projectId, domainId, issuedAt, expiresAt)
                    SELECT token, userId, projectId, NULL, issuedAt, expiresAt FROM token;
                DROP TABLE token;
                ALTER TABLE token_new RENAME TO token;
                """
        )
    }

    /// The `replication` section of a replication task (JSON text of ``OperationLogBody/ExtraInfo/Replication``);
    /// earlier tasks have none.
    private static func addReplicationTasks(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE operationLog ADD COLUMN replication TEXT")
    }

    /// A vault's backup history indexes hold top-level backups only (every query of them asks for
    /// `parentId IS NULL`; disk backups were half their entries), and `backup_history` carries the columns of
    /// ``BackupSQL/occupiesSpace``, `sizeMB` and `parentId` (always `NULL` here, but SQLite reads a column the
    /// query names from the table unless the index holds it), so a vault's usage and a resource's earlier backups
    /// are summed from the index alone.
    private static func narrowHistoryIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX backup_history;
                DROP INDEX backup_finishing;
                CREATE INDEX backup_history ON backup(
                    vaultId, resourceId, createdAt, finishesAt, deletingUntil, restoringUntil, outcome, sizeMB, parentId
                ) WHERE parentId IS NULL;
                CREATE INDEX backup_finishing ON backup(vaultId, resourceId, finishesAt) WHERE parentId IS NULL;
                """
        )
    }

    /// One history index instead of two: `backup_history` ordered by finish time within a resource serves what
    /// `backup_finishing` did (a resource's backups still `protecting` are one range of it) as well as the sums
    /// (which read every entry of a vault or resource whatever the order). Every checkpoint inserts one entry per
    /// resource into each history index, at as many places as the vault has resources: with a 10,000-server vault
    /// the second index was about a fifth of SQLite's work of seeding (an SQL experiment of 200,000 backups: 4.2 s
    /// of CPU with both indexes, 3.3 s with this one).
    private static func mergeHistoryIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX backup_history;
                DROP INDEX backup_finishing;
                CREATE INDEX backup_history ON backup(
                    vaultId, resourceId, finishesAt, createdAt, deletingUntil, restoringUntil, outcome, sizeMB, parentId
                ) WHERE parentId IS NULL;
                """
        )
    }

    /// Per vault and resource, what its top-level backups not being deleted add up to whatever the time
    /// (`backupTotals`: each insert of a backup counts it, ``BackupRecord/insert(_:)`` and a checkpoint's
    /// ``BackupRecord/count(using:)``; triggers take every update and delete of a backup, whichever route makes it,
    /// cascades included), and `backup_history` ordered by creation time within a vault instead of by resource.
    /// Inserts are counted in Swift, not by a trigger: with an insert trigger SQLite opens a statement journal for
    /// every insert (seeding 100,000 backups: about a quarter more CPU, in allocation and its locks).
    ///
    /// Why: a checkpoint read every entry of its vault's history index to sum `billing.used` and each resource's
    /// backups (about 0.5 s a checkpoint at 1,000,000 backups), and each checkpoint inserted one entry per resource
    /// into that index at as many places as the vault has resources, so nearly every page of it was written again
    /// (about 80 MB to the WAL per 10,000-server checkpoint at 300,000 backups; an SQL experiment of one such
    /// checkpoint: 0.46 s of CPU with the index ordered by resource, 0.26 s ordered by time). The sums at a time
    /// are now these totals corrected by the few backups whose status at that time differs from `available`-or-not
    /// (``EmulatorStore/resourceUsage(of:at:in:)``); `BackupTotalsTests` keeps them equal to a rescan.
    private static func addBackupTotals(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX backup_history;
                CREATE INDEX backup_history ON backup(
                    vaultId, createdAt, resourceId, finishesAt, deletingUntil, restoringUntil, outcome, sizeMB, parentId
                ) WHERE parentId IS NULL;
                CREATE TABLE backupTotals (
                    vaultId TEXT NOT NULL,
                    resourceId TEXT NOT NULL,
                    present INTEGER NOT NULL,
                    available INTEGER NOT NULL,
                    availableMB INTEGER NOT NULL,
                    PRIMARY KEY (vaultId, resourceId)
                ) WITHOUT ROWID;
                INSERT INTO backupTotals
                    SELECT vaultId, resourceId, COUNT(*), SUM(outcome = 'available'),
                    SUM(CASE WHEN outcome = 'available' THEN sizeMB ELSE 0 END)
                    FROM backup WHERE parentId IS NULL AND deletingUntil IS NULL GROUP BY vaultId, resourceId;
                CREATE TRIGGER backupTotals_delete AFTER DELETE ON backup
                WHEN OLD.parentId IS NULL AND OLD.deletingUntil IS NULL BEGIN
                    \(removeTotals())
                END;
                CREATE TRIGGER backupTotals_update
                AFTER UPDATE OF vaultId, resourceId, parentId, deletingUntil, outcome, sizeMB ON backup BEGIN
                    \(removeTotals(when: "OLD.parentId IS NULL AND OLD.deletingUntil IS NULL"))
                    \(addTotals(
                        vault: "NEW.vaultId", resource: "NEW.resourceId", outcome: "NEW.outcome", sizeMB: "NEW.sizeMB",
                        when: "NEW.parentId IS NULL AND NEW.deletingUntil IS NULL"
                    ))
                END;
                """
        )
    }

    /// SQL: counts a backup in `backupTotals` when `condition` holds; its vault, resource, outcome and MB are
    /// these SQL expressions (`NEW.…` in a trigger, parameters in ``BackupRecord/countSQL``), or columns of
    /// `source` (a `FROM` clause: one backup a row, ``BackupCount``).
    static func addTotals(
        vault: String, resource: String, outcome: String, sizeMB: String, from source: String? = nil,
        when condition: String = "1"
    ) -> String {
        """
        INSERT INTO backupTotals (vaultId, resourceId, present, available, availableMB)
            SELECT \(vault), \(resource), 1, \(outcome) = 'available',
            CASE WHEN \(outcome) = 'available' THEN \(sizeMB) ELSE 0 END\(source.map { " FROM " + $0 } ?? "") \
        WHERE \(condition)
            ON CONFLICT (vaultId, resourceId) DO UPDATE SET present = present + 1,
            available = available + excluded.available, availableMB = availableMB + excluded.availableMB;
        """
    }

    /// SQL: takes the backup `OLD` out of `backupTotals` when `condition` holds, and the resource's row once
    /// nothing is left.
    private static func removeTotals(when condition: String = "1") -> String {
        """
        UPDATE backupTotals SET present = present - 1, available = available - (OLD.outcome = 'available'),
            availableMB = availableMB - (CASE WHEN OLD.outcome = 'available' THEN OLD.sizeMB ELSE 0 END)
            WHERE \(condition) AND vaultId = OLD.vaultId AND resourceId = OLD.resourceId;
        DELETE FROM backupTotals
            WHERE \(condition) AND vaultId = OLD.vaultId AND resourceId = OLD.resourceId AND present = 0;
        """
    }
}
