/// The status derivations of `Lifecycle.swift` as SQL expressions over the `backup` table, for filtering, sorting
/// and summing in the database. Each reads the named argument `:now` and must agree with its Swift counterpart.
enum BackupSQL {
    /// ``BackupRecord/status(at:)``.
    static let status = """
        (CASE WHEN deletingUntil IS NOT NULL THEN 'deleting' \
        WHEN :now < finishesAt THEN 'protecting' \
        WHEN restoringUntil IS NOT NULL AND :now < restoringUntil THEN 'restoring' \
        ELSE outcome END)
        """

    /// ``BackupRecord/updated(at:)``.
    static let updated = """
        max(createdAt, updatedAt, \
        (CASE WHEN finishesAt <= :now THEN finishesAt ELSE 0 END), \
        (CASE WHEN restoringUntil IS NOT NULL AND restoringUntil <= :now THEN restoringUntil ELSE 0 END))
        """

    /// The protection time once protected, else `NULL` (which sorts before every time, as the empty text did).
    static let protectedAt = "(CASE WHEN finishesAt <= :now THEN finishesAt END)"

    /// ``BackupRecord/occupiesSpace(at:)``: the status is `available` or `restoring`.
    static let occupiesSpace = """
        (deletingUntil IS NULL AND finishesAt <= :now \
        AND ((restoringUntil IS NOT NULL AND :now < restoringUntil) OR outcome = 'available'))
        """

    /// The `protecting` status: not deleting and not yet finished.
    static let protecting = "(deletingUntil IS NULL AND :now < finishesAt)"

    /// The expression a sort key orders by.
    static func sortExpression(_ key: BackupFilter.SortKey) -> String {
        switch key {
        case .createdAt: "createdAt"
        case .updatedAt: updated
        case .protectedAt: protectedAt
        case .name: "name"
        case .status: status
        case .id: "id"
        }
    }
}
