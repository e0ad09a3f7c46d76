import CSBSClient
import Foundation
import Testing

@Suite("Redaction of secrets in traces")
struct RedactorTests {
    @Test func secretHeadersAreMaskedWhateverTheirCase() {
        let headers = Redactor.headers([
            ("x-auth-token", "MIIsecret"), ("Authorization", "SDK-HMAC-SHA256 Access=AK, Signature=abc"),
            ("X-Security-Token", "sts"), ("X-Subject-Token", "MIIother"), ("Accept", "application/json"),
        ])
        #expect(headers.map(\.value) == ["<redacted>", "<redacted>", "<redacted>", "<redacted>", "application/json"])
    }

    @Test func passwordsInNestedBodiesAreMasked() throws {
        let body = #"{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"ops","password":"pw-Secret-1"}}}}}"#
        let text = try #require(Redactor.body(Data(body.utf8)))
        #expect(!text.contains("pw-Secret-1"))
        #expect(text.contains("\"name\":\"ops\""))
        #expect(text.contains("<redacted>"))
    }

    @Test func nonJSONBodiesAreShownOnlyByTheirSize() {
        #expect(Redactor.body(Data("<html>password=x</html>".utf8)) == "<23 bytes, not JSON>")
        #expect(Redactor.body(nil) == nil)
    }

    @Test func secretQueryValuesAreMasked() {
        #expect(
            Redactor.url("https://h/v3/p?name=a&X-Auth-Token=abc&security_token=s")
                == "https://h/v3/p?name=a&X-Auth-Token=<redacted>&security_token=<redacted>"
        )
    }
}
