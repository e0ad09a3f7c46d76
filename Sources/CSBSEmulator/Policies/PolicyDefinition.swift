/// A policy's `operation_definition` (retention rules), stored and echoed as given.
struct PolicyDefinition: Codable, Sendable, Equatable {
    var maxBackups: Int?
    var retentionDurationDays: Int?
    var dayBackups: Int?
    var weekBackups: Int?
    var monthBackups: Int?
    var yearBackups: Int?
    var timezone: String?
    var fullBackupInterval: Int?
    var destinationRegion: String?
    var destinationProjectId: String?
    var enableAcceleration: Bool?

    /// Checks ranges and exclusivity: `max_backups` and `retention_duration_days` are -1 or 1–99999 and not
    /// both set; the day/week/month/year counts are 0–100, exclude `retention_duration_days` and need a
    /// `UTC±HH:MM` timezone; `full_backup_interval` is -1–100.
    /// - Throws: `BackupService.9900` naming the field.
    func validate() throws {
        let field = "policy.operation_definition"
        for (name, value) in [("max_backups", maxBackups), ("retention_duration_days", retentionDurationDays)] {
            if let value, value != -1, !(1...99_999).contains(value) {
                throw EmulatorError.invalidParameter("\(field).\(name) must be -1 or from 1 to 99999.")
            }
        }
        let counts = [("day_backups", dayBackups), ("week_backups", weekBackups), ("month_backups", monthBackups),
                      ("year_backups", yearBackups)]
        for case let (name, value?) in counts where !(0...100).contains(value) {
            throw EmulatorError.invalidParameter("\(field).\(name) must be from 0 to 100.")
        }
        let keepsCount = (maxBackups ?? -1) != -1
        let keepsDays = (retentionDurationDays ?? -1) != -1
        let longTerm = counts.contains { ($0.1 ?? 0) > 0 }
        guard !(keepsCount && keepsDays) else {
            throw EmulatorError.invalidParameter("\(field): max_backups and retention_duration_days exclude each other.")
        }
        guard !(keepsDays && longTerm) else {
            throw EmulatorError.invalidParameter(
                "\(field): retention_duration_days excludes day/week/month/year_backups."
            )
        }
        if longTerm, !Self.isTimezone(timezone) {
            throw EmulatorError.invalidParameter("\(field).timezone (UTC+08:00 style) is required for long-term retention.")
        }
        if let timezone, !Self.isTimezone(timezone) {
            throw EmulatorError.invalidParameter("\(field).timezone must look like UTC+08:00.")
        }
        if let interval = fullBackupInterval, !(-1...100).contains(interval) {
            throw EmulatorError.invalidParameter("\(field).full_backup_interval must be from -1 to 100.")
        }
    }

    /// The offset of `timezone` from UTC in seconds (`UTC+08:00` is 28800); 0 when absent or malformed.
    var timezoneOffsetSeconds: Int {
        Self.offsetSeconds(timezone) ?? 0
    }

    /// `UTC+HH:MM` or `UTC-HH:MM` with HH 00–14 and MM 00–59.
    private static func isTimezone(_ text: String?) -> Bool {
        offsetSeconds(text) != nil
    }

    /// The signed offset in seconds of a `UTC±HH:MM` text, or `nil` if it is not one.
    static func offsetSeconds(_ text: String?) -> Int? {
        guard let text, text.count == 9, text.hasPrefix("UTC") else { return nil }
        let characters = Array(text)
        guard characters[3] == "+" || characters[3] == "-", characters[6] == ":",
            let hours = Int(String(characters[4...5])), let minutes = Int(String(characters[7...8])),
            (0...14).contains(hours), (0...59).contains(minutes)
        else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return characters[3] == "-" ? -seconds : seconds
    }
}
