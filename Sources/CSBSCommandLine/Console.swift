import CSBSPlatform

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line output written straight to the file descriptors (no buffering), so lines stay in order across
/// stdout, stderr and other processes.
public enum Console {
    /// Where a line goes.
    public enum Stream: Sendable {
        case standardOutput, standardError

        var descriptor: Int32 { self == .standardOutput ? STDOUT_FILENO : STDERR_FILENO }
    }

    public static func out(_ line: String) {
        write(line, to: .standardOutput)
    }

    public static func err(_ line: String) {
        write(line, to: .standardError)
    }

    /// Writes text as it is, without adding a line break.
    public static func raw(_ text: String, to stream: Stream) {
        FileDescriptors.writeAll(text.utf8, to: stream.descriptor)
    }

    private static func write(_ line: String, to stream: Stream) {
        FileDescriptors.writeAll(line.hasSuffix("\n") ? line.utf8 : (line + "\n").utf8, to: stream.descriptor)
    }
}
