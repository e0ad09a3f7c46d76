import Foundation
import Testing

/// Where the binary sends credentials, as a user sees it: refusals exit 78 before anything is sent.
@Suite("Credentials through the built binary")
struct CredentialRoutingCLITests {
    private let password = [
        "OS_USERNAME": "ops", "OS_PASSWORD": "pw-Secret-9", "OS_USER_DOMAIN_NAME": "acme", "OS_PROJECT_NAME": "cn-north-4",
    ]

    @Test func plainHTTPToAnotherMachineIsAConfigurationError() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        for (arguments, extra) in [
            (["--endpoint", "http://0.0.0.0:9", "-c", "vaults"], [:]),
            (["-c", "vaults"], ["CSBS_ENDPOINT": "http://127.evil.example:9"]),
        ] {
            let outcome = try await runner.run(arguments, environment: password.merging(extra) { $1 })
            #expect(outcome.status == 78, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("--allow-insecure-http"))
            #expect(!outcome.stderr.contains("pw-Secret-9"))
        }
    }

    @Test func aScriptsPlainHTTPEndpointIsRefusedToo() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(
            ["-c", "endpoint \"http://192.0.2.1:9\"\nvaults"],
            environment: password.merging(["CSBS_ENDPOINT": "http://127.0.0.1:9"]) { $1 }
        )
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("refusing to send credentials over plain http to http://192.0.2.1:9"), "\(outcome.stderr)")
    }

    @Test func allowingPlainHTTPIsSaidOnStderr() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // 192.0.2.1 (TEST-NET-1) is never reached within the short timeout; what matters is the warning first.
        let outcome = try await runner.run(
            ["--allow-insecure-http", "--endpoint", "http://127.0.0.1:9", "--iam-endpoint", "http://localhost:9", "-c", "vaults"],
            environment: password
        )
        #expect(!outcome.stderr.contains("plain http to"), "loopback needs no warning: \(outcome.stderr)")
        let other = try await runner.run(
            ["--allow-insecure-http", "--endpoint", "http://127.0.0.1:9", "--iam-endpoint", "http://iam.example.invalid:9", "-c", "vaults"],
            environment: password
        )
        #expect(other.stderr.contains("warning: sending credentials over plain http to http://iam.example.invalid:9"), "\(other.stderr)")
        #expect(other.stderr.contains("note: credentials go to IAM at http://iam.example.invalid:9"), "\(other.stderr)")
    }

    @Test func aGarbageCABundleIsAConfigurationError() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let bundle = try runner.write("garbage\n", to: "ca.pem")
        let outcome = try await runner.run(
            ["--ca-bundle", bundle, "--endpoint", "https://127.0.0.1:9", "-c", "vaults"], environment: password
        )
        #expect(outcome.status == 78, "\(outcome.stderr)")
    }
}
