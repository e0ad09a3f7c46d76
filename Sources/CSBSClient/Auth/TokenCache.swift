import CSBSLocalFiles
import Crypto
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// IAM tokens on disk, one file per (IAM endpoint, domain, user, project, password), readable by the owner only.
///
/// The directory is created 0700 and must be this user's, a real directory, and not writable by group or others
/// (``LocalFiles/makePrivateDirectory(_:)``); files are written through a temporary file created with
/// `O_CREAT|O_EXCL|O_NOFOLLOW` and read without following a symbolic link, and a file that others can read or that
/// belongs to someone else is ignored. The key is a SHA-256 digest that includes the password, so a changed
/// password never reuses the old password's token, and the file names no user and holds no password.
public struct TokenCache: Sendable {
    public let directory: String

    /// The largest cache file read; a token entry is a few KiB.
    static let maximumFileSize = 256 * 1024

    public init(directory: String) {
        self.directory = directory
    }

    /// The cache key: a digest of the IAM endpoint, the account, the project and the password.
    public static func key(endpoint: String, credentials: PasswordCredentials) -> String {
        let project: String
        switch credentials.project {
        case .name(let name): project = "name=\(name)"
        case .id(let id): project = "id=\(id)"
        }
        let fields = [endpoint, credentials.domainName, credentials.userName, project, credentials.password]
        // Length-prefixed, so that no two different field lists give the same bytes.
        let material = fields.map { "\($0.utf8.count):\($0)" }.joined()
        return SigningEncoding.hex(SHA256.hash(data: Data(material.utf8)))
    }

    /// Checks (and creates) the directory.
    /// - Throws: ``LocalFiles/Failure`` when it cannot be used safely.
    public func prepare() throws {
        try LocalFiles.makePrivateDirectory(directory)
    }

    /// The cached token for `key`, or `nil`: no file, a symbolic link, another user's file, one others may read,
    /// or one that does not hold this key.
    public func load(key: String) -> AuthToken? {
        let path = self.path(for: key)
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 == 0,
            info.st_uid == getuid()
        else { return nil }
        guard let data = try? LocalFiles.read(descriptor: descriptor, path: path, limit: Self.maximumFileSize),
            let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key
        else { return nil }
        return entry.token
    }

    /// Writes `token` under `key` (see the type's description for how).
    /// - Throws: ``LocalFiles/Failure`` when the directory is unsafe or the file cannot be written.
    public func store(_ token: AuthToken, key: String) throws {
        try prepare()
        try LocalFiles.writePrivate(try JSONEncoder().encode(Entry(key: key, token: token)), to: path(for: key))
    }

    public func remove(key: String) {
        unlink(path(for: key))
    }

    func path(for key: String) -> String {
        directory + "/" + Self.fileName(for: key)
    }

    /// The file name of a key: its first 32 hex digits; the whole key inside the file guards against collisions.
    static func fileName(for key: String) -> String {
        "token-" + key.prefix(32) + ".json"
    }

    private struct Entry: Codable {
        var key: String
        var token: AuthToken
    }
}
