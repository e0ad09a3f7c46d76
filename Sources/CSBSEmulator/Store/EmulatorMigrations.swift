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
}
