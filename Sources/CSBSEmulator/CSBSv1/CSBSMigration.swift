import GRDB

/// A project's CSBS v1 → CBR migration (`migrate_domain`), simulated: done when it is asked for. Table
/// `csbsMigration`, one row per project migrated (the latest run).
struct CSBSMigrationRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "csbsMigration"

    var projectId: String
    var migratedAt: Int64
}

/// `POST /v3/migrates` body (SDK `DomainMigrate`): both fields required.
struct DomainMigrateBody: Decodable, Sendable {
    /// Whether to migrate the account's other regions (projects) too.
    var allRegions: Bool?
    /// How much larger than its backups a new vault is made, 0...1 (0.2 is 20 % more).
    var reservation: Double?

    /// The validated reservation.
    /// - Throws: `BackupService.9900` for a missing field or a reservation outside 0...1.
    func validated() throws -> (allRegions: Bool, reservation: Double) {
        guard let allRegions else { throw EmulatorError.invalidParameter("all_regions is required.") }
        guard let reservation, (0...1).contains(reservation) else {
            throw EmulatorError.invalidParameter("reservation must be a number from 0 to 1.")
        }
        return (allRegions, reservation)
    }
}

/// `show_migrate_status`' answer (SDK `ShowMigrateStatusResponse`).
struct MigrateStatusBody: Encodable, Sendable {
    struct Project: Encodable, Sendable {
        var status: String
        var projectId: String
        var projectName: String
        var regionId: String
        var progress: Int
    }

    var status: String
    var projectStatus: [Project]
}

extension EmulatorMigrations {
    /// The `csbsMigration` table (see ``CSBSMigrationRecord``).
    static func addCSBSMigrations(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE csbsMigration (
                    projectId TEXT NOT NULL PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,
                    migratedAt INTEGER NOT NULL
                );
                """
        )
    }
}
