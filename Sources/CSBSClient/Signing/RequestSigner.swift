import CSBSPlatform
import Crypto
import FoundationEssentials

/// Signs requests with an access key the way the Huawei Cloud SDK does (`SDK-HMAC-SHA256`, API reference §6.3).
///
/// A pure value: the same inputs always give the same ``SignedRequest``; it reads no clock and no environment.
/// `description` shows the access key only, never the secret key.
public struct RequestSigner: Sendable, CustomStringConvertible {
    /// The algorithm name at the start of the string to sign and of the `Authorization` header.
    public static let algorithm = "SDK-HMAC-SHA256"
    /// The `X-Sdk-Content-Sha256` value that stands in for the body hash.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// The access key (AK), sent in the clear in `Authorization`.
    public let accessKey: String
    private let secretKey: String

    /// - Parameters:
    ///   - accessKey: the AK.
    ///   - secretKey: the SK; its UTF-8 bytes are the HMAC key.
    public init(accessKey: String, secretKey: String) {
        self.accessKey = accessKey
        self.secretKey = secretKey
    }

    public var description: String {
        "RequestSigner(accessKey: \(accessKey), secretKey: <redacted>)"
    }

    /// Signs one request.
    ///
    /// - Parameters:
    ///   - method: the HTTP method (upper-cased for signing).
    ///   - host: the URL's authority (`host[:port]`, as in the endpoint URL), added as `Host` unless `headers`
    ///     already has one.
    ///   - path: the URL path as it will be sent (already percent-encoded), without the query.
    ///   - query: the raw (not encoded) query pairs in any order; repeated keys are allowed.
    ///   - headers: the headers to send; names should be unique, compared case-insensitively.
    ///   - body: the body bytes (empty for none).
    ///   - date: the `X-Sdk-Date` value (see ``SigningEncoding/sdkDate(_:)``), used unless `headers` has one.
    public func sign(
        method: String, host: String, path: String, query: [(String, String)], headers: [(String, String)],
        body: Data, date: String
    ) -> SignedRequest {
        var sent = headers.map { ($0.0, $0.1.trimmed()) }
        func value(_ name: String) -> String? {
            sent.first { $0.0.equalsIgnoringASCIICase(name) }?.1
        }
        if value("X-Sdk-Date") == nil { sent.append(("X-Sdk-Date", date)) }
        if value("Host") == nil { sent.append(("Host", host)) }
        if let type = value("Content-Type"), !type.hasPrefix("application/json"), !type.hasPrefix("application/bson"),
            value("X-Sdk-Content-Sha256") == nil
        {
            sent.append(("X-Sdk-Content-Sha256", Self.unsignedPayload))
        }
        let signed = sent
            .filter { !$0.0.contains("_") }
            .map { ($0.0.lowercased(), $0.1) }
            .sorted { SigningEncoding.precedes($0.0, $1.0) }
        let signedHeaders = signed.map(\.0).joined(separator: ";")
        let payloadHash = value("X-Sdk-Content-Sha256") ?? SigningEncoding.hex(SHA256.hash(data: body))
        let queryString = SigningEncoding.canonicalQuery(query)
        let canonicalRequest = [
            method.uppercased(),
            SigningEncoding.canonicalURI(path),
            queryString,
            signed.map { "\($0.0):\($0.1)\n" }.joined(),
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let signingDate = value("X-Sdk-Date") ?? date
        let stringToSign = [
            Self.algorithm, signingDate, SigningEncoding.hex(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        let code = HMAC<SHA256>.authenticationCode(
            for: Data(stringToSign.utf8), using: SymmetricKey(data: Data(secretKey.utf8))
        )
        let signature = SigningEncoding.hex(code)
        let authorization =
            "\(Self.algorithm) Access=\(accessKey), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        sent.append(("Authorization", authorization))
        return SignedRequest(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signedHeaders: signedHeaders,
            signature: signature, authorization: authorization, queryString: queryString,
            requestURI: queryString.isEmpty ? path : path + "?" + queryString, headers: sent
        )
    }
}

/// The outcome of ``RequestSigner/sign(method:host:path:query:headers:body:date:)``: what to send, and the
/// intermediate forms for diagnostics and tests. Holds no secret key.
public struct SignedRequest: Sendable {
    /// The six-part canonical request.
    public let canonicalRequest: String
    /// `SDK-HMAC-SHA256\n<date>\n<hex SHA-256 of the canonical request>`.
    public let stringToSign: String
    /// Lower-cased, sorted names of the signed headers, joined with `;`.
    public let signedHeaders: String
    /// Lower-case hex HMAC-SHA256 of the string to sign.
    public let signature: String
    /// The `Authorization` header value.
    public let authorization: String
    /// The query string to send (sorted and encoded as in the canonical request), without `?`; may be empty.
    public let queryString: String
    /// The path as given, plus `?` and ``queryString`` when there is a query.
    public let requestURI: String
    /// The headers to send, in order: the given ones (values trimmed), then any added `X-Sdk-Date`, `Host`,
    /// `X-Sdk-Content-Sha256`, and finally `Authorization`.
    public let headers: [(String, String)]
}
