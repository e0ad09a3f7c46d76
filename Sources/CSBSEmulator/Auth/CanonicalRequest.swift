import Foundation

/// Rebuilds the `SDK-HMAC-SHA256` canonical request and string to sign from a request as received
/// (API reference §6.3): the emulator's own implementation, independent of the client's signer.
struct CanonicalRequest: Sendable {
    /// The upper-case method.
    var method: String
    /// The raw request target as sent: path and optional `?query`, still percent-encoded.
    var target: String
    /// The signed headers as `(lower-case name, value)` pairs, in the order of `SignedHeaders`.
    var headers: [(name: String, value: String)]
    /// The hex SHA-256 of the body, or the `X-Sdk-Content-Sha256` value when that header was sent.
    var payloadHash: String

    /// The six canonical parts joined with newlines.
    var text: String {
        let (path, query) = Self.split(target)
        let canonicalHeaders = headers.map { "\($0.name):\($0.value.trimmingCharacters(in: .whitespaces))\n" }.joined()
        return [
            method.uppercased(),
            Self.canonicalURI(path),
            Self.canonicalQuery(query),
            canonicalHeaders,
            headers.map(\.name).joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    /// `SDK-HMAC-SHA256\n<date>\n<hex SHA-256 of the canonical request>`.
    func stringToSign(date: String) -> String {
        SignatureHeader.algorithm + "\n" + date + "\n" + SHA256Digest.hex(SHA256Digest.hash(Array(text.utf8)))
    }

    /// The lower-case hex HMAC-SHA256 of the string to sign under `secret`.
    func signature(secret: String, date: String) -> String {
        SHA256Digest.hex(SHA256Digest.hmac(key: Array(secret.utf8), message: Array(stringToSign(date: date).utf8)))
    }

    /// Path and query (without `?`) of a request target; a fragment is dropped.
    static func split(_ target: String) -> (path: Substring, query: Substring) {
        let withoutFragment = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = withoutFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }

    /// Decodes the path, splits it on `/` (so `%2F` splits too), encodes each segment and ends with `/`.
    static func canonicalURI(_ path: Substring) -> String {
        let decoded = percentDecode(path)
        let segments = decoded.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let encoded = segments.map { percentEncode(Array($0)) }.joined(separator: "/")
        return encoded.hasSuffix("/") ? encoded : encoded + "/"
    }

    /// The raw query's pairs, decoded, sorted by key then value (code-point order), re-encoded.
    static func canonicalQuery(_ query: Substring) -> String {
        guard !query.isEmpty else { return "" }
        let pairs = query.split(separator: "&").map { item -> ([UInt8], [UInt8]) in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (percentDecode(pair[0]), pair.count > 1 ? percentDecode(pair[1]) : [])
        }
        return pairs.sorted { lhs, rhs in
            let (left, right) = (codePoints(lhs.0), codePoints(rhs.0))
            if left != right { return left.lexicographicallyPrecedes(right) }
            return codePoints(lhs.1).lexicographicallyPrecedes(codePoints(rhs.1))
        }
        .map { percentEncode($0.0) + "=" + percentEncode($0.1) }
        .joined(separator: "&")
    }

    private static func codePoints(_ bytes: [UInt8]) -> [UInt32] {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)
    }

    /// `%XX` sequences become bytes; malformed ones are kept as they are.
    static func percentDecode(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                result.append(high << 4 | low)
                index += 3
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// Keeps `A–Z a–z 0–9 - _ . ~`; every other byte becomes `%XX` with upper-case hex.
    static func percentEncode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                result.append(byte)
            default:
                result += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
