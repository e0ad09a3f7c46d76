import GRDB

/// A backup to count in `backupTotals` (``BackupRecord/count(using:)``), as a row of a ``BatchInsert``: a
/// checkpoint counts its backups many per statement, as it inserts them.
struct BackupCount: StoredRecord, TableRecord {
    static let databaseTableName = "backupTotals"

    var vaultId: String
    var resourceId: String
    var outcome: String
    var sizeMB: Int

    /// The count of `backup`, or `nil` when the totals leave it out (a disk backup, or one being deleted).
    init?(_ backup: BackupRecord) {
        guard backup.parentId == nil, backup.deletingUntil == nil else { return nil }
        vaultId = backup.vaultId
        resourceId = backup.resourceId
        outcome = backup.outcome
        sizeMB = backup.sizeMB
    }

    /// The parameters of ``BackupRecord/countSQL``, in order (not the columns of the table).
    static let columnNames = ["vaultId", "resourceId", "outcome", "sizeMB"]

    func writeColumns(to sink: inout some ColumnSink) {
        sink.put(vaultId)
        sink.put(resourceId)
        sink.put(outcome)
        sink.put(sizeMB)
    }

    /// ``BackupRecord/countSQL``: one backup.
    static var insertSQL: String { BackupRecord.countSQL }

    /// The same upsert for `rows` backups, each a row of a `VALUES` list.
    static func insertSQL(rows: Int) -> String {
        let values = Array(repeating: "(?, ?, ?, ?)", count: rows).joined(separator: ", ")
        return EmulatorMigrations.addTotals(
            vault: "column1", resource: "column2", outcome: "column3", sizeMB: "column4", from: "(VALUES \(values))"
        )
    }
}
