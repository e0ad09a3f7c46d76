import CSBSClient
import Foundation
import Testing

@Suite("Redaction of secrets in traces")
struct RedactorTests {
    @Test(arguments: [
        ("OS_PASSWORD", true), ("HUAWEICLOUD_SDK_SK", false), ("sk", true), ("AK_SK", true), ("x-Auth-Token", true),
        ("clientSecret", true), ("SecurityToken", true), ("credentials", true), ("signature", true), ("tok", false),
        ("PASSWORDLESS", true), ("name", false), ("", false), ("ПАРОЛЬ", false), ("my_tokens", true),
    ])
    func secretFieldNamesAreRecognisedWhateverTheirCase(name: String, secret: Bool) {
        #expect(Redactor.isSecretField(name) == secret)
    }

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

    @Test func aPasswordInAURLsUserInfoIsMasked() {
        #expect(Redactor.url("http://admin:S3cr3tPass@127.0.0.1:8799/v3") == "http://admin:<redacted>@127.0.0.1:8799/v3")
        #expect(Redactor.url("https://user@host/p?limit=1") == "https://user@host/p?limit=1")
    }

    @Test func freeTextHasSecretsAndURLCredentialsMasked() {
        let text = #"token MIIsecretvalue1 at "http://ops:pw-Secret-1@h:1/x?token=t0k&limit=5" and abc"#
        #expect(
            Redactor.text(text, secrets: ["MIIsecretvalue1", "abc"])
                == #"token <redacted> at "http://ops:<redacted>@h:1/x?token=<redacted>&limit=5" and abc"#
        )
        #expect(Redactor.text("plain words", secrets: []) == "plain words")
    }
}
