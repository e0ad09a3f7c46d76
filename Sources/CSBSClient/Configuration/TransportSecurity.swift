import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which hosts count as this machine: IPv4 addresses in `127.0.0.0/8`, the IPv6 loopback `::1` (also as
/// `::ffff:127.x.y.z`), and the name `localhost`. A name that merely starts like one (`127.evil.example`,
/// `localhost.example`) is another machine.
public enum LoopbackHost {
    /// Whether `host` (as in a URL, IPv6 literals with or without brackets) is this machine.
    public static func isLoopback(host: String) -> Bool {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        let loopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
        let mappedV4 = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff && bytes[12] == 127
        return loopback || mappedV4
    }

    /// Whether the host of `url` is this machine; `false` for a URL without a host.
    public static func isLoopback(url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return false }
        return isLoopback(host: host)
    }
}

extension ClientConfiguration {
    /// The endpoints that would carry credentials (a password, a token, a signature) over plain http to another
    /// machine, as `http://host[:port]`, without duplicates.
    public var plainHTTPEndpointsOffThisMachine: [String] {
        var seen: [String] = []
        for url in [endpoints.iam, endpoints.cbr, endpoints.csbs] where Self.isPlainHTTPOffThisMachine(url) {
            let origin = Self.origin(url)
            if !seen.contains(origin) { seen.append(origin) }
        }
        return seen
    }

    /// Refuses credentials over plain http to a host other than this machine unless ``TLSOptions/allowInsecureHTTP``
    /// is on: the one check, made when a configuration is resolved and again by ``HTTP1Transport`` before each
    /// request leaves.
    /// - Throws: ``ClientError`` `.configuration` naming the endpoints and the way out (`--allow-insecure-http`).
    public func checkTransportSecurity() throws {
        let exposed = plainHTTPEndpointsOffThisMachine
        guard !exposed.isEmpty, !tls.allowInsecureHTTP else { return }
        throw Self.plainHTTPRefusal(exposed)
    }

    static func plainHTTPRefusal(_ origins: [String]) -> ClientError {
        ClientError(
            kind: .configuration,
            message: "refusing to send credentials over plain http to \(origins.joined(separator: ", ")), which is not "
                + "this machine: use https, or pass --allow-insecure-http to accept that anyone on the path can read them"
        )
    }

    /// Whether `url` is plain http to a host that is not this machine.
    static func isPlainHTTPOffThisMachine(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), components.scheme?.lowercased() == "http" else { return false }
        return !LoopbackHost.isLoopback(host: components.host ?? "")
    }

    /// `scheme://host[:port]` of `url`, for messages (no path, query or user info).
    static func origin(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "?" }
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(components.scheme ?? "http")://\(shownHost)" + (components.port.map { ":\($0)" } ?? "")
    }
}
