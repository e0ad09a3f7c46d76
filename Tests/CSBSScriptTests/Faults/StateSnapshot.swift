import CSBSEmulator
import Foundation

/// The emulator's tables as the control API dumps them (`GET /csbs-emulator/v1/state`), with the queries the
/// duplicate checks need.
struct StateSnapshot: Sendable {
    /// One table row: column name → value as text (`nil` for SQL NULL).
    typealias Row = [String: String?]

    /// Table name → rows in rowid order.
    let tables: [String: [Row]]

    /// Reads the dump of a running emulator.
    /// - Throws: When the dump cannot be made or is not the expected JSON.
    init(_ control: EmulatorControl) async throws {
        let data = try await control.stateDump()
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tables = object["tables"] as? [String: [[String: Any]]]
        else { throw SetupError(message: "the state dump is not {tables: {name: [rows]}}") }
        self.tables = tables.mapValues { rows in
            rows.map { row in
                row.mapValues { value -> String? in
                    if value is NSNull { return nil }
                    return "\(value)"
                }
            }
        }
    }

    /// The rows of `table` (none when the table does not exist).
    func rows(_ table: String) -> [Row] {
        tables[table] ?? []
    }

    /// The rows of `table` whose `column` holds `value`.
    func rows(_ table: String, where column: String, is value: String) -> [Row] {
        rows(table).filter { $0[column] == .some(value) }
    }

    /// The vaults named `name`, deleted or not.
    func vaults(named name: String) -> [Row] {
        rows("vault", where: "name", is: name)
    }

    /// Restore points (checkpoints) of every vault.
    var checkpoints: [Row] { rows("checkpoint") }

    /// Restores started (CBR operation log entries of type `restore`).
    var restores: [Row] { rows("operationLog", where: "operationType", is: "restore") }

    /// Top-level backups (one per resource per checkpoint; disk backups of a server backup are its children).
    var topLevelBackups: [Row] {
        rows("backup").filter { $0["parentId"] == .some(nil) }
    }

    /// The ids of the rows.
    static func ids(_ rows: [Row]) -> Set<String> {
        Set(rows.compactMap { $0["id"] ?? nil })
    }
}
