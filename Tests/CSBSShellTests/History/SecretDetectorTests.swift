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
    ])
    func ordinaryLinesAreNotSecret(_ line: String) {
        #expect(!SecretDetector.containsSecret(line))
    }
}
