@testable import CSBSEmulator
import Testing

@Suite("Wire time parsing (list filters)")
struct WireTimeParseTests {
    @Test("filter times parse with or without Z and fraction, and round-trip the formatter", arguments: [
        ("2020-08-17T03:51:24Z", Int64(1_597_636_284_000_000)),
        ("2020-08-17T03:51:24", Int64(1_597_636_284_000_000)),
        ("2020-08-17T03:51:24.678916", Int64(1_597_636_284_678_916)),
        ("2020-08-17T03:51:24.5Z", Int64(1_597_636_284_500_000)),
        ("2000-02-29T00:00:00Z", Int64(951_782_400_000_000)),
        ("1969-12-31T23:59:59.999999", Int64(-1)),
    ])
    func parses(text: String, micros: Int64) {
        #expect(WireTime.parse(text) == micros)
    }

    @Test("malformed times are nil", arguments: [
        "", "2020-08-17", "2020-8-17T03:51:24Z", "2020-13-01T00:00:00Z", "2020-08-17T24:00:00Z",
        "2020-08-17T03:51:24.1234567", "2020-08-17 03:51:24", "yesterday",
    ])
    func rejects(text: String) {
        #expect(WireTime.parse(text) == nil)
    }
}
