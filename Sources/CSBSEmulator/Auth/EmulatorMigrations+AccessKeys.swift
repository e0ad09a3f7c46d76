import GRDB

extension EmulatorMigrations {
    /// Creates the `accessKey` table (AK/SK credentials of IAM users).
    static func createAccessKeys(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE accessKey (
                    id TEXT NOT NULL PRIMARY KEY,
                    secret TEXT NOT NULL CHECK (length(secret) > 0),
                    userId TEXT NOT NULL REFERENCES user(id) ON DELETE CASCADE,
                    securityToken TEXT,
                    failedAttempts INTEGER NOT NULL DEFAULT 0 CHECK (failedAttempts >= 0),
                    lockedUntil INTEGER
                );
                CREATE INDEX accessKey_userId ON accessKey(userId);
                """
        )
    }
}
