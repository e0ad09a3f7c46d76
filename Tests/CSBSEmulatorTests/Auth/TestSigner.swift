import Crypto
import Foundation

/// A small `SDK-HMAC-SHA256` signer written for the emulator's tests from the API reference (§6.3), independent of
/// the emulator's verifier (``CanonicalRequest``) and of the client's signer. ``TestSignerTests`` checks it against
/// the official-signer vectors, so a request it signs is one the official SDK would sign the same way.
struct TestSigner: Sendable {
    /// What to send.
    struct Signed {
        /// The encoded path and canonical query, e.g. `/v3/p/vaults?limit=10&name=a%20b`.
        var requestURI: String
        /// The headers to send: the given ones (values trimmed), `X-Sdk-Date`, `Host` and `Authorization`.
        var headers: [(name: String, value: String)]
        /// The canonical request that was signed.
        var canonicalRequest: String
    }

    var accessKey: String
    var secretKey: String

    /// Signs a request.
    /// - Parameters:
    ///   - method: The upper-case method.
    ///   - host: The `Host` value (`host[:port]`).
    ///   - path: The decoded path, e.g. `/v3/p/vault/v/tags/env name`.
    ///   - query: Decoded query pairs, in any order.
    ///   - headers: Headers to send; a name with `_` is sent but not signed.
    ///   - body: The body bytes.
    ///   - date: The `X-Sdk-Date` value (`yyyyMMddTHHmmssZ`).
    /// - Returns: The request URI and headers to send.
    func sign(
        method: String, host: String, path: String, query: [(String, String)], headers: [(String, String)],
        body: [UInt8], date: String
    ) -> Signed {
        let sent = headers.map { (name: $0.0, value: $0.1.trimmingCharacters(in: .whitespaces)) }
            + [(name: "X-Sdk-Date", value: date), (name: "Host", value: host)]
        let signed = sent.filter { !$0.name.contains("_") }
            .map { (name: $0.name.lowercased(), value: $0.value) }
            .sorted { $0.name < $1.name }
        let signedNames = signed.map(\.name).joined(separator: ";")
        let encodedPath = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { Self.encode(String($0)) }.joined(separator: "/")
        let canonicalQuery = query.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        let canonicalRequest = [
            method,
            encodedPath.hasSuffix("/") ? encodedPath : encodedPath + "/",
            canonicalQuery,
            signed.map { "\($0.name):\($0.value)\n" }.joined(),
            signedNames,
            Self.hex(SHA256.hash(data: body)),
        ].joined(separator: "\n")
        let stringToSign = "SDK-HMAC-SHA256\n\(date)\n" + Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8)))
        let signature = Self.hex(
            HMAC<SHA256>.authenticationCode(
                for: Array(stringToSign.utf8), using: SymmetricKey(data: Array(secretKey.utf8))
            )
        )
        let authorization = "SDK-HMAC-SHA256 Access=\(accessKey), SignedHeaders=\(signedNames), Signature=\(signature)"
        return Signed(
            requestURI: encodedPath + (canonicalQuery.isEmpty ? "" : "?" + canonicalQuery),
            headers: sent + [(name: "Authorization", value: authorization)],
            canonicalRequest: canonicalRequest
        )
    }

    /// The `X-Sdk-Date` form of `date`: `yyyyMMddTHHmmssZ` in UTC.
    static func sdkDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + "T"
            + two(parts.hour) + two(parts.minute) + two(parts.second) + "Z"
    }

    /// RFC 3986 percent-encoding of the UTF-8 bytes: `A–Z a–z 0–9 - _ . ~` stay, the rest is `%XX` (upper case).
    private static func encode(_ text: String) -> String {
        text.utf8.map { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                String(UnicodeScalar(byte))
            default:
                String(format: "%%%02X", byte)
            }
        }.joined()
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
