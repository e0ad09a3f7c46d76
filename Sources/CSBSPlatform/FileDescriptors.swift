#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole reads and writes on file descriptors: the one write loop of csbs's local files, terminal lines, history
/// and child processes' pipes.
public enum FileDescriptors {
    /// Writes all of `bytes` to `descriptor`, again after an interruption (`EINTR`) or a partial write.
    /// - Returns: `false` when a write fails (`errno` says why) or writes nothing.
    @discardableResult
    public static func writeAll(_ bytes: some Collection<UInt8>, to descriptor: Int32) -> Bool {
        let written = bytes.withContiguousStorageIfAvailable { writeAll($0, to: descriptor) }
        return written ?? Array(bytes).withUnsafeBufferPointer { writeAll($0, to: descriptor) }
    }

    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// Reads from `descriptor` until its end or `limit + 1` bytes, whichever comes first (so a caller sees that
    /// there was more than `limit`), straight into the array it returns (a script of many megabytes is read
    /// without a copy).
    /// - Returns: The bytes read; `nil` when a read fails.
    public static func readAll(_ descriptor: Int32, limit: Int) -> [UInt8]? {
        let capacity = limit + 1
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            while count < capacity {
                let result = read(descriptor, buffer.baseAddress! + count, capacity - count)
                if result > 0 {
                    count += result
                } else if result < 0, errno == EINTR {
                    continue
                } else {
                    failed = result < 0
                    return
                }
            }
        }
        return failed ? nil : bytes
    }
}
