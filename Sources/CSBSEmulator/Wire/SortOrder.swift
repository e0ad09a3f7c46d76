/// One key of a list's `sort` parameter and its direction: `created_at:desc`.
struct SortOrder<Key: RawRepresentable & Sendable & Hashable>: Sendable, Hashable where Key.RawValue == String {
    var key: Key
    var ascending: Bool

    /// Parses `key[:dir],key[:dir]...` as CBR and CSBS both write it; a key without a direction descends.
    /// - Parameter invalid: the service's error for a bad value (CBR and CSBS word and code it differently).
    static func parse(_ text: String, invalid: (String) -> EmulatorError) throws -> [SortOrder] {
        guard !text.isEmpty, text.count <= 255 else { throw invalid("sort must be 1 to 255 characters long.") }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let key = Key(rawValue: String(parts[0])) else {
                throw invalid("Invalid sort key '\(item)'.")
            }
            let direction = parts.count == 2 ? String(parts[1]) : "desc"
            guard direction == "asc" || direction == "desc" else {
                throw invalid("Invalid sort direction '\(direction)': use asc or desc.")
            }
            return SortOrder(key: key, ascending: direction == "asc")
        }
    }
}
