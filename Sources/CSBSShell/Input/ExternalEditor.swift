import CSBSPlatform
import Dispatch
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shell's `edit` (psql's `\e`): an input written in the user's editor — `$VISUAL`, else `$EDITOR`, else `vi` —
/// on a private temporary file, read back when the editor exits.
///
/// The command is run by `/bin/sh` with the file as its one argument, so `EDITOR="code --wait"` works as in git.
/// The file lives in a fresh mode-0700 directory (mode 0600) and is removed afterwards; what is read back is
/// bounded like a script (``maximumBytes``).
public struct ExternalEditor: Sendable {
    /// The editor's command line.
    public let command: String
    /// The temporary directory's parent.
    let temporaryDirectory: String

    /// The largest edited input read back.
    public static let maximumBytes = 8 << 20

    public init(environment: [String: String]) {
        let chosen = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty }
        command = chosen ?? "vi"
        let temporary = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        temporaryDirectory = temporary
    }

    /// Why an edit ran nothing.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Opens `text` in the editor and returns the file's text once it exits.
    /// - Throws: ``Failure`` when the file cannot be made or read, the editor cannot start or exits with a
    ///   non-zero status (nothing is run then, as git does).
    public func edit(_ text: String) async throws -> String {
        var template = Array((temporaryDirectory + "/csbs-edit-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw Failure(description: "cannot make a temporary directory in \(temporaryDirectory)")
        }
        let directory = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/input.csbs"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw Failure(description: "cannot write \(path)") }
        let status = try await run(path)
        guard status == 0 else {
            let how = status.map { "exited with status \($0)" } ?? "was ended by a signal"
            throw Failure(description: "the editor (\(command)) \(how); nothing was run")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot read \(path)") }
        defer { close(descriptor) }
        guard let data = FileDescriptors.readAll(descriptor, limit: Self.maximumBytes) else {
            throw Failure(description: "cannot read \(path)")
        }
        guard data.count <= Self.maximumBytes else {
            throw Failure(description: "the edited input is over \(Self.maximumBytes >> 20) MiB; nothing was run")
        }
        guard let edited = String(validating: data, as: UTF8.self) else {
            throw Failure(description: "the edited input is not UTF-8 text; nothing was run")
        }
        return edited
    }

    /// Runs the editor on the terminal the shell has (standard input, output and error inherited) and waits.
    /// - Returns: Its exit status; `nil` when a signal ended it.
    private func run(_ path: String) async throws -> Int32? {
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn("/bin/sh", arguments: ["-c", command + " \"$1\"", "csbs-edit", path])
        } catch {
            throw Failure(description: "cannot start the editor (\(command)): \(error)")
        }
        // Waited for off the cooperative pool: the editor runs for as long as the user edits.
        return await withCheckedContinuation { finished in
            DispatchQueue.global().async { finished.resume(returning: ChildProcess.wait(pid)) }
        }
    }
}
