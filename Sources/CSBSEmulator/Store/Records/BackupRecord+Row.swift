import Foundation
import GRDB
import GRDBSQLite

extension BackupRecord {
    /// The columns of `backup`, in the order ``ColumnPositions`` numbers them.
    static let columnNames = [
        "id",
        "checkpointId",
        "parentId",
        "vaultId",
        "projectId",
        "resourceId",
        "resourceName",
        "resourceType",
        "resourceSizeGB",
        "sizeMB",
        "name",
        "description",
        "incremental",
        "autoTrigger",
        "createdAt",
        "finishesAt",
        "outcome",
        "updatedAt",
        "resourceAz",
        "bootable",
        "restoringUntil",
        "deletingUntil",
        "expiresAt",
        "imageType",
        "sourceBackupId",
    ]

    /// Where each of ``columnNames`` is in a result (`nil` when absent), found once per statement or row.
    ///
    /// GRDB's lookup by name compares case-insensitively, lower-casing every column name of the row on each
    /// call: 25 columns read that way were a fifth of the CPU of a 100-backup listing page.
    struct ColumnPositions {
        private let positions: [Int?]
        /// The texts of the statement whose rows are decoded, when the positions were found from it.
        private let texts: StatementTexts?

        /// The positions in a result with these column names (exact names, as the schema spells them).
        init(_ names: some Collection<String>) {
            self.init(names, texts: nil)
        }

        /// The positions in the results of `statement`, whose rows are then decoded one after another while each
        /// is its current row (the loop of a cursor), each text column compared with that column's text in the
        /// row before (``StatementTexts``).
        init(_ statement: Statement) {
            self.init(
                statement.columnNames,
                texts: StatementTexts(statement.sqliteStatement, columns: BackupRecord.columnNames.count)
            )
        }

        private init(_ names: some Collection<String>, texts: StatementTexts?) {
            var positions = [Int?](repeating: nil, count: BackupRecord.columnNames.count)
            for (position, name) in names.enumerated() {
                if let field = BackupRecord.columnNames.firstIndex(of: name), positions[field] == nil {
                    positions[field] = position
                }
            }
            self.positions = positions
            self.texts = texts
        }

        /// A non-optional text field: the string of the row before when the column holds the same bytes (no
        /// allocation), else as GRDB decodes it.
        func decode(_ row: Row, _ field: Int) throws -> String {
            if let texts, let position = positions[field], let text = texts.text(atColumn: position, field: field) {
                return text
            }
            return try decodeByGRDB(row, field)
        }

        /// The value of field `field` (an index into ``BackupRecord/columnNames``), with GRDB's by-name rules
        /// when the result lacks the column (`nil` for an optional, else an error).
        func decode<Value: DatabaseValueConvertible & StatementColumnConvertible>(
            _ row: Row, _ field: Int
        ) throws -> Value {
            try decodeByGRDB(row, field)
        }

        private func decodeByGRDB<Value: DatabaseValueConvertible & StatementColumnConvertible>(
            _ row: Row, _ field: Int
        ) throws -> Value {
            guard let position = positions[field] else {
                return try row.decode(forColumn: BackupRecord.columnNames[field])
            }
            return try row.decode(atIndex: position)
        }
    }

    /// Decodes a fetched row without `Decodable` (listings decode hundreds of rows per request, and the
    /// column-by-column reads are several times cheaper than the keyed decoding container).
    init(row: Row) throws {
        try self.init(row: row, positions: ColumnPositions(row.columnNames))
    }

    /// Decodes a row of a result whose column positions are already known.
    init(row: Row, positions: ColumnPositions) throws {
        id = try positions.decode(row, 0)
        checkpointId = try positions.decode(row, 1)
        parentId = try positions.decode(row, 2)
        vaultId = try positions.decode(row, 3)
        projectId = try positions.decode(row, 4)
        resourceId = try positions.decode(row, 5)
        resourceName = try positions.decode(row, 6)
        resourceType = try positions.decode(row, 7)
        resourceSizeGB = try positions.decode(row, 8)
        sizeMB = try positions.decode(row, 9)
        name = try positions.decode(row, 10)
        description = try positions.decode(row, 11)
        incremental = try positions.decode(row, 12)
        autoTrigger = try positions.decode(row, 13)
        createdAt = try positions.decode(row, 14)
        finishesAt = try positions.decode(row, 15)
        outcome = try positions.decode(row, 16)
        updatedAt = try positions.decode(row, 17)
        resourceAz = try positions.decode(row, 18)
        bootable = try positions.decode(row, 19)
        restoringUntil = try positions.decode(row, 20)
        deletingUntil = try positions.decode(row, 21)
        expiresAt = try positions.decode(row, 22)
        imageType = try positions.decode(row, 23)
        sourceBackupId = try positions.decode(row, 24)
    }

    /// The backups a statement returns, its column positions found once.
    static func fetchAllByPosition(_ statement: Statement, arguments: StatementArguments) throws -> [BackupRecord] {
        let positions = ColumnPositions(statement)
        var records: [BackupRecord] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            records.append(try BackupRecord(row: row, positions: positions))
        }
        return records
    }
}

extension BackupRecord: StoredRecord {
    /// Writes the value of each of ``columnNames``, in that order.
    func writeColumns(to sink: inout some ColumnSink) {
        sink.put(id)
        sink.put(checkpointId)
        sink.put(parentId)
        sink.put(vaultId)
        sink.put(projectId)
        sink.put(resourceId)
        sink.put(resourceName)
        sink.put(resourceType)
        sink.put(resourceSizeGB)
        sink.put(sizeMB)
        sink.put(name)
        sink.put(description)
        sink.put(incremental)
        sink.put(autoTrigger)
        sink.put(createdAt)
        sink.put(finishesAt)
        sink.put(outcome)
        sink.put(updatedAt)
        sink.put(resourceAz)
        sink.put(bootable)
        sink.put(restoringUntil)
        sink.put(deletingUntil)
        sink.put(expiresAt)
        sink.put(imageType)
        sink.put(sourceBackupId)
    }

    /// Writes the columns for an update (and GRDB's own insert), without `Encodable`.
    func encode(to container: inout PersistenceContainer) {
        StoredColumns.encode(self, to: &container)
    }

    /// `INSERT INTO backup (…) VALUES (?, …)` with ``columnNames``.
    static let insertSQL = StoredColumns.insertSQL(into: databaseTableName, columns: columnNames)

    /// Inserts the backup through one cached statement; every backup insert comes through here (a concrete
    /// method: it takes precedence over GRDB's `insert` for calls on a `BackupRecord`). A checkpoint of a
    /// 10,000-server vault inserts 20,000 backups, and GRDB's insert (a persistence container per row, its
    /// column names lower-cased, the statement looked up by its SQL text) was a fifth of the CPU of seeding.
    /// `RecordEncodingTests.cachedInsertsMatchGRDB` checks that both inserts store the same row.
    /// It also counts the backup in `backupTotals` (``count(using:)``).
    func insert(_ db: Database) throws {
        try StoredColumns.insert(self, with: Self.insertSQL, in: db)
        try count(using: db.cachedStatement(sql: Self.countSQL))
    }

    /// Counts this backup, just inserted, in `backupTotals` through `statement` (``countSQL`` prepared): a
    /// top-level backup not being deleted adds one to its resource's row (triggers take updates and deletes,
    /// ``EmulatorMigrations``). Every insert of a backup must come with it; a checkpoint counts its backups many
    /// per statement (``BackupCount``).
    func count(using statement: Statement) throws {
        guard let count = BackupCount(self) else { return }
        try StoredColumns.insert(count, using: statement)
    }

    /// GRDB's own inserts (`insert(_:onConflict:)`, `save`) count the backup too.
    func aroundInsert(_ db: Database, insert: () throws -> InsertionSuccess) throws {
        _ = try insert()
        try count(using: db.cachedStatement(sql: Self.countSQL))
    }

    /// SQL of ``count(using:)``, its parameters the vault, resource, outcome and MB.
    static let countSQL = EmulatorMigrations.addTotals(vault: "?1", resource: "?2", outcome: "?3", sizeMB: "?4")
}

/// The texts of a statement's current row, each compared with the text its field had in the row before: the rows
/// of a listing page repeat most of their texts (checkpoint, vault, project, resource type, name, description,
/// zone, outcome), and a string shared with the row before costs a comparison instead of an allocation, a copy, a
/// UTF-8 check and, later, a release that frees it. Decoding was about a sixth of a page's instructions, most of it
/// in making strings (callgrind, 1,000,000 backups).
///
/// Only for the loop that decodes a statement's rows while each is current; not `Sendable`.
final class StatementTexts {
    private let statement: SQLiteStatement
    /// The string last read for each field (an index into ``BackupRecord/columnNames``). Used by one loop on one
    /// thread, so without the dynamic exclusivity check of a class's property (a fifth of ``text(atColumn:field:)``).
    @exclusivity(unchecked) private var last: [String?]

    init(_ statement: SQLiteStatement, columns: Int) {
        self.statement = statement
        last = Array(repeating: nil, count: columns)
    }

    /// The text of column `column` of the current row as GRDB's `String` decoding reads it (`String(cString:)` of
    /// `sqlite3_column_text`), or `nil` when the column does not hold text (left to GRDB's rules).
    func text(atColumn column: Int, field: Int) -> String? {
        let index = CInt(column)
        guard sqlite3_column_type(statement, index) == SQLITE_TEXT, let pointer = sqlite3_column_text(statement, index)
        else { return nil }
        let bytes = UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, index)))
        if let previous = last[field], previous.utf8.count == bytes.count,
            previous.utf8.withContiguousStorageIfAvailable({ same in
                bytes.isEmpty || same.baseAddress.map { memcmp($0, pointer, bytes.count) == 0 } == true
            }) == true
        {
            return previous
        }
        let text = String(cString: pointer)
        last[field] = text
        return text
    }
}
