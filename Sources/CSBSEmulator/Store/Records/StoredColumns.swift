/// SQL built from a record's list of columns (the records that insert through a cached statement of their own).
enum StoredColumns {
    /// `INSERT INTO table (a, b, …) VALUES (?, ?, …)`.
    static func insertSQL(into table: String, columns: [String]) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }
}
