import Hummingbird

extension Parameters {
    /// An integer query parameter within `range`, or `fallback` when absent.
    /// - Throws: `BackupService.9900` when it is not an integer in `range`.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = get(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw EmulatorError.invalidParameter("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    /// A time query parameter (`YYYY-mm-ddTHH:MM:SSZ`), in microseconds since 1970.
    /// - Throws: `BackupService.9900` when it is malformed.
    func time(_ name: String) throws -> Int64? {
        guard let text = get(name) else { return nil }
        guard let value = WireTime.parse(text) else {
            throw EmulatorError.invalidParameter("\(name) must have the form YYYY-mm-ddTHH:MM:SSZ.")
        }
        return value
    }
}
