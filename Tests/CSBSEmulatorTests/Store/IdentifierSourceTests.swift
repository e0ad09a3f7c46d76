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
}
