import CSBSClient
import CSBSDryRun
import CSBSScript
import Foundation
import Testing

/// The dry-run rules: what scripts created is found again, what they only name is assumed to exist, converging
/// statements show their creating requests; exit statuses as for a real run; the budget ends runaway loops.
@Suite("Dry-run rules")
struct DryRunRuleTests {
    /// The real-time bound is a safety net for fuzzing; a machine busy with parallel builds must not trip it here.
    private func dryRun(_ text: String, limits: DryRun.Limits = .init(timeLimit: .seconds(600))) async -> DryRunOutcome {
        var options = DryRun.Options()
        options.limits = limits
        options.currentDate = { Date(timeIntervalSince1970: 1_790_000_000) }
        return await DryRun.run(text, fileName: "test.csbs", options: options)
    }

    /// Method and path of every request, one string each.
    private func lines(_ outcome: DryRunOutcome) -> [String] {
        outcome.requests.map { $0.method + " " + $0.path }
    }

    @Test(arguments: [
        #"let n = "nul\u{0}x"; vault $n size 10"#, #"let n = "a b"; vault $n size 10"#,
        #"let n = "x/y"; policy $n every day at 01:00 keep 3"#, #"use vault "prod"; let n = "bad name"; backup name $n"#,
    ])
    func aComputedNameTheServiceRefusesIsNeverSent(script: String) async {
        let outcome = await dryRun(script)
        #expect(outcome.exitStatus != 0)
        #expect(!lines(outcome).contains { $0.hasPrefix("POST") }, "\(lines(outcome))")
        #expect(outcome.diagnosticIDs.contains("runtime.badArgument"), "\(outcome.diagnosticIDs)")
    }

    @Test func namedObjectsAreAssumedToExistUnderDerivedIDs() async {
        let outcome = await dryRun("""
            use vault "prod"
            attach server srv-1
            delete vault "prod" force
            """)
        #expect(outcome.exitStatus == 0, "\(outcome.transcript)")
        #expect(outcome.results.first?["id"] == .string("<vault:prod>"))
        #expect(lines(outcome).contains("POST /v3/{project_id}/vaults/<vault:prod>/addresources"))
        #expect(lines(outcome).last == "DELETE /v3/{project_id}/vaults/<vault:prod>")
    }

    @Test func setFormsOfAttachAndBackupRunDry() async {
        let outcome = await dryRun("""
            vault "fleet" size 1000
            let fleet = ["srv-a", "srv-b", "srv-c"]
            attach server $fleet
            backup server $fleet wait
            """)
        #expect(outcome.exitStatus == 0, "\(outcome.transcript)")
        #expect(outcome.results.first { $0.kind == "attach" }?["attached"] == .integer(3))
        #expect(lines(outcome).filter { $0.hasSuffix("/addresources") }.count == 1)
        let backup = outcome.results.last { $0.kind == "checkpoint" }
        #expect(backup?["status"] == .string("available"), "\(outcome.transcript)")
        guard case .list(let backups)? = backup?["backups"] else {
            Issue.record("no backups in \(String(describing: backup))")
            return
        }
        #expect(backups.count == 3)
    }

    @Test func convergingStatementsShowTheirCreatingPath() async {
        let outcome = await dryRun("""
            vault "prod" size 100
            vault "prod" size 100
            """)
        #expect(outcome.exitStatus == 0)
        // The first creates (and looks again for a namesake another process made at the same moment); the second
        // finds what the first created
        #expect(lines(outcome) == [
            "GET /v3/{project_id}/vaults?name=prod", "POST /v3/{project_id}/vaults", "GET /v3/{project_id}/vaults?name=prod",
            "GET /v3/{project_id}/vaults?name=prod",
        ])
        #expect(outcome.results.map { $0["action"] } == [.string("created"), .string("selected")])
        #expect(outcome.results.first?["id"] == .string("<vault-1>"))
    }

    @Test func aPolicyNamedButNotCreatedIsAssumedToExist() async {
        let outcome = await dryRun("""
            vault "v" size 10
            bind policy "nightly"
            """)
        #expect(outcome.exitStatus == 0, "\(outcome.transcript)")
        #expect(outcome.requests.last?.path == "/v3/{project_id}/vaults/<vault-1>/associatepolicy")
        #expect(outcome.requests.last?.body == #"{"policy_id":"<policy:nightly>"}"#)
    }

    @Test func backupsNamedByIDAreShownAndWaitsEndAtOnce() async {
        let outcome = await dryRun("""
            show backup abc-123
            vault "v" size 10
            attach server srv-1
            let cp = backup wait timeout 1m
            wait $cp.id
            sleep 2h
            """)
        #expect(outcome.exitStatus == 0, "\(outcome.transcript)")
        #expect(lines(outcome).first == "GET /v3/{project_id}/backups/abc-123")
        #expect(outcome.results.first?["id"] == .string("abc-123"))
        #expect(outcome.requests.contains { $0.body?.contains(#""name":"manualbk_00000000""#) == true })
        #expect(outcome.results.contains { $0.kind == "checkpoint" && $0["status"] == .string("available") })
    }

    @Test func contextStatementsSwitchToAnotherDryRunClient() async {
        let outcome = await dryRun("""
            region cn-north-4
            vaults
            """)
        #expect(outcome.exitStatus == 0, "\(outcome.transcript)")
        #expect(lines(outcome) == ["GET /v3/{project_id}/vaults?limit=100&offset=0"])
    }

    @Test(arguments: [
        ("assert false", Int32(1)), ("exit 3", Int32(3)), ("vault \"v\" size", Int32(65)), ("echo $nothing", Int32(65)),
        ("attach server x", Int32(70)),
    ])
    func exitStatusesAreThoseOfARealRun(_ text: String, _ status: Int32) async {
        let outcome = await dryRun(text)
        #expect(outcome.exitStatus == status, "\(outcome.transcript)")
        if status == 65 { #expect(outcome.requests.isEmpty) }
    }

    @Test func theRequestBudgetEndsALoopWithAClearError() async {
        let outcome = await dryRun("""
            on error continue
            for i in [1, 2, 3, 4, 5, 6] {
                vaults
            }
            """, limits: .init(maximumRequests: 3))
        #expect(outcome.budgetExceeded)
        #expect(outcome.exitStatus == 70)
        #expect(outcome.requests.count == 3)
        #expect(outcome.diagnosticIDs == ["dryRun.budgetExceeded"], "\(outcome.transcript)")
    }

    @Test func theResultBudgetEndsALoopWithoutRequests() async {
        let outcome = await dryRun("""
            for i in [1, 2, 3, 4, 5, 6] {
                echo "item ${i}"
            }
            """, limits: .init(maximumResults: 2))
        #expect(outcome.budgetExceeded)
        #expect(outcome.exitStatus == 70)
        #expect(outcome.results.count == 2)
        #expect(outcome.diagnosticIDs == ["dryRun.budgetExceeded"], "\(outcome.transcript)")
    }

    /// A dry run's answers never fail, so `retry` runs its body once; it says so first, with the plan.
    @Test func retryShowsItsPlanAndOneAttempt() async {
        let outcome = await dryRun("""
            vault "prod" size 100
            retry 4 every 10s backoff { backup wait }
            retry 2 { backup }
            """)
        #expect(outcome.exitStatus == 0, "\(outcome.transcript)")
        let plans = outcome.results.filter { $0.kind == "retry" }
        #expect(plans.map(\.summary) == [
            "retry: up to 4 attempts, waiting 10s, 20s, 40s; a dry run's answers never fail, so it shows the first",
            "retry: up to 2 attempts, one right after the other; a dry run's answers never fail, so it shows the first",
        ])
        #expect(plans.first?.jsonLine == #"{"kind":"retry","attempts":4,"every":"10s","backoff":true}"#)
        #expect(lines(outcome).filter { $0 == "POST /v3/{project_id}/checkpoints" }.count == 2, "one attempt each")
    }
}
