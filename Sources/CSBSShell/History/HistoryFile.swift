import CSBSPlatform
import FoundationEssentials

import Glibc

/// A file the shell writes for the user — the history file, or a session saved with `history save FILE` —
/// treated as the user's, whatever it is: a symbolic link is followed and the link kept, a terminal, pipe or
/// device (`/dev/stdout`) is written through rather than replaced, and `/dev/null` means "nothing to keep".
/// A regular file is replaced atomically by a temporary file created beside it with `O_EXCL|O_NOFOLLOW` and
/// mode 0600, so that a planted file or link is never written through and a crash never leaves half a file.
public struct HistoryFile: Sendable, Equatable {
    /// What the configured path turned out to be.
    public enum Kind: Sendable, Equatable {
        /// `/dev/null` (the shell habit for "no history"): nothing is read or written.
        case discard
        /// A regular file, or one that does not exist yet, at this path with symbolic links resolved.
        case regular(String)
        /// A terminal, pipe, socket or device other than `/dev/null`: written through, never read or replaced.
        case stream(String)
    }

    /// The path as configured (for messages).
    public let path: String
    /// What it resolves to now.
    public let kind: Kind

    /// The most bytes read back from a history file; a longer one is read from its end.
    static let readLimit = 4 << 20
    /// The most symbolic links followed, as the kernel does.
    static let linkLimit = 40

    /// Resolves `path` (which must not be empty): follows symbolic links and classifies what is at the end.
    /// - Throws: ``HistoryFileError`` when links loop or a path component cannot be examined.
    public init(path: String) throws {
        self.path = path
        var current = path
        for _ in 0...Self.linkLimit {
            var status = stat()
            guard lstat(current, &status) == 0 else {
                guard errno == ENOENT else { throw HistoryFileError(path: path, reason: Self.describe(errno)) }
                kind = .regular(current)
                return
            }
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                current = try Self.readLink(current, for: path)
            case S_IFREG:
                kind = .regular(current)
                return
            case S_IFDIR:
                throw HistoryFileError(path: path, reason: "it is a directory")
            default:
                var null = stat()
                let isNull = stat("/dev/null", &null) == 0 && (status.st_mode & S_IFMT) == S_IFCHR
                    && status.st_rdev == null.st_rdev
                kind = isNull ? .discard : .stream(current)
                return
            }
        }
        throw HistoryFileError(path: path, reason: "too many levels of symbolic links")
    }

    /// The file's text, at most ``readLimit`` bytes from its end; `nil` when there is nothing to read (no file
    /// yet, or not a regular file).
    public func read() throws -> String? {
        guard case .regular(let target) = kind else { return nil }
        let descriptor = open(target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw HistoryFileError(path: path, reason: Self.describe(errno))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw HistoryFileError(path: path, reason: "it is no longer a regular file")
        }
        let size = Int(status.st_size)
        if size > Self.readLimit { lseek(descriptor, off_t(size - Self.readLimit), SEEK_SET) }
        var bytes = [UInt8](repeating: 0, count: min(size, Self.readLimit))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        var text = String(decoding: bytes[0..<filled], as: UTF8.self)
        // Read from the middle: drop the partial first line.
        if size > Self.readLimit, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        return text
    }

    /// Replaces a regular file's contents atomically, or writes `text` through to a stream (`appending` is
    /// what a stream gets: a terminal or pipe cannot take back what it has already been sent).
    /// - Parameters:
    ///   - text: The whole new contents of a regular file.
    ///   - appending: What a stream receives instead (for history: only the new entries).
    public func write(_ text: String, streamText appending: String? = nil) throws {
        switch kind {
        case .discard:
            return
        case .stream(let target):
            try writeThrough(appending ?? text, to: target)
        case .regular(let target):
            try replace(target, with: text)
        }
    }

    /// Runs `body` holding an exclusive lock shared by every csbs writing this file (`flock` on `FILE.lock`
    /// beside it), so that two shells merging their entries do not lose each other's.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        guard case .regular(let target) = kind else { return try body() }
        try Self.makeParentDirectory(of: target)
        let descriptor = open(target + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw HistoryFileError(path: target + ".lock", reason: Self.describe(errno)) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw HistoryFileError(path: target + ".lock", reason: Self.describe(errno)) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    private func replace(_ target: String, with text: String) throws {
        try Self.makeParentDirectory(of: target)
        let temporary = target + ".tmp.\(getpid())"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor < 0, errno == EEXIST {
            // Left by a crashed csbs with this process id; unlink removes a planted link, never its target.
            unlink(temporary)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        }
        guard descriptor >= 0 else { throw HistoryFileError(path: temporary, reason: Self.describe(errno)) }
        var written = false
        defer {
            close(descriptor)
            if !written { unlink(temporary) }
        }
        guard fchmod(descriptor, 0o600) == 0 else { throw HistoryFileError(path: temporary, reason: Self.describe(errno)) }
        try Self.writeAll(text, to: descriptor, path: temporary)
        guard rename(temporary, target) == 0 else { throw HistoryFileError(path: path, reason: Self.describe(errno)) }
        written = true
    }

    private func writeThrough(_ text: String, to target: String) throws {
        // O_NONBLOCK: a pipe nobody reads fails at once rather than hanging the shell.
        let descriptor = open(target, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw HistoryFileError(path: path, reason: Self.describe(errno)) }
        defer { close(descriptor) }
        try Self.writeAll(text, to: descriptor, path: path)
    }

    private static func writeAll(_ text: String, to descriptor: Int32, path: String) throws {
        guard FileDescriptors.writeAll(text.utf8, to: descriptor) else {
            throw HistoryFileError(path: path, reason: describe(errno))
        }
    }

    /// Creates the missing directories above `target` with mode 0700 (history is private).
    private static func makeParentDirectory(of target: String) throws {
        let directory = LocalPath.parent(of: target)
        guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw HistoryFileError(path: directory, reason: "cannot create the directory")
        }
    }

    private static func readLink(_ link: String, for path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count >= 0 else { throw HistoryFileError(path: path, reason: describe(errno)) }
        let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        return LocalPath.joined(LocalPath.parent(of: link), target)
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

/// A history or session file that cannot be read or written, with the path it is about.
public struct HistoryFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
