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

    @Test(arguments: ["", "yesterday", "2020-08-17", "2020-08-17T03:51:2x", "2020-08-17T03:51:24?"])
    func rejects(text: String) {
        #expect(WireDate.parse(text) == nil)
    }
}
