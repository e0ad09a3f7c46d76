@testable import CSBSEmulator
import CSBSTestSupport
import Foundation
import Testing

/// The emulator's own canonical form against every official-signer vector in `shared/api/aksk-vectors.json`.
@Suite("Canonical request (emulator side)")
struct CanonicalRequestTests {
    /// The request as the server receives it: the sent URI and the sent headers named in `SignedHeaders`.
    private func received(_ vector: AKSKVector) throws -> CanonicalRequest {
        let header = try #require(SignatureHeader(vector.expected.authorization))
        let sent = Dictionary(uniqueKeysWithValues: vector.expected.headersSent.map { ($0.key.lowercased(), $0.value) })
        let headers = try header.signedHeaders.map { name in (name: name, value: try #require(sent[name])) }
        let bodyHash = SHA256Digest.hex(SHA256Digest.hash(Array(vector.input.body.utf8)))
        return CanonicalRequest(
            method: vector.input.method, target: vector.expected.requestUriSent, headers: headers, payloadHash: bodyHash
        )
    }

    @Test("every vector: canonical request, string to sign and signature", arguments: try AKSKVector.load())
    func vector(_ vector: AKSKVector) throws {
        let canonical = try received(vector)
        #expect(canonical.text == vector.expected.canonicalRequest)
        #expect(canonical.stringToSign(date: vector.input.xSdkDate) == vector.expected.stringToSign)
        #expect(canonical.signature(secret: vector.input.sk, date: vector.input.xSdkDate) == vector.expected.signature)
        #expect(try #require(SignatureHeader(vector.expected.authorization)).signedHeaders.joined(separator: ";")
            == vector.expected.signedHeaders)
    }

    @Test("the vectors cover a query, an encoded path and a body")
    func coverage() throws {
        let vectors = try AKSKVector.load()
        #expect(vectors.count >= 3)
        #expect(vectors.contains { $0.expected.requestUriSent.contains("?") })
        #expect(vectors.contains { $0.expected.requestUriSent.contains("%") })
        #expect(vectors.contains { !$0.input.body.isEmpty })
    }

    @Test("an encoded slash in a segment splits it, like the official signer")
    func encodedSlash() {
        #expect(CanonicalRequest.canonicalURI("/v3/a%2Fb") == "/v3/a/b/")
        #expect(CanonicalRequest.canonicalURI("/v3/x/") == "/v3/x/")
    }

    @Test("SHA-256 and HMAC-SHA256 known answers (FIPS 180-4, RFC 4231 case 2)")
    func digests() {
        #expect(SHA256Digest.hex(SHA256Digest.hash(Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex(SHA256Digest.hash(Array(repeating: UInt8(ascii: "a"), count: 1000)))
            == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(SHA256Digest.hex(SHA256Digest.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("malformed Authorization values are refused", arguments: [
        "", "SDK-HMAC-SHA256", "Bearer x", "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=zz",
        "SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=" + String(repeating: "a", count: 64),
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=Host, Signature=" + String(repeating: "a", count: 64),
    ])
    func malformed(_ value: String) {
        #expect(SignatureHeader(value) == nil)
    }
}
