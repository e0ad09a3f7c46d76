import CSBSPlatform
import CSBSScript
import Dispatch
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a batch run answers `confirm`: `--yes` answers yes; otherwise the question is asked on the controlling
/// terminal (`/dev/tty`, read and written directly, so it works when the script itself comes from a file or from
/// standard input) when one of the standard streams is a terminal; with none, `confirm` stops the run (exit 64,
/// asking for `--yes`).
enum TerminalPrompter {
    /// The longest answer read; the rest of a longer line is read and dropped.
    static let maximumAnswer = 1_024

    /// The confirmation setting of a batch run.
    /// - Parameters:
    ///   - assumeYes: `--yes` was given.
    ///   - redact: Masks the connection's secrets in the question before the terminal shows it.
    static func confirmation(assumeYes: Bool, redact: @escaping @Sendable (String) -> String) -> ConfirmationSource {
        if assumeYes { return .assumeYes }
        let standardStreams = [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
        guard standardStreams.contains(where: { isatty($0) == 1 }) else { return .refuse }
        return .ask { question in
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: ask(redact(question))) }
            }
        }
    }

    /// Writes `question` to `/dev/tty` and reads one line from it; the end of input when there is no terminal to
    /// open or it closes.
    private static func ask(_ question: String) -> ConfirmationSource.Answer {
        let descriptor = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return .endOfInput }
        defer { close(descriptor) }
        guard FileDescriptors.writeAll(question.utf8, to: descriptor) else { return .endOfInput }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return .endOfInput }
            if byte == UInt8(ascii: "\n") { break }
            if line.count < maximumAnswer { line.append(byte) }
        }
        return .line(String(decoding: line, as: UTF8.self))
    }
}
