import Foundation
import HTTPTypes
import Hummingbird

/// Verifies `SDK-HMAC-SHA256` signed requests (API reference §6.3) against the stored access keys and
/// the signers' clock (``BackupProgress/signingClock``): date skew, unknown keys, bad signatures (five lock the key
/// for five minutes), and the security token of temporary keys. Secrets and signatures never reach errors or logs.
struct AccessKeyVerifier: Sendable {
    static let authorizationHeader = HTTPField.Name("Authorization")!
    static let dateHeader = HTTPField.Name("X-Sdk-Date")!
    static let contentHashHeader = HTTPField.Name("X-Sdk-Content-Sha256")!
    static let securityTokenHeader = HTTPField.Name("X-Security-Token")!

    /// How far `X-Sdk-Date` may be from the signers' clock.
    static let maximumSkew: TimeInterval = 15 * 60
    /// Bad signatures in a row that lock a key.
    static let lockThreshold = 5
    /// How long a locked key stays locked, on the signers' clock.
    static let lockDuration: TimeInterval = 5 * 60
    /// The largest body the verifier hashes (the body middleware refuses larger ones first).
    static let bodyLimit = RequestBodyBuffering.limit

    let store: EmulatorStore
    let clock: @Sendable () -> Date

    /// The key and user behind a correctly signed request.
    /// - Throws: 401 `APIGW.0301` ``EmulatorError``s for every failure.
    func verify(_ request: Request, authorization: String) async throws -> (AccessKeyRecord, UserRecord) {
        guard let header = SignatureHeader(authorization) else {
            throw EmulatorError.malformedAuthorization("expected SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=….")
        }
        guard header.signedHeaders.contains("x-sdk-date"), let dateText = request.headers[Self.dateHeader],
            let date = SigningDate.parse(dateText)
        else { throw EmulatorError.missingSigningDate }
        let now = clock()
        guard abs(date.timeIntervalSince(now)) <= Self.maximumSkew else {
            throw EmulatorError.signatureExpired(signatureTime: dateText, serverTime: SigningDate.format(now))
        }
        guard let (key, user) = try await store.accessKey(header.accessKeyID) else {
            throw EmulatorError.unknownAccessKey(header.accessKeyID)
        }
        let nowMicros = WireTime.micros(now)
        if let lockedUntil = key.lockedUntil, nowMicros < lockedUntil { throw EmulatorError.accessKeyLocked }

        let expected = try await canonicalRequest(request, signedHeaders: header.signedHeaders)
            .signature(secret: key.secret, date: dateText)
        guard Self.constantTimeEqual(expected, header.signature) else {
            let lockUntil = nowMicros + Int64(Self.lockDuration * 1_000_000)
            try await store.recordBadSignature(accessKeyID: key.id, limit: Self.lockThreshold, lockUntil: lockUntil)
            throw EmulatorError.badSignature
        }
        if key.failedAttempts > 0 { try await store.recordGoodSignature(accessKeyID: key.id) }
        if let token = key.securityToken,
            !Self.constantTimeEqual(token, request.headers[Self.securityTokenHeader] ?? "")
        {
            throw EmulatorError.invalidSecurityToken
        }
        return (key, user)
    }

    /// The canonical request rebuilt from the raw request line, the signed headers and the body.
    func canonicalRequest(_ request: Request, signedHeaders: [String]) async throws -> CanonicalRequest {
        var headers: [(name: String, value: String)] = []
        for name in signedHeaders {
            guard let value = Self.headerValue(request, name) else {
                throw EmulatorError.malformedAuthorization("the signed header \(name) is not in the request.")
            }
            headers.append((name, value))
        }
        let payloadHash: String
        if let declared = request.headers[Self.contentHashHeader] {
            payloadHash = declared
        } else {
            var copy = request
            let body = try await copy.collectBody(upTo: Self.bodyLimit)
            payloadHash = SHA256Digest.hex(SHA256Digest.hash(Array(body.readableBytesView)))
        }
        return CanonicalRequest(
            method: request.method.rawValue, target: request.head.path ?? "/", headers: headers, payloadHash: payloadHash
        )
    }

    /// A header's value by lower-case name; `host` is the request's authority (HTTP/1 `Host`).
    private static func headerValue(_ request: Request, _ name: String) -> String? {
        if name == "host" { return request.head.authority }
        guard let field = HTTPField.Name(name) else { return nil }
        let values = request.headers[values: field]
        return values.isEmpty ? nil : values.joined(separator: ",")
    }

    /// Compares two strings in time that depends only on their lengths.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let (left, right) = (Array(lhs.utf8), Array(rhs.utf8))
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
