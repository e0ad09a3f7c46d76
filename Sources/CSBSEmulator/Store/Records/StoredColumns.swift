import GRDB

/// SQL built from a record's list of columns (the records that insert through a cached statement of their own).
enum StoredColumns {
    /// `INSERT INTO table (a, b, …) VALUES (?, ?, …)`.
    static func insertSQL(into table: String, columns: [String]) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }

    /// Writes `values` under `names`, in order, for an update (and GRDB's own insert), without `Encodable`.
    static func encode(
        _ values: [(any DatabaseValueConvertible)?], as names: [String], to container: inout PersistenceContainer
    ) {
        for (name, value) in zip(names, values) {
            container[name] = value
        }
    }

    /// Runs the cached statement of `sql` (an ``insertSQL(into:columns:)``) with `values`.
    static func insert(_ values: [(any DatabaseValueConvertible)?], with sql: String, in db: Database) throws {
        let statement = try db.cachedStatement(sql: sql)
        statement.setUncheckedArguments(StatementArguments(values))
        try statement.execute()
    }
}
