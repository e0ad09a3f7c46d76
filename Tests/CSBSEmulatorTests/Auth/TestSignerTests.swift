import CSBSTestSupport
import Foundation
import Testing

/// The tests' own signer against every official-signer vector in `shared/api/aksk-vectors.json`: the emulator's
/// verifier is tested with requests this signer makes, so it must sign exactly as the official SDK does.
@Suite("Test signer (independent of the client and the emulator)")
struct TestSignerTests {
    @Test("every vector: canonical request, request URI and Authorization", arguments: try AKSKVector.load())
    func vector(_ vector: AKSKVector) throws {
        let (host, encodedPath) = vector.hostAndPath
        let path = try #require(encodedPath.removingPercentEncoding)
        let signer = TestSigner(accessKey: vector.input.ak, secretKey: vector.input.sk)
        let signed = signer.sign(
            method: vector.input.method, host: host, path: path, query: vector.query,
            headers: vector.input.headers.map { ($0.key, $0.value) }, body: Array(vector.input.body.utf8),
            date: vector.input.xSdkDate
        )
        #expect(signed.canonicalRequest == vector.expected.canonicalRequest)
        #expect(signed.requestURI == vector.expected.requestUriSent)
        let sent = Dictionary(uniqueKeysWithValues: signed.headers.map { ($0.name, $0.value) })
        #expect(sent == vector.expected.headersSent)
    }

    @Test("X-Sdk-Date is yyyyMMddTHHmmssZ in UTC")
    func sdkDate() {
        #expect(TestSigner.sdkDate(Date(timeIntervalSince1970: 1_704_164_645)) == "20240102T030405Z")
    }
}
