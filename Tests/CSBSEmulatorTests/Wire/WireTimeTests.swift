@testable import CSBSEmulator
import Foundation
import Testing

@Suite("Wire timestamps")
struct WireTimeTests {
    @Test("CBR and IAM forms", arguments: [
        (Int64(1_597_636_284_678_916), "2020-08-17T03:51:24.678916"),
        (Int64(0), "1970-01-01T00:00:00.000000"),
        (Int64(951_782_400_000_001), "2000-02-29T00:00:00.000001"),
        (Int64(-1), "1969-12-31T23:59:59.999999"),
        (Int64(253_402_300_800_000_000), "10000-01-01T00:00:00.000000"),
    ])
    func formats(micros: Int64, expected: String) {
        #expect(WireTime.cbr(micros) == expected)
        #expect(WireTime.iam(micros) == expected + "Z")
    }

    @Test("dates round to the microsecond")
    func rounding() {
        #expect(WireTime.micros(Date(timeIntervalSince1970: 1.5)) == 1_500_000)
    }
}
