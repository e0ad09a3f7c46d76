import CSBSShell
import Testing

@Suite struct SecretDetectorTests {
    @Test(arguments: [
        #"profile prod password "hunter2""#,
        #"set password = "hunter2""#,
        "let sk = abcdef",
        #"login token "MIIabc""#,
        #"echo "CSBSdemoSecretKey00000000000000000000001""#,
        "x " + "MII" + String(repeating: "A", count: 200),
        #"OS_PASSWORD="x""#,
        // A string inside `${…}` is a string of its own (it was read as bare text between two strings)
        #"echo "key: ${k ?? "CSBSdemoSecretKey00000000000000000000001"}""#,
        #"echo "${x ?? "a ${y ?? "CSBSdemoSecretKey00000000000000000000001"}"}""#,
        #"echo "unclosed ${x ?? "CSBSdemoSecretKey00000000000000000000001"#,
    ])
    func linesWithSecretLiteralsAreSecret(_ line: String) {
        #expect(SecretDetector.containsSecret(line))
    }

    @Test(arguments: [
        #"vault "my_vault" size 200"#,
        "attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f",
        "set password = $env.OS_PASSWORD",
        #"echo "the password is read from the environment""#,
        "backup wait",
        #"echo "${join(names, ", ")} and ${x ?? "none"}: the token is in ${env.NAME}""#,
        #"echo "a { brace } and ${ {a: "}"}.a } then text""#,
        #"echo "your ${password} and ${token}""#,
        #"set password = "${env.OS_PASSWORD}""#,
    ])
    func ordinaryLinesAreNotSecret(_ line: String) {
        #expect(!SecretDetector.containsSecret(line))
    }
}

@Suite struct URLCredentialTests {
    @Test(arguments: [
        #"endpoint "http://admin:S3cr3tPass@127.0.0.1:8799""#,
        #"echo "see https://u:p@host/x""#,
        #"endpoint "https://cbr.example.com/v3?token=abc123""#,
        #"let u = "https://h/p?a=1&X-Auth-Token=MIIxyz""#,
        #"echo https://h/?password=pw#frag"#,
    ])
    func aURLCarryingACredentialIsASecret(line: String) {
        #expect(SecretDetector.containsSecret(line))
    }

    @Test(arguments: [
        #"endpoint "https://cbr.cn-north-4.myhuaweicloud.com""#,
        #"echo "mail me at ops@example.com""#,
        #"let u = "https://user@host/path?limit=10&offset=2""#,
    ])
    func aURLWithoutOneIsKept(line: String) {
        #expect(!SecretDetector.containsSecret(line))
    }
}
