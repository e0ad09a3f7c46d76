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
    /// The insert of `rows` records in one statement (``BatchInsert``).
    static func insertSQL(rows: Int) -> String
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

extension StoredRecord where Self: TableRecord {
    /// The insert of `rows` records in one statement, for ``BatchInsert``: ``insertSQL`` with `rows` lists of
    /// values (``StoredColumns/insertSQL(into:columns:rows:)``).
    static func insertSQL(rows: Int) -> String {
        StoredColumns.insertSQL(into: databaseTableName, columns: columnNames, rows: rows)
    }
}

/// Inserts many records of one type in the order they are added, ``rowsPerStatement`` rows per execution of one
/// multi-row `INSERT … VALUES (…), (…), …` (``StoredColumns/insertSQL(into:columns:rows:)``); the rows left at the
/// end go one by one through the record's ``StoredRecord/insertSQL``. Rows land as the single-row inserts would put
/// them (same rowid order, each checked against its foreign keys as it is inserted, so a parent added before its
/// child may be in the same statement). Its owner calls ``finish()`` after the last row.
///
/// Why: seeding stores three rows per backup (the backup, its disk backup, its `backup` task), and each execution
/// of a statement opens and closes a cursor on the table, on each of its indexes and on each parent table of a
/// foreign key, with a `malloc` for each (this system SQLite is built without lookaside memory). A Python
/// experiment against the same SQLite and schema (200,000 backup rows in 10 transactions): 3.09 s of CPU one row
/// per execution, 2.41 s twenty rows per execution, 2.22 s a hundred.
struct BatchInsert<Record: StoredRecord & TableRecord> {
    /// Rows per execution of the multi-row statement (25 columns a row: 1,600 parameters, far under SQLite's bound).
    static var rowsPerStatement: Int { 64 }

    private let db: Database
    private let statement: Statement
    private var pending: [Record] = []

    /// A batch on `db`.
    init(in db: Database) throws {
        self.db = db
        statement = try db.cachedStatement(sql: Self.sql)
        pending.reserveCapacity(Self.rowsPerStatement)
    }

    /// The multi-row insert of ``rowsPerStatement`` rows.
    static var sql: String {
        Record.insertSQL(rows: rowsPerStatement)
    }

    /// Adds `record`, inserting the pending rows when they fill a statement.
    mutating func insert(_ record: Record) throws {
        pending.append(record)
        guard pending.count == Self.rowsPerStatement else { return }
        try StoredColumns.insert(pending, using: statement)
        pending.removeAll(keepingCapacity: true)
    }

    /// Inserts the rows still pending, one by one. Rows added and never finished are not stored.
    mutating func finish() throws {
        let single = try Record.insertStatement(in: db)
        for record in pending {
            try StoredColumns.insert(record, using: single)
        }
        pending.removeAll()
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
    /// `INSERT INTO table (a, b, …) VALUES (?, ?, …)`, with `rows` lists of placeholders (`(?, ?, …), (?, ?, …)`).
    static func insertSQL(into table: String, columns: [String], rows: Int = 1) -> String {
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let values = Array(repeating: placeholders, count: rows).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(values)"
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
        try insert(CollectionOfOne(record), using: statement)
    }

    /// Inserts `records` through `statement`, an insert of that many rows (``insertSQL(into:columns:rows:)``),
    /// binding their columns one record after another.
    static func insert<Records: Collection>(_ records: Records, using statement: Statement) throws
    where Records.Element: StoredRecord {
        // Resets the statement and clears its bindings, leaving GRDB's execution to bind nothing more.
        statement.setUncheckedArguments(StatementArguments())
        var binder = Binder(statement: statement.sqliteStatement)
        for record in records {
            record.writeColumns(to: &binder)
        }
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
