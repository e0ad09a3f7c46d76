import CSBSPlatform
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// csbs's reads and writes of local files that hold settings or secrets: bounded reads, and private
/// directories and files that refuse what another user could have planted (symbolic links, a directory others
/// can write to). The token cache, the profiles file, the CA bundle and `csbs serve --db` go through here.
public enum LocalFiles {
    /// Why a local file was not read or written.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case missing(String)
        case unreadable(String)
        case tooLarge(String, limit: Int)
        /// The path is not what it must be (a symbolic link, not a directory, another user's, open to others).
        case unsafe(String, reason: String)

        public var description: String {
            switch self {
            case .missing(let path): "\(path) does not exist"
            case .unreadable(let path): "cannot read \(path)"
            case .tooLarge(let path, let limit): "\(path) is larger than \(LocalFiles.format(bytes: limit)), the limit"
            case .unsafe(let path, let reason): "refusing \(path): \(reason)"
            }
        }
    }

    /// The whole content of the file at `path`, at most `limit` bytes; with `followLinks` false, a symbolic link
    /// at the last component is not followed (the read fails).
    /// - Throws: ``Failure`` `.missing`, `.unreadable`, `.tooLarge`.
    public static func read(_ path: String, limit: Int, followLinks: Bool = true) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { throw errno == ENOENT ? Failure.missing(path) : Failure.unreadable(path) }
        defer { close(descriptor) }
        return try read(descriptor: descriptor, path: path, limit: limit)
    }

    /// At most `limit` bytes from an open file; one more is a `.tooLarge` failure (the file is never read whole).
    public static func read(descriptor: Int32, path: String, limit: Int) throws -> Data {
        guard let bytes = FileDescriptors.readAll(descriptor, limit: limit) else { throw Failure.unreadable(path) }
        guard bytes.count <= limit else { throw Failure.tooLarge(path, limit: limit) }
        return Data(bytes)
    }

    /// Creates `directory` (and missing parents) with mode 0700, then checks it: a real directory (not a symbolic
    /// link), owned by this user, not writable by group or others.
    /// - Throws: ``Failure`` `.unsafe` when the directory cannot be made or fails a check.
    public static func makePrivateDirectory(_ directory: String) throws {
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
                throw Failure.unsafe(path, reason: "cannot create it: " + String(cString: strerror(errno)))
            }
        }
        var info = stat()
        guard lstat(directory, &info) == 0 else { throw Failure.unsafe(directory, reason: "cannot inspect it") }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw Failure.unsafe(directory, reason: "it is not a directory (a symbolic link?)")
        }
        guard info.st_uid == getuid() else { throw Failure.unsafe(directory, reason: "it belongs to another user") }
        guard info.st_mode & 0o022 == 0 else {
            throw Failure.unsafe(
                directory, reason: "group or others may write to it (mode \(String(info.st_mode & 0o777, radix: 8)))"
            )
        }
    }

    /// Writes `data` to `path` in a private directory as a new 0600 file: a temporary file opened with
    /// `O_CREAT|O_EXCL|O_NOFOLLOW` (a file or link planted under its name makes the write fail instead of
    /// writing through it), then renamed over `path` (which replaces a link there rather than following it).
    /// - Throws: ``Failure`` `.unsafe` when any step fails.
    public static func writePrivate(_ data: Data, to path: String) throws {
        try replace(path, with: data, mode: 0o600)
    }

    /// Replaces the content of the regular file at `path` with `data` the same way as
    /// ``writePrivate(_:to:)`` (a temporary file beside it, then a rename), keeping the file's mode. A symbolic
    /// link at `path` is refused: renaming over it would replace the link, and writing through it would change
    /// a file elsewhere. `csbs fmt` writes scripts in place through here.
    /// - Throws: ``Failure`` `.missing`, or `.unsafe` for a link or anything but a regular file, or when a step fails.
    public static func replaceContents(of path: String, with data: Data) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw errno == ENOENT ? Failure.missing(path) : Failure.unreadable(path) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Failure.unsafe(path, reason: "it is not a regular file (a symbolic link?); give the file it names")
        }
        try replace(path, with: data, mode: info.st_mode & 0o7777)
    }

    /// Writes `data` to a new temporary file beside `path` with `mode`, then renames it over `path`.
    private static func replace(_ path: String, with data: Data, mode: mode_t) throws {
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure.unsafe(temporary, reason: "cannot create it: " + String(cString: strerror(errno)))
        }
        var complete = fchmod(descriptor, mode) == 0
        if complete {
            complete = FileDescriptors.writeAll(data, to: descriptor)
        }
        close(descriptor)
        guard complete, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure.unsafe(path, reason: "cannot write it")
        }
    }

    /// Makes sure the file at `path` exists as this user's regular file readable by nobody else (0600), creating
    /// it empty when missing (its directory 0700 when that is missing too) and taking group and other permissions
    /// away from an existing one. SQLite gives a database's `-wal` and `-shm` files the database's own mode, so a
    /// database prepared this way keeps its journal private too; existing `-wal`/`-shm` files are tightened here.
    /// - Throws: ``Failure`` `.unsafe` for a symbolic link, another user's file or a failure to create it.
    public static func preparePrivateFile(_ path: String) throws {
        let directory = LocalPath.parent(of: path)
        if !directory.isEmpty, access(directory, F_OK) != 0 {
            try makePrivateDirectory(directory)
        }
        for file in [path, path + "-wal", path + "-shm"] {
            let flags = O_RDWR | O_NOFOLLOW | O_CLOEXEC | (file == path ? O_CREAT : 0)
            let descriptor = open(file, flags, 0o600)
            if descriptor < 0 {
                if file != path, errno == ENOENT { continue }
                throw Failure.unsafe(file, reason: "cannot open it: " + String(cString: strerror(errno)))
            }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                throw Failure.unsafe(file, reason: "it is not a regular file")
            }
            guard info.st_uid == getuid() else { throw Failure.unsafe(file, reason: "it belongs to another user") }
            if info.st_mode & 0o077 != 0, fchmod(descriptor, 0o600) != 0 {
                throw Failure.unsafe(file, reason: "cannot make it private (chmod 600)")
            }
        }
    }

    /// `1 MiB`, `64 KiB`, `12 bytes`.
    public static func format(bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
