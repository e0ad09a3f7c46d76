import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// IAM tokens on disk, one file per (IAM endpoint, domain, user, project), readable by the owner only (0600,
/// in a 0700 directory). A file that others can read is ignored and replaced, as ssh does with keys.
public struct TokenCache: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The cache key; it names no secret.
    public static func key(endpoint: String, credentials: PasswordCredentials) -> String {
        let project: String
        switch credentials.project {
        case .name(let name): project = "name=\(name)"
        case .id(let id): project = "id=\(id)"
        }
        return "\(endpoint)|\(credentials.domainName)|\(credentials.userName)|\(project)"
    }

    public func load(key: String) -> AuthToken? {
        let path = self.path(for: key)
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o077 == 0, info.st_uid == getuid() else { return nil }
        guard let data = FileManager.default.contents(atPath: path),
            let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key
        else { return nil }
        return entry.token
    }

    public func store(_ token: AuthToken, key: String) throws {
        try createPrivateDirectory()
        let data = try JSONEncoder().encode(Entry(key: key, token: token))
        let path = self.path(for: key)
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else {
            throw ClientError(kind: .configuration, message: "cannot write the token cache in \(directory)")
        }
        fchmod(fd, 0o600)
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == data.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ClientError(kind: .configuration, message: "cannot write the token cache in \(directory)")
        }
    }

    public func remove(key: String) {
        unlink(path(for: key))
    }

    func path(for key: String) -> String {
        directory + "/" + Self.fileName(for: key)
    }

    /// A stable file name from the key (FNV-1a, 64 bit); the key inside the file guards against collisions.
    static func fileName(for key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "token-" + String(repeating: "0", count: 16 - hex.count) + hex + ".json"
    }

    /// `mkdir -p` with mode 0700 for each directory it makes, by POSIX calls (FileManager's attribute dictionary
    /// cost more CPU than the rest of storing the token).
    private func createPrivateDirectory() throws {
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
                throw ClientError(kind: .configuration, message: "cannot create the token cache directory \(path)")
            }
        }
        chmod(directory, 0o700)
    }

    private struct Entry: Codable {
        var key: String
        var token: AuthToken
    }
}
