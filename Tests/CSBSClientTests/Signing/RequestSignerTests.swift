import CSBSClient
import CSBSTestSupport
import Foundation
import Testing

@Suite("AK/SK signing (SDK-HMAC-SHA256)")
struct RequestSignerTests {
    @Test("every vector of aksk-vectors.json", arguments: try AKSKVector.load())
    func vector(_ vector: AKSKVector) {
        let (host, path) = vector.hostAndPath
        let signer = RequestSigner(accessKey: vector.input.ak, secretKey: vector.input.sk)
        let signed = signer.sign(
            method: vector.input.method, host: host, path: path, query: vector.query,
            headers: vector.input.headers.map { ($0.key, $0.value) }, body: Data(vector.input.body.utf8),
            date: vector.input.xSdkDate
        )
        #expect(signed.canonicalRequest == vector.expected.canonicalRequest)
        #expect(signed.stringToSign == vector.expected.stringToSign)
        #expect(signed.signedHeaders == vector.expected.signedHeaders)
        #expect(signed.signature == vector.expected.signature)
        #expect(signed.authorization == vector.expected.authorization)
        #expect(signed.requestURI == vector.expected.requestUriSent)
        // The JSON object loses the order, so names (exact case) and values are compared; no duplicates.
        #expect(signed.headers.count == vector.expected.headersSent.count)
        #expect(Dictionary(signed.headers) { first, _ in first } == vector.expected.headersSent)
        #expect(signed.headers.last?.0 == "Authorization")
    }

    @Test func theVectorFileHasAllDocumentedCases() throws {
        let names = try AKSKVector.load().map(\.name)
        #expect(names.count >= 3)
        #expect(names.contains("delete_tag_encoded_path_and_unsigned_underscore_header"))
    }

    @Test func percentEncodingKeepsOnlyUnreservedCharacters() {
        #expect(SigningEncoding.percentEncode("a b") == "a%20b")
        #expect(SigningEncoding.percentEncode("*") == "%2A")
        #expect(SigningEncoding.percentEncode("~-._AZaz09") == "~-._AZaz09")
        #expect(SigningEncoding.percentEncode(":/?=&+") == "%3A%2F%3F%3D%26%2B")
        #expect(SigningEncoding.percentEncode("ü€") == "%C3%BC%E2%82%AC")
    }

    @Test func canonicalURIDecodesThenEncodesAndEndsWithSlash() {
        #expect(SigningEncoding.canonicalURI("/v3/p/vaults") == "/v3/p/vaults/")
        #expect(SigningEncoding.canonicalURI("/v3/p/vaults/") == "/v3/p/vaults/")
        #expect(SigningEncoding.canonicalURI("") == "/")
        #expect(SigningEncoding.canonicalURI("/tags/env%20name~%c3%bc") == "/tags/env%20name~%C3%BC/")
        #expect(SigningEncoding.canonicalURI("/a%2Fb") == "/a/b/")
    }

    @Test func canonicalQuerySortsRawPairsAndKeepsRepeatedKeys() {
        let query = [("status", "error"), ("b", "2"), ("status", "available"), ("a b", "x*y")]
        #expect(SigningEncoding.canonicalQuery(query) == "a%20b=x%2Ay&b=2&status=available&status=error")
        #expect(SigningEncoding.canonicalQuery([]) == "")
    }

    @Test func sdkDateIsCompactUTC() {
        #expect(SigningEncoding.sdkDate(Date(timeIntervalSince1970: 1_704_164_645)) == "20240102T030405Z")
        #expect(SigningEncoding.sdkDate(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(SigningEncoding.sdkDate(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
        #expect(SigningEncoding.sdkDate(Date(timeIntervalSince1970: 4_107_542_399.9)) == "21000228T235959Z")
        #expect(SigningEncoding.sdkDate(Date(timeIntervalSince1970: -1)) == "19691231T235959Z")
    }

    /// The arithmetic date agrees with a UTC Gregorian calendar across leap years, century years and eras.
    @Test func sdkDateAgreesWithTheCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        var seconds: Int64 = -2_208_988_800  // 1900-01-01
        while seconds < 7_258_118_400 {  // 2200-01-01
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(
                format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0
            )
            #expect(SigningEncoding.sdkDate(date) == expected)
            seconds += 86_400 * 13 + 3_601 * 7 + 17  // walks every month, weekday and time of day
        }
    }

    private func sign(_ headers: [(String, String)], body: String = "") -> SignedRequest {
        RequestSigner(accessKey: "AK", secretKey: "SK").sign(
            method: "put", host: "example.com:8443", path: "/v3/p/x", query: [], headers: headers,
            body: Data(body.utf8), date: "20240102T030405Z"
        )
    }

    @Test func underscoreHeadersAreSentButNotSigned() {
        let signed = sign([("X_Custom", "v"), ("X-Trace", "t")])
        #expect(signed.signedHeaders == "host;x-sdk-date;x-trace")
        #expect(signed.headers.contains { $0.0 == "X_Custom" && $0.1 == "v" })
        #expect(!signed.canonicalRequest.contains("x_custom"))
    }

    @Test func headerValuesAreTrimmedForSigningAndSending() {
        let signed = sign([("X-Trace", "  padded value \t")])
        #expect(signed.canonicalRequest.contains("\nx-trace:padded value\n"))
        #expect(signed.headers.first { $0.0 == "X-Trace" }?.1 == "padded value")
    }

    @Test func addedHeadersFollowTheGivenOnesAndAuthorizationComesLast() {
        let signed = sign([("Accept", "application/json")])
        #expect(signed.headers.map(\.0) == ["Accept", "X-Sdk-Date", "Host", "Authorization"])
        #expect(signed.headers.first { $0.0 == "Host" }?.1 == "example.com:8443")
        #expect(signed.canonicalRequest.hasPrefix("PUT\n/v3/p/x/\n\naccept:application/json\n"))
    }

    @Test func givenDateAndHostHeadersAreUsedAsTheyAre() {
        let signed = sign([("host", "other:1"), ("x-sdk-date", "20200101T000000Z")])
        #expect(signed.headers.map(\.0) == ["host", "x-sdk-date", "Authorization"])
        #expect(signed.stringToSign.hasPrefix("SDK-HMAC-SHA256\n20200101T000000Z\n"))
        #expect(signed.canonicalRequest.contains("host:other:1\n"))
    }

    @Test func nonJSONContentIsUnsignedPayload() {
        let binary = sign([("Content-Type", "application/octet-stream")], body: "data")
        #expect(binary.headers.contains { $0.0 == "X-Sdk-Content-Sha256" && $0.1 == "UNSIGNED-PAYLOAD" })
        #expect(binary.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
        #expect(binary.signedHeaders == "content-type;host;x-sdk-content-sha256;x-sdk-date")
        for type in ["application/json;charset=utf-8", "application/bson"] {
            let signed = sign([("Content-Type", type)], body: "{}")
            #expect(!signed.headers.contains { $0.0 == "X-Sdk-Content-Sha256" })
            #expect(signed.canonicalRequest.hasSuffix(
                "\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
            ))
        }
        let none = sign([], body: "")
        #expect(none.canonicalRequest.hasSuffix("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
    }

    @Test func descriptionsNeverShowTheSecretKey() {
        let signer = RequestSigner(accessKey: "AK-visible", secretKey: "SK-hidden-123")
        #expect("\(signer)".contains("AK-visible"))
        #expect(!"\(signer)".contains("SK-hidden-123"))
        let keys = AccessKeyCredentials(
            accessKey: "AK", secretKey: "SK-hidden-123", securityToken: "TOK-456", projectID: "p"
        )
        #expect(!"\(keys)".contains("SK-hidden-123") && !"\(keys)".contains("TOK-456"))
        #expect(!"\(Credentials.accessKey(keys))".contains("SK-hidden-123"))
    }
}
