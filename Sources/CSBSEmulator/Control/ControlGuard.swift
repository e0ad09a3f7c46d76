import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Keeps web pages and other hosts away from the control API (`/csbs-emulator/v1/…`), which can wipe a `--db`
/// file, move the clock and inject faults, and whose state dump holds the demo secrets.
///
/// A browser sends a "simple" cross-site request (a `POST` with `text/plain`, a form) without asking first, and a
/// DNS-rebinding page reaches `127.0.0.1` under its own host name. So, in this order:
///
/// 1. a request carrying an `Origin` that is not a loopback address is refused (403);
/// 2. with a control token configured (``EmulatorConfiguration/controlToken``), the request must carry it in
///    `X-CSBS-Emulator-Token` (403); without one, the `Host` must be a loopback address (403);
/// 3. a request that changes something (any method but `GET` and `HEAD`) must say `Content-Type: application/json`
///    (415), which a browser cannot send to another origin without a preflight the emulator never grants.
struct ControlGuard: RouterMiddleware {
    typealias Context = EmulatorRequestContext

    static let tokenHeader = HTTPField.Name("X-CSBS-Emulator-Token")!

    /// The token every control request must carry, or `nil` to accept loopback `Host`s only.
    let token: String?

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let origin = request.headers[.origin], !Loopback.isLoopbackOrigin(origin) {
            throw Self.forbidden("requests from web pages (Origin \(origin.prefix(100))) are refused")
        }
        if let token {
            guard let given = request.headers[Self.tokenHeader], Self.same(given, token) else {
                throw Self.forbidden("the control token (X-CSBS-Emulator-Token) is missing or wrong")
            }
        } else if let host = request.head.authority, !Loopback.isLoopbackAuthority(host) {
            throw Self.forbidden("the control API answers loopback addresses only (Host \(host.prefix(100)))")
        }
        if request.method != .get, request.method != .head, !Self.isJSON(request.headers[.contentType]) {
            throw EmulatorError(
                status: .unsupportedMediaType, code: "CSBSEmulator.0415",
                message: "control requests that change state must be sent with Content-Type: application/json",
                shape: .cbr
            )
        }
        return try await next(request, context)
    }

    /// Whether a `Content-Type` value is `application/json`, with or without parameters.
    static func isJSON(_ value: String?) -> Bool {
        guard let value else { return false }
        let mediaType = value.split(separator: ";", maxSplits: 1).first ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }

    /// Compares two tokens in time independent of where they differ.
    private static func same(_ given: String, _ expected: String) -> Bool {
        Data(SHA256.hash(data: Data(given.utf8))) == Data(SHA256.hash(data: Data(expected.utf8)))
    }

    private static func forbidden(_ message: String) -> EmulatorError {
        EmulatorError(status: .forbidden, code: "CSBSEmulator.0403", message: message, shape: .cbr)
    }
}

/// Which host names and addresses are this machine's loopback: `localhost` (and names below it), `127.0.0.0/8`
/// written as four decimal numbers, and `::1`. Anything else, `127.evil.example` included, is not.
public enum Loopback {
    /// Whether a host (a name or an address, IPv6 with or without brackets) is loopback.
    public static func isLoopback(host: String) -> Bool {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "0:0:0:0:0:0:0:1" {
            return true
        }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        let octets = parts.compactMap { part in
            part.count <= 3 && part.allSatisfy(\.isASCII) ? UInt8(part) : nil
        }
        return octets.count == 4 && octets[0] == 127
    }

    /// Whether a `Host` value (`host[:port]`, `[v6][:port]`) names a loopback host.
    static func isLoopbackAuthority(_ authority: String) -> Bool {
        let host: Substring
        if authority.hasPrefix("[") {
            host = authority.prefix { $0 != "]" }.dropFirst()
        } else {
            host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        }
        return isLoopback(host: String(host))
    }

    /// Whether an `Origin` value (`scheme://host[:port]`, or `null`) is a loopback origin.
    static func isLoopbackOrigin(_ origin: String) -> Bool {
        guard let host = URLComponents(string: origin)?.host, !host.isEmpty else { return false }
        return isLoopback(host: host)
    }
}
