import Foundation
import Testing

@testable import CSBSClient

/// The IAM login body, written as text, reads back as the JSON IAM expects whatever the names and password hold.
@Suite("IAM token request body")
struct IAMTokenRequestTests {
    private func parsed(_ credentials: PasswordCredentials) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: IAMTokenRequest.body(credentials))
        return try #require(object as? [String: Any])
    }

    private func field(_ object: [String: Any], _ path: String...) -> Any? {
        var current: Any? = object
        for key in path { current = (current as? [String: Any])?[key] }
        return current
    }

    @Test(arguments: [
        "plain", "quo\"te", "back\\slash", "new\nline", "tab\tcr\r", "bell\u{7}nul\u{0}esc\u{1b}", "ünïcödé 密码 🔐",
        "</script>", "\u{2028}\u{2029}", "",
    ])
    func everyValueReadsBackAsWritten(value: String) throws {
        let credentials = PasswordCredentials(
            userName: "user-" + value, password: value, domainName: "domain-" + value, project: .name("p-" + value)
        )
        let body = try parsed(credentials)
        let auth = try #require(body["auth"] as? [String: Any])
        #expect(field(auth, "identity", "methods") as? [String] == ["password"])
        #expect(field(auth, "identity", "password", "user", "name") as? String == "user-" + value)
        #expect(field(auth, "identity", "password", "user", "password") as? String == value)
        #expect(field(auth, "identity", "password", "user", "domain", "name") as? String == "domain-" + value)
        #expect(field(auth, "scope", "project", "name") as? String == "p-" + value)
        #expect(field(auth, "scope", "project", "id") == nil)
    }

    @Test func aProjectGivenByIDIsScopedByID() throws {
        let credentials = PasswordCredentials(userName: "u", password: "p", domainName: "d", project: .id("0605767b"))
        let auth = try #require(try parsed(credentials)["auth"] as? [String: Any])
        #expect(field(auth, "scope", "project", "id") as? String == "0605767b")
        #expect(field(auth, "scope", "project", "name") == nil)
    }
}
