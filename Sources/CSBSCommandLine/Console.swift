import Foundation

/// Line output written straight to the file descriptors (no buffering), so lines stay in order across
/// stdout, stderr and other processes.
public enum Console {
    public static func out(_ line: String) {
        write(line, to: .standardOutput)
    }

    public static func err(_ line: String) {
        write(line, to: .standardError)
    }

    /// Writes text as it is, without adding a line break.
    public static func raw(_ text: String, to handle: FileHandle) {
        try? handle.write(contentsOf: Data(text.utf8))
    }

    private static func write(_ line: String, to handle: FileHandle) {
        var text = line
        if !text.hasSuffix("\n") { text += "\n" }
        try? handle.write(contentsOf: Data(text.utf8))
    }
}
