import Foundation
import GRDB

extension EmulatorStore {
    /// Columns whose values are secrets: shown as `***` in the state dump.
    static let secretColumns: Set<String> = ["password", "secret", "securityToken", "token"]

    /// Every table's rows as JSON-ready dictionaries (table name → rows in rowid order), secrets masked.
    func dumpTables() throws -> [String: [[String: Any]]] {
        try writer.read { db in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                    + "AND name NOT LIKE 'grdb_%' ORDER BY name"
            )
            var dump: [String: [[String: Any]]] = [:]
            for table in tables {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
                dump[table] = rows.map { row in
                    var object: [String: Any] = [:]
                    for (column, value) in row {
                        object[column] = Self.secretColumns.contains(column) && !value.isNull ? "***" : Self.json(value)
                    }
                    return object
                }
            }
            return dump
        }
    }

    private static func json(_ value: DatabaseValue) -> Any {
        switch value.storage {
        case .null: NSNull()
        case .int64(let number): NSNumber(value: number)
        case .double(let number): NSNumber(value: number)
        case .string(let text): text
        case .blob(let data): data.base64EncodedString()
        }
    }
}
