@testable import CSBSEmulator
import Testing

@Suite("Identifier source")
struct IdentifierSourceTests {
    @Test("a seeded source gives the same version-4 UUIDs as before the byte-wise formatting")
    func seededUUIDs() {
        // Expected values computed independently (SplitMix64 from seed 7, bytes little-endian, version and
        // variant bits set, grouped 8-4-4-4-12).
        let source = IdentifierSource(seed: 7)
        #expect(source.uuid() == "d70d3259-e4e1-4b63-9c66-3cf4d73c4c04")
        #expect(source.uuid() == "022ab1ba-8040-48e6-8b29-3e6770eb3a95")
    }

    @Test("a random UUID is 36 lower-case characters in 8-4-4-4-12 groups, version 4")
    func randomUUIDShape() {
        let uuid = IdentifierSource(seed: nil).uuid()
        let groups = uuid.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        #expect(groups == [8, 4, 4, 4, 12])
        #expect(uuid.allSatisfy { $0 == "-" || $0.isNumber || ("a"..."f").contains($0) })
        #expect(Array(uuid)[14] == "4")
    }

    @Test("ordered UUIDs carry the milliseconds of the time, version 7, and increase one after another")
    func orderedUUIDs() {
        let source = IdentifierSource(seed: 3)
        // 2026-12-07 00:00:00.123456 UTC in microseconds: 1,796,601,600,123 ms = 0x1A2_4DCC_D87B.
        let time: Int64 = 1_796_601_600_123_456
        var made: [String] = []
        for _ in 0..<1_000 { made.append(source.orderedUUID(at: time)) }
        // The clock set back: the ids still increase.
        made.append(source.orderedUUID(at: time - 60_000_000))
        made.append(source.orderedUUID(at: time + 1_000))
        for uuid in made {
            let groups = uuid.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
            #expect(groups == [8, 4, 4, 4, 12])
            #expect(Array(uuid)[14] == "7")
            #expect("89ab".contains(Array(uuid)[19]))
        }
        #expect(made[0].hasPrefix("01a24dcc-d87b-"))
        #expect(made.last?.hasPrefix("01a24dcc-d87c-") == true)
        #expect(zip(made, made.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Set(made).count == made.count)
    }

    @Test("two sources with the same seed make the same ordered UUIDs")
    func seededOrderedUUIDs() {
        let first = IdentifierSource(seed: 11)
        let second = IdentifierSource(seed: 11)
        for step in 0..<5 {
            #expect(first.orderedUUID(at: Int64(step) * 400) == second.orderedUUID(at: Int64(step) * 400))
        }
    }
}
