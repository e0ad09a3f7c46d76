import Testing

/// An example runbook, what to set up before it, how many fault runs it gets, and what counts as a duplicate
/// (or a lost object) in the state it leaves.
///
/// Every run starts from a fresh emulator, so "duplicated" is defined against one run of the script: each
/// creating statement the script runs once may leave at most one object (one vault per `vault NAME`, one
/// restore point per `backup`, one restore per `restore`, one policy per `policy NAME`, one binding per
/// `bind policy`, one CSBS backup per `protect server`). When the run succeeds, exactly that one must exist
/// (nothing the service acknowledged is lost).
struct FaultScenario: Sendable, CustomTestStringConvertible {
    var example: String
    var prelude: String = ""
    /// Runs in CI (``ExampleRunbooksUnderFaultsTests/runsOverride`` replaces it).
    var runs: Int
    /// The share of runs that must succeed (the rest must end in a typed error): faults must not stop most runs.
    var minimumSuccessRate = 0.75
    /// For a script that reports its own failures and then runs `exit N`: that exit status and the line it
    /// prints first. Such a run ends in a clear error of the script's own making, not a crash.
    var reportedExit: (status: Int32, marker: String)?
    /// The findings about the state a run left (empty when it is fine).
    var check: @Sendable (FaultRun.Report) -> [String]

    var testDescription: String { example }

    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"

    static let all: [FaultScenario] = [
        seedCBR, seedCSBS, preUpgrade, restoreDrill, nightlyPolicy, errorReport, cleanup, backupFleet, backupProd,
        pruneBackups, drillDeadline,
    ]

    /// The demo project's other two running servers, besides ``server``.
    static let secondServer = "1a503932-ee8f-4dd5-8248-8dfb57e584c5"
    static let thirdServer = "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25"
    /// The demo project's stopped server (CBR cannot back it up).
    static let stoppedServer = "4b6c1f0e-8a2d-4e57-9c3b-1d0f7e5a2c94"

    /// `vault "my_vault"`, `attach server`, `backup … wait`.
    static let seedCBR = FaultScenario(example: "seed-cbr.csbs", runs: 100) { report in
        var findings = atMostOne(report, vault: "my_vault", checkpoints: true)
        if report.succeeded {
            findings += exactlyOne(report, vault: "my_vault", attached: server)
        }
        return findings
    }

    /// `protect server … wait`: one CSBS backup, which the script then restores and deletes (gone on success).
    static let seedCSBS = FaultScenario(example: "seed-csbs.csbs", runs: 100) { report in
        let items = report.after.rows("csbsItem").count
        var findings: [String] = []
        if items > 1 { findings.append("\(items) CSBS backups for one 'protect server'") }
        if report.succeeded && items != 0 { findings.append("succeeded but \(items) CSBS backups are left") }
        return findings
    }

    /// `vault "pre-upgrade"`, one `attach` per server, one `backup … wait`, an assert.
    static let preUpgrade = FaultScenario(example: "pre-upgrade.csbs", runs: 25) { report in
        var findings = atMostOne(report, vault: "pre-upgrade", checkpoints: true)
        if report.succeeded {
            findings += exactlyOne(report, vault: "pre-upgrade", attached: server)
            if !report.transcript.contains("gate open:") { findings.append("succeeded without opening the gate") }
        }
        return findings
    }

    /// `vault "drill-vault"`, `attach`, `backup … wait`, one `restore … wait`.
    static let restoreDrill = FaultScenario(example: "restore-drill.csbs", runs: 25) { report in
        var findings = atMostOne(report, vault: "drill-vault", checkpoints: true)
        let restores = report.after.restores.count
        if restores > 1 { findings.append("\(restores) restores for one 'restore'") }
        if report.succeeded {
            findings += exactlyOne(report, vault: "drill-vault", attached: server)
            if restores != 1 { findings.append("succeeded but \(restores) restores exist") }
        }
        return findings
    }

    /// `vault "prod-vault"`, `attach`, two `policy NAME`, one `bind policy`. Lost answers to `create policy` and
    /// `associate policy` are reconciled by the client (policies of that name that were not there before; the
    /// vault's bound policies), so this example meets the usual bar.
    static let nightlyPolicy = FaultScenario(
        example: "nightly-policy.csbs", runs: 25
    ) { report in
        var findings = atMostOne(report, vault: "prod-vault", checkpoints: true)
        let state = report.after
        let nightly = state.rows("policy", where: "name", is: "nightly-prod")
        let weekend = state.rows("policy", where: "name", is: "weekend-prod")
        let bindings = state.rows("vaultPolicy")
        if nightly.count > 1 { findings.append("\(nightly.count) policies named nightly-prod") }
        if weekend.count > 1 { findings.append("\(weekend.count) policies named weekend-prod") }
        if bindings.count > 1 { findings.append("\(bindings.count) policy bindings for one 'bind policy'") }
        if report.succeeded {
            findings += exactlyOne(report, vault: "prod-vault", attached: server, restorePoints: 0)
            if nightly.count != 1 || weekend.count != 1 { findings.append("succeeded without both policies") }
            let bound = bindings.first.map { $0["policyId"] == nightly.first?["id"] } ?? false
            if !bound { findings.append("succeeded but prod-vault is not bound to nightly-prod") }
        }
        return findings
    }

    /// `on error continue`, `vault "error-report"`, an `attach` of a server that does not exist.
    static let errorReport = FaultScenario(example: "error-report.csbs", runs: 25) { report in
        var findings = atMostOne(report, vault: "error-report", checkpoints: true)
        let attached = report.after.rows("vaultResource").count
        if attached != 0 {
            findings.append("\(attached) resources attached; the script attaches only a missing server")
        }
        if !report.transcript.contains("could not attach: ") { findings.append("the failed attach was not reported") }
        return findings
    }

    /// Three backups made before the faults start (two 10 days old, one new); the script deletes the two old ones.
    static let cleanup = FaultScenario(
        example: "cleanup-old-backups.csbs",
        prelude: """
            vault "cleanup-vault" size 100
            attach server \(server)
            backup name "old-1" wait
            backup name "old-2" wait
            sleep 10d
            backup name "new" wait
            """,
        runs: 25
    ) { report in
        var findings: [String] = []
        let before = StateSnapshot.ids(report.before.checkpoints)
        let after = StateSnapshot.ids(report.after.checkpoints)
        if !after.subtracting(before).isEmpty { findings.append("a cleanup created restore points") }
        let newest = report.after.topLevelBackups.filter { $0["name"] == .some("new") }
        if newest.count != 1 || newest.first?["deletingUntil"] != .some(nil) {
            findings.append("the newest backup was deleted (it must always be kept)")
        }
        if report.succeeded {
            let old = report.after.topLevelBackups.filter {
                $0["name"] != .some("new") && $0["deletingUntil"] == .some(nil)
            }
            if !old.isEmpty { findings.append("succeeded but \(old.count) old backups are still there") }
            if !report.transcript.contains("1 of 3 backups kept") { findings.append("wrong summary line") }
        }
        return findings
    }

    /// `vault "fleet-backups"`, then `for s in $fleet parallel 16` with one `attach` and one `backup server … wait`
    /// per server it may back up, under `on error continue`; `exit 70` after "fleet backup incomplete:" when any
    /// server failed. The prelude puts the third server in another vault, so of the four demo servers two are
    /// backed up, one is skipped as stopped and one as protected elsewhere.
    static let backupFleet = FaultScenario(
        example: "backup-fleet.csbs",
        prelude: """
            vault "other-vault" size 100
            attach server \(thirdServer)
            """,
        runs: 25,
        reportedExit: (70, "fleet backup incomplete: ")
    ) { report in
        var findings: [String] = []
        let state = report.after
        let vaults = state.vaults(named: "fleet-backups")
        if vaults.count > 1 { findings.append("\(vaults.count) vaults named fleet-backups") }
        let fleetID = vaults.first?["id"] ?? nil
        let attached = fleetID.map { id in state.rows("vaultResource", where: "vaultId", is: id) } ?? []
        let attachedIDs = attached.compactMap { $0["resourceId"] ?? nil }
        for skipped in [thirdServer, stoppedServer] where attachedIDs.contains(skipped) {
            findings.append("\(skipped) was attached to fleet-backups although the script skips it")
        }
        if attachedIDs.count != Set(attachedIDs).count { findings.append("a server is attached twice: \(attachedIDs)") }
        // One restore point per `backup server`, one top-level backup of its one server in it.
        let points = state.checkpoints.filter { $0["vaultId"] == .some(fleetID) }
        if points.count > 2 { findings.append("\(points.count) restore points for two 'backup server'") }
        let fleetPoints = StateSnapshot.ids(points)
        let backedUp = state.topLevelBackups.filter { fleetPoints.contains(($0["checkpointId"] ?? nil) ?? "") }
            .compactMap { $0["resourceId"] ?? nil }
        for resource in Set(backedUp) where backedUp.filter({ $0 == resource }).count > 1 {
            findings.append("\(backedUp.filter { $0 == resource }.count) backups of \(resource) in fleet-backups")
        }
        let otherVault = state.vaults(named: "other-vault").first?["id"] ?? nil
        let third = state.rows("vaultResource", where: "resourceId", is: thirdServer)
        if third.count != 1 || third.first?["vaultId"] != .some(otherVault) {
            findings.append("\(thirdServer) is no longer only in other-vault")
        }
        let skippedLines = report.transcript.split(separator: "\n").filter { $0.contains("skipped ") }.count
        // A run can stop before the loop (e.g. `vault` failed); one that got through it skipped exactly two.
        let finishedLoop = report.succeeded || report.transcript.contains("fleet backup incomplete: ")
        if skippedLines > 2 || (finishedLoop && skippedLines != 2) {
            findings.append("\(skippedLines) 'skipped' lines, expected 2")
        }
        if report.succeeded {
            if vaults.count != 1 { findings.append("succeeded but \(vaults.count) vaults named fleet-backups exist") }
            for server in [server, secondServer] {
                if !attachedIDs.contains(server) { findings.append("succeeded but \(server) is not attached") }
                let count = backedUp.filter { $0 == server }.count
                if count != 1 { findings.append("succeeded but \(server) has \(count) backups in fleet-backups") }
            }
            if !report.transcript.contains("fleet backup complete: 4 servers looked at, vault fleet-backups") {
                findings.append("succeeded without the summary line")
            }
        }
        return findings
    }

    /// `vault "prod-backups"`, then per production server (the second and third) a `retry 3` of `attach` and a
    /// one-server `backup server … wait`; `exit 1` after "servers failed:" when any server failed all three times.
    static let backupProd = FaultScenario(
        example: "backup-prod.csbs", runs: 25, reportedExit: (1, "servers failed:")
    ) { report in
        var findings: [String] = []
        let vaults = report.after.vaults(named: "prod-backups")
        if vaults.count > 1 { findings.append("\(vaults.count) vaults named prod-backups") }
        // At most one restore point per attempt: three attempts for each of the two servers.
        let points = report.after.checkpoints.count
        if points > 6 { findings.append("\(points) restore points for two servers of three attempts each") }
        for other in [server, stoppedServer] where report.after.rows("vaultResource", where: "resourceId", is: other)
            .count > 0
        {
            findings.append("\(other) is not a production server but was attached")
        }
        if report.succeeded {
            for prod in [secondServer, thirdServer] {
                findings += exactlyOne(report, vault: "prod-backups", attached: prod, restorePoints: points)
                let backups = report.after.topLevelBackups.filter { $0["resourceId"] == .some(prod) }
                if backups.isEmpty { findings.append("succeeded but \(prod) has no backup") }
            }
            if !report.transcript.contains("prod backup: all 2 production servers backed up") {
                findings.append("succeeded without the summary line")
            }
        }
        return findings
    }

    /// Four backups of one server made before the faults start (three 40 days old, one new); the script deletes the
    /// two old automatic ones (`autobk_…`) and keeps the manual one and the newest.
    static let pruneBackups = FaultScenario(
        example: "prune-backups.csbs",
        prelude: """
            vault "prune-vault" size 100
            attach server \(server)
            backup name "autobk_1" wait
            backup name "manual" wait
            backup name "autobk_2" wait
            sleep 40d
            backup name "autobk_3" wait
            """,
        runs: 25,
        reportedExit: (1, "deletes failed:")
    ) { report in
        var findings: [String] = []
        let before = StateSnapshot.ids(report.before.checkpoints)
        let after = StateSnapshot.ids(report.after.checkpoints)
        if !after.subtracting(before).isEmpty { findings.append("a cleanup created restore points") }
        for kept in ["autobk_3", "manual"] {
            let rows = report.after.topLevelBackups.filter { $0["name"] == .some(kept) }
            if rows.count != 1 || rows.first?["deletingUntil"] != .some(nil) { findings.append("\(kept) was deleted") }
        }
        if report.succeeded {
            let old = report.after.topLevelBackups.filter {
                ($0["name"] == .some("autobk_1") || $0["name"] == .some("autobk_2")) && $0["deletingUntil"] == .some(nil)
            }
            if !old.isEmpty { findings.append("succeeded but \(old.count) old automatic backups are still there") }
            if !report.transcript.contains("retention cleanup: 2 deleted") { findings.append("wrong summary line") }
        }
        return findings
    }

    /// `vault "drill-vault"`, `attach`, one `backup server … wait`, one `restore … wait`, inside a `try` that
    /// reports any failure with "drill failed" and `exit 1`.
    static let drillDeadline = FaultScenario(
        example: "drill-deadline.csbs", runs: 25, reportedExit: (1, "drill failed")
    ) { report in
        var findings = atMostOne(report, vault: "drill-vault", checkpoints: true)
        let restores = report.after.restores.count
        if restores > 1 { findings.append("\(restores) restores for one 'restore'") }
        if report.succeeded {
            findings += exactlyOne(report, vault: "drill-vault", attached: server)
            if restores != 1 { findings.append("succeeded but \(restores) restores exist") }
            if !report.transcript.contains("drill passed in ") { findings.append("succeeded without the summary line") }
        }
        return findings
    }

    /// No second vault of that name; with `checkpoints`, no second restore point.
    static func atMostOne(_ report: FaultRun.Report, vault: String, checkpoints: Bool) -> [String] {
        var findings: [String] = []
        let vaults = report.after.vaults(named: vault).count
        if vaults > 1 { findings.append("\(vaults) vaults named \(vault)") }
        let points = report.after.checkpoints.count
        if checkpoints && points > 1 { findings.append("\(points) restore points for one 'backup'") }
        return findings
    }

    /// After a successful run: the vault exists once, holds `attached`, and has `restorePoints` restore points.
    static func exactlyOne(
        _ report: FaultRun.Report, vault: String, attached: String, restorePoints: Int = 1
    ) -> [String] {
        var findings: [String] = []
        let vaults = report.after.vaults(named: vault)
        guard vaults.count == 1, let id = vaults[0]["id"] ?? nil else {
            return ["succeeded but \(vaults.count) vaults named \(vault) exist"]
        }
        let resources = report.after.rows("vaultResource", where: "vaultId", is: id)
        if !resources.contains(where: { $0["resourceId"] == .some(attached) }) {
            findings.append("succeeded but \(attached) is not attached to \(vault)")
        }
        let points = report.after.rows("checkpoint", where: "vaultId", is: id).count
        if points != restorePoints { findings.append("succeeded but \(vault) has \(points) restore points") }
        return findings
    }
}

extension FaultRun.Report {
    var succeeded: Bool {
        if case .success = outcome { return true }
        return false
    }
}
