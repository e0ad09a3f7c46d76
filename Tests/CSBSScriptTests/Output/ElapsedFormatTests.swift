import CSBSScript
import Foundation
import Testing

/// The short elapsed-time form of results: tenths of a second below a minute, then minutes and seconds, then
/// hours and minutes; always two digits after the first unit.
@Suite struct ElapsedFormatTests {
    @Test(arguments: [
        (0.0, "0.0s"), (0.04, "0.0s"), (0.06, "0.1s"), (2.0, "2.0s"), (12.34, "12.3s"), (59.94, "59.9s"),
        (59.96, "60.0s"), (60.0, "1m00s"), (65.4, "1m05s"), (3599.4, "59m59s"), (3600, "1h00m"),
        (7_380, "2h03m"), (-1, "0.0s"),
    ])
    func formatsLikeAClock(seconds: Double, expected: String) {
        #expect(ResultRecord.formatSeconds(seconds) == expected)
    }

    @Test func nonFiniteValuesDoNotCrash() {
        #expect(ResultRecord.formatSeconds(.infinity) == "infs")
        #expect(ResultRecord.formatSeconds(.nan) == "nans")
    }
}
