#if os(Linux)
import Foundation
import Testing

@testable import csbs

/// ``HeapReservation`` grows the calling thread's heap in one step and advises it as huge pages.
@Suite("Heap reservation")
struct HeapReservationTests {
    /// The `VmFlags` of the mapping holding `address`, from /proc/self/smaps.
    static func flags(of address: UInt) -> [Substring]? {
        // Read to the end: /proc files report a size of 0.
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/smaps"), let data = try? handle.readToEnd() else {
            return nil
        }
        let smaps = String(decoding: data, as: UTF8.self)
        var inside = false
        for line in smaps.split(separator: "\n") {
            if let dash = line.firstIndex(of: "-"), let space = line.firstIndex(of: " "), dash < space,
                let low = UInt(line[..<dash], radix: 16), let high = UInt(line[line.index(after: dash)..<space], radix: 16)
            {
                inside = (low..<high).contains(address)
            } else if inside, line.hasPrefix("VmFlags:") {
                return line.dropFirst("VmFlags:".count).split(separator: " ")
            }
        }
        return nil
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled")))
    func aLongScriptsHeapIsOneRangeAdvisedAsHugePages() throws {
        HeapReservation.reserve(forScriptBytes: 2 << 20)
        // The middle of an allocation taken right after comes from the reserved range (not a mapping of its own).
        let block = try #require(malloc(8 << 20))
        defer { free(block) }
        let flags = try #require(Self.flags(of: UInt(bitPattern: block) + UInt(4 << 20)))
        #expect(flags.contains("hg"), "VmFlags: \(flags.joined(separator: " "))")
    }
}
#endif
