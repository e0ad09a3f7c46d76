#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where csbs keeps its files, following the XDG base directory conventions.
public struct StatePaths: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    private var home: String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.accountHome()
    }

    /// The home directory of the account this process runs as (its password database entry), for an unset `HOME`.
    private static func accountHome() -> String {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return "/" }
        return String(cString: directory)
    }

    /// `$XDG_STATE_HOME/csbs`, else `~/.local/state/csbs`: the built-in emulator's database.
    public var stateDirectory: String {
        (environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state") + "/csbs"
    }

    /// `$XDG_CACHE_HOME/csbs/tokens`, else `~/.cache/csbs/tokens`: cached IAM tokens (0700 directory, 0600 files).
    public var tokenCacheDirectory: String {
        (environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.cache") + "/csbs/tokens"
    }

    public var emulatorDatabase: String { stateDirectory + "/emulator.sqlite" }

    /// `/home/me/x` as `~/x` for messages.
    public func abbreviated(_ path: String) -> String {
        path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }
}
