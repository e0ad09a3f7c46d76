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
    func theHeapUnderTheBlocksIsAdvisedAsHugePages() throws {
        // Two 16 MB blocks, advised in whole huge pages while they are held — one range when the blocks are one
        // run, as in a check; with the other tests' threads sharing this thread's arena they may land apart, and
        // each is advised alone (at least 14 MB of whole huge pages in a 16 MB block). Looked at before the blocks
        // are freed: once free, glibc may trim or hand the memory to another thread (a CI run under load saw the
        // range gone from smaps).
        let blocks = (0..<2).compactMap { _ in malloc(HeapReservation.block) }
        defer { for block in blocks { free(block) } }
        try #require(blocks.count == 2)
        let range = try #require(HeapReservation.advise(blocks))
        #expect(range.count >= 14 << 20 && range.lowerBound % (2 << 20) == 0, "\(range)")
        let flags = try #require(Self.flags(of: range.lowerBound + UInt(range.count / 2)))
        #expect(flags.contains("hg"), "VmFlags: \(flags.joined(separator: " "))")
    }

    @Test func aShortScriptReservesNothing() {
        #expect(HeapReservation.reserve(forScriptBytes: 1 << 10) == nil)
    }
}
#endif
