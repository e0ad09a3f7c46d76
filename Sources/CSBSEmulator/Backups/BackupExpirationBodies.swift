/// `PUT /v3/{project_id}/vaults/{vault_id}/update-backup-expiration-time` body: the day the vault's backups expire
/// (`YYYY-MM-DD` in `time_zone`), or none for never.
struct UpdateExpirationBody: Decodable, Sendable {
    var expectExpirationDate: String?
    var timeZone: String

    /// The expiry the body asks for, as of `now`: the end of the day in the time zone, or `nil` (never).
    /// - Throws: `BackupService.9900` for a malformed time zone or date, or a day that has already begun there.
    func expiry(at now: Int64) throws -> Int64? {
        guard let offset = PolicyDefinition.offsetSeconds(timeZone) else {
            throw EmulatorError.invalidParameter("time_zone must be UTC+HH:MM or UTC-HH:MM, not '\(timeZone)'.")
        }
        guard let day = expectExpirationDate else { return nil }
        guard day.count == 10, let midnight = WireTime.parse(day + "T00:00:00Z"),
            WireTime.cbr(midnight).hasPrefix(day)
        else {
            throw EmulatorError.invalidParameter("expect_expiration_date must be a date YYYY-MM-DD, not '\(day)'.")
        }
        let end = midnight + (86_400 - Int64(offset)) * 1_000_000
        guard end - 86_400 * 1_000_000 > now else {
            throw EmulatorError.invalidParameter("expect_expiration_date must be a day after today in \(timeZone).")
        }
        return end
    }
}

/// `PUT /v3/{project_id}/vaults/{vault_id}/update-backup-expiration-time` response.
struct UpdateExpirationResponseBody: Encodable, Sendable {
    var affectedBackupsCount: Int
    var newExpirationDay: String?
    var operationLogId: String
}
