import CSBSClient
import Foundation
import Testing

@Suite("Service time formats")
struct WireDateTests {
    @Test(arguments: [
        ("2020-08-17T03:51:24.678916", 1_597_636_284.678916),
        ("2020-01-04T09:05:22.701000Z", 1_578_128_722.701),
        ("2019-05-23T12:51:10.071+00:00", 1_558_615_870.071),
        ("2019-05-23T14:51:10+02:00", 1_558_615_870),
        ("2020-02-23T01:00:32Z", 1_582_419_632),
    ])
    func parses(text: String, expected: Double) throws {
        let date = try #require(WireDate.parse(text))
        #expect(abs(date.timeIntervalSince1970 - expected) < 0.001)
    }

    @Test(arguments: [
        "", "yesterday", "2020-08-17", "2020-08-17T03:51:2x", "2020-08-17T03:51:24?",
        "2020-13-01T00:00:00Z", "2020-00-10T00:00:00Z", "2021-02-29T00:00:00Z", "2020-04-31T00:00:00Z",
        "2020-01-00T00:00:00Z", "2020-01-01T24:00:00Z", "2020-01-01T23:60:00Z",
    ])
    func rejects(text: String) {
        #expect(WireDate.parse(text) == nil)
    }

    /// Arithmetic instead of a Calendar: the same instant as the Gregorian calendar in UTC, every 9 days and 13,831
    /// seconds from 1900 to 2200 (leap years, century years and 2000 included), with and without a zone offset.
    @Test func agreesWithTheCalendarFrom1900To2200() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var instant = -2_208_988_800  // 1900-01-01T00:00:00Z
        func pad(_ value: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        while instant < 7_258_118_400 {  // 2200-01-01T00:00:00Z
            let date = Date(timeIntervalSince1970: Double(instant))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let day = "\(pad(parts.year!, 4))-\(pad(parts.month!, 2))-\(pad(parts.day!, 2))"
            let text = "\(day)T\(pad(parts.hour!, 2)):\(pad(parts.minute!, 2)):\(pad(parts.second!, 2))"
            #expect(WireDate.parse(text)?.timeIntervalSince1970 == Double(instant), "\(text)")
            #expect(WireDate.parse(text + ".5Z")?.timeIntervalSince1970 == Double(instant) + 0.5, "\(text)")
            #expect(WireDate.parse(text + "+08:00")?.timeIntervalSince1970 == Double(instant - 28_800), "\(text)")
            instant += 9 * 86_400 + 13_831
        }
    }
}
