import CSBSClient
@testable import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

/// The units the language shows, against the API reference: a vault's `billing.used` is MB (shown as `used_gb`),
/// `size` GB; elapsed times are seconds to a tenth, as people read them.
@Suite("Units of sizes and times")
struct UnitsTests {
    @Test func usedIsMegabytesOnTheWireAndGigabytesInTheLanguage() {
        let vault = Vault(id: "v", name: "v", billing: Billing(size: 100, used: 10_240))
        #expect(vault.billing?.usedGB == 10)
        let row = VaultPresenter.row(vault)
        #expect(row["used_gb"] == .number(10))
        #expect(row["size_gb"] == .integer(100))
        let partial = VaultPresenter.row(Vault(id: "v", name: "v", billing: Billing(size: 100, used: 1_500)))
        #expect(partial["used_gb"]?.description == "1.46")
    }

    /// `assert $v.used_gb <= $v.size_gb` holds after a backup (it failed when MB passed for GB).
    @Test func aVaultUsesLessThanItsSizeAfterABackup() async throws {
        let output = CollectingOutput()
        let script = """
            vault "units" size 100
            attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f
            let cp = backup wait
            let all = vaults
            assert $all[0].used_gb <= $all[0].size_gb "used ${all[0].used_gb} of ${all[0].size_gb}"
            assert $all[0].used_gb > 0
            echo "${cp.elapsed_seconds}"
            """
        let outcome = try await withEmulator(backupDuration: .milliseconds(2_107)) { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            return try await interpreter.checkAndRun(SourceFile(name: "t.csbs", text: script))
        }
        if case .failure = outcome { Issue.record("\(output.transcript)") }
        let elapsed = output.results.last { $0.kind == "echo" }?.summary ?? ""
        #expect(elapsed.count <= 4, "elapsed seconds to a tenth, not \(elapsed)")
    }

    @Test func elapsedSecondsAreRoundedToATenth() {
        #expect(Value.seconds(2.106794261) == .number(2.1))
        #expect(Value.seconds(2.106794261).description == "2.1")
        #expect(Value.seconds(3).description == "3")
    }

    /// A parallel loop's summary keeps the unit of duration items under `--json` (it printed `1s` as `1`).
    @Test func durationsKeepTheirUnitInJSON() async throws {
        let output = CollectingOutput()
        _ = try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            return try await interpreter.checkAndRun(
                SourceFile(name: "t.csbs", text: "for x in [1s, 250ms] parallel 2 { echo $x }\necho {t: 5m}")
            )
        }
        let summary = try #require(output.results.first { $0.kind == "parallel" })
        #expect(summary.jsonLine.contains(#"{"item":"1s","status":"succeeded"},{"item":"250ms","#), "\(summary.jsonLine)")
        #expect(output.results.last?.summary == #"{"t":"5m"}"#)
    }
}
