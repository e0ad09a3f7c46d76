import GRDB
import GRDBSQLite

/// A record stored through ``StoredColumns``: it names its columns once and writes their values in that order.
protocol StoredRecord {
    /// The table's columns, in the order ``writeColumns(to:)`` writes them.
    static var columnNames: [String] { get }
    /// Writes the value of each of ``columnNames``, in order.
    func writeColumns(to sink: inout some ColumnSink)
    /// `INSERT INTO table (…) VALUES (?, …)` with ``columnNames`` (``StoredColumns/insertSQL(into:columns:)``),
    /// built once per record type.
    static var insertSQL: String { get }
}

extension StoredRecord {
    /// Inserts the record through `statement`, the prepared ``insertSQL`` (``insertStatement(in:)``), for loops.
    func insert(using statement: Statement) throws {
        try StoredColumns.insert(self, using: statement)
    }

    /// The prepared ``insertSQL`` of `db`.
    static func insertStatement(in db: Database) throws -> Statement {
        try db.cachedStatement(sql: insertSQL)
    }
}

/// Where a ``StoredRecord`` writes its column values, one after another.
protocol ColumnSink {
    mutating func put(_ value: String?)
    mutating func put(_ value: Int64?)
    mutating func put(_ value: Bool?)
}

extension ColumnSink {
    mutating func put(_ value: Int) {
        put(Int64(value))
    }
}

/// SQL built from a record's list of columns (the records that insert through a cached statement of their own).
enum StoredColumns {
    /// `INSERT INTO table (a, b, …) VALUES (?, ?, …)`.
    static func insertSQL(into table: String, columns: [String]) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }

    /// The values of `record`'s columns, in order.
    static func values(of record: some StoredRecord) -> [(any DatabaseValueConvertible)?] {
        var list = ValueList()
        record.writeColumns(to: &list)
        return list.values
    }

    /// Writes `record`'s columns for an update (and GRDB's own insert), without `Encodable`.
    static func encode<Record: StoredRecord>(_ record: Record, to container: inout PersistenceContainer) {
        for (name, value) in zip(Record.columnNames, values(of: record)) {
            container[name] = value
        }
    }

    /// Inserts `record` through the cached statement of `sql` (its ``insertSQL(into:columns:)``).
    static func insert(_ record: some StoredRecord, with sql: String, in db: Database) throws {
        try insert(record, using: db.cachedStatement(sql: sql))
    }

    /// Inserts `record` through `statement`, its ``insertSQL(into:columns:)`` already prepared, binding each
    /// column straight to SQLite. A checkpoint of a 10,000-server vault inserts 30,000 rows: looking the statement
    /// up by its SQL text per row, and passing the values as `StatementArguments` (an existential per column,
    /// converted and bound by GRDB), were together about a sixth of the CPU of seeding (perf).
    /// `RecordEncodingTests.cachedInsertsMatchGRDB` checks that it stores what GRDB's insert stores.
    static func insert(_ record: some StoredRecord, using statement: Statement) throws {
        // Resets the statement and clears its bindings, leaving GRDB's execution to bind nothing more.
        statement.setUncheckedArguments(StatementArguments())
        var binder = Binder(statement: statement.sqliteStatement)
        record.writeColumns(to: &binder)
        try statement.execute()
    }

    /// Collects the values as GRDB's arguments take them.
    private struct ValueList: ColumnSink {
        var values: [(any DatabaseValueConvertible)?] = []

        mutating func put(_ value: String?) { values.append(value) }
        mutating func put(_ value: Int64?) { values.append(value) }
        mutating func put(_ value: Bool?) { values.append(value) }
    }

    /// Binds the values to a statement's parameters 1, 2, … as GRDB binds them (text copied, Booleans as 0 or 1).
    private struct Binder: ColumnSink {
        let statement: SQLiteStatement
        var index: CInt = 1

        init(statement: SQLiteStatement) {
            self.statement = statement
        }

        /// SQLite copies the text (`SQLITE_TRANSIENT`).
        private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

        mutating func put(_ value: String?) {
            if let value {
                check(sqlite3_bind_text(statement, index, value, -1, Self.transient))
            } else {
                check(sqlite3_bind_null(statement, index))
            }
            index += 1
        }

        mutating func put(_ value: Int64?) {
            if let value {
                check(sqlite3_bind_int64(statement, index, value))
            } else {
                check(sqlite3_bind_null(statement, index))
            }
            index += 1
        }

        mutating func put(_ value: Bool?) {
            put(value.map { $0 ? Int64(1) : 0 })
        }

        /// Binding fails only for a parameter index out of range: a column list that does not match its SQL.
        private func check(_ code: CInt) {
            precondition(code == SQLITE_OK, "binding column \(index) failed: SQLite code \(code)")
        }
    }
}
