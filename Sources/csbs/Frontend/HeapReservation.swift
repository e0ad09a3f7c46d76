#if canImport(Glibc)
import CMalloc
import Glibc
#endif

/// Room on the calling thread's malloc heap for a long check's syntax tree, taken in one step and backed by
/// transparent huge pages where the kernel offers them (`madvise` mode).
///
/// A 100,000-line check allocates about 33 MB in small pieces. Left to itself glibc grows the heap as it fills
/// (on a thread other than the main one a page at a time, one `mprotect` each) and the kernel maps it a 4 KiB
/// page at a time: about 10,000 page faults, a quarter of the check's CPU time (BENCHMARKS.md, "`csbs check`
/// speed"). Here one allocation of the expected size grows the heap at once, the range is advised as huge pages
/// and freed again; raised trim and mmap thresholds keep glibc from handing it back to the kernel or serving large
/// arrays from mappings of their own. Elsewhere (macOS, musl) nothing is done.
enum HeapReservation {
    /// Heap bytes a check needs per byte of script, measured on the 100,000-line runbook (33 MB for 3 MB).
    static let bytesPerScriptByte = 12

    /// The smallest script worth it: below this a check's heap is small, and a huge page would be mostly unused.
    static let minimumScriptBytes = 512 * 1024

    /// Reserves room for checking `scriptBytes` bytes of script on the calling thread.
    /// - Returns: The largest address range advised as huge pages, or `nil` when none was (a short script, not
    ///   glibc).
    @discardableResult
    static func reserve(forScriptBytes scriptBytes: Int) -> Range<UInt>? {
        #if canImport(Glibc)
        guard scriptBytes >= minimumScriptBytes else { return nil }
        let bytes = min(scriptBytes * bytesPerScriptByte, 192 << 20)
        _ = mallopt(M_MMAP_THRESHOLD, Int32(32 << 20))
        _ = mallopt(M_TRIM_THRESHOLD, Int32(bytes + 2 * block))
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(bytes / block + 1)
        for _ in 0..<(bytes + block - 1) / block {
            guard let pointer = malloc(block) else { break }
            blocks.append(pointer)
        }
        let advised = advise(blocks)
        for pointer in blocks { free(pointer) }
        return advised
        #else
        return nil
        #endif
    }

    #if canImport(Glibc)
    /// The size of the blocks taken: below glibc's largest mmap threshold (32 MiB on 64-bit; larger requests are
    /// always mapped apart), taken one after the other from the top of the heap, so together they are one range.
    static let block = 16 << 20

    /// Advises the heap under `blocks` (each ``block`` bytes, allocated) as huge pages, in whole huge pages.
    /// - Returns: The largest range advised; `nil` when none was.
    static func advise(_ blocks: [UnsafeMutableRawPointer]) -> Range<UInt>? {
        let hugePage = UInt(2 << 20)
        // Taken one after another the blocks are usually one run of the heap (16 bytes of glibc's chunk header
        // apart), but on a thread whose arena other threads use they may land apart: each run is advised alone (one
        // range over a gap would fail, as `madvise` refuses unmapped pages).
        var runs: [Range<UInt>] = []
        for start in blocks.map({ UInt(bitPattern: $0) }).sorted() {
            if let last = runs.last, start >= last.upperBound, start - last.upperBound <= 4096 {
                runs[runs.count - 1] = last.lowerBound..<(start + UInt(block))
            } else {
                runs.append(start..<(start + UInt(block)))
            }
        }
        var advised: Range<UInt>?
        for run in runs {
            let start = (run.lowerBound + hugePage - 1) & ~(hugePage - 1)
            let end = run.upperBound & ~(hugePage - 1)
            guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start),
                madvise(aligned, Int(end - start), MADV_HUGEPAGE) == 0
            else { continue }
            if (advised?.count ?? 0) < Int(end - start) { advised = start..<end }
        }
        return advised
    }
    #endif
}
