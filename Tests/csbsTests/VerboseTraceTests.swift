import Foundation
import Testing

@Suite struct VerboseTraceTests {
    @Test func verboseTracesEveryRequestWithSecretsRedacted() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["-v", "-c", "vault \"traced\" size 10; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; backup wait"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("csbs: trace: → POST http://127.0.0.1:"))
        #expect(outcome.stderr.contains("/v3/auth/tokens"))
        #expect(outcome.stderr.contains("/checkpoints"))
        #expect(outcome.stderr.contains("X-Auth-Token: <redacted>"))
        // Neither the emulator's demo password nor any token value appears anywhere.
        let everything = outcome.stdout + outcome.stderr
        #expect(!everything.contains("csbs-demo-Passw0rd"))
        #expect(!everything.contains("MII"))
    }

    @Test func withoutVerboseThereIsNoTrace() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["-c", "vault \"quiet\" size 10"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("trace:"))
    }
}
