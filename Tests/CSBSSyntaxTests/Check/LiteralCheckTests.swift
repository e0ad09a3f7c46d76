import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// Every literal the service or the language would refuse at run time is an error of `check`, before anything runs.
@Suite struct LiteralCheckTests {
    @Test(arguments: [
        ("exit 1️⃣256", "check.exitStatusOutOfRange"),
        ("exit 1️⃣-1", "check.exitStatusOutOfRange"),
        ("exit 1️⃣abc", "check.exitStatusOutOfRange"),
        ("sleep 1️⃣-5s", "check.invalidDuration"),
        ("sleep 1️⃣abc", "check.expectedDuration"),
        ("sleep 1️⃣5", "check.expectedDuration"),
        ("sleep 1️⃣36501d", "check.invalidDuration"),
        ("backups since 1️⃣9223372036854775807s", "check.invalidDuration"),
        ("backup wait timeout 1️⃣99999999d", "check.invalidDuration"),
        ("policy p every day at 02:00 keep 1️⃣0", "check.keepOutOfRange"),
        ("policy p every day at 02:00 keep 1️⃣100000", "check.keepOutOfRange"),
        ("policy p every day at 02:00 retain 1️⃣100000d", "check.retainOutOfRange"),
        ("for x in 1️⃣5 { echo $x }", "check.expectedList"),
        ("for x in 1️⃣\"a b\" { echo $x }", "check.expectedList"),
        ("vault v size 10 tag 1️⃣\"a*\"=1", "check.invalidTag"),
        ("vault v size 10 tag 1️⃣k=\"1234567890123456789012345678901234567890abcd\"", "check.invalidTag"),
        ("vault y size 1️⃣0", "check.vaultSizeOutOfRange"),
        ("vault y size 1️⃣9", "check.vaultSizeOutOfRange"),
        ("vault y size 1️⃣10485761", "check.vaultSizeOutOfRange"),
        ("resize vault y size 1️⃣0", "check.vaultSizeOutOfRange"),
        ("vault 1️⃣\"my vault\" size 10", "check.invalidName"),
        ("vault 1️⃣\"\" size 10", "check.invalidName"),
        ("vault 1️⃣a12345678901234567890123456789012345678901234567890123456789012345 size 10", "check.invalidName"),
        ("vault v size 10\nbackup name 1️⃣\"nightly.1\"", "check.invalidName"),
        ("vault v size 10\nbackup description 1️⃣\"<b>\"", "check.invalidDescription"),
        ("protect server abc name 1️⃣\"a/b\"", "check.invalidName"),
        ("policy 1️⃣\"every night\" every day at 02:00", "check.invalidName"),
        ("backups limit 1️⃣0", "check.limitOutOfRange"),
        ("backups status 1️⃣availble", "check.invalidFilter"),
        ("backups status 1️⃣Available", "check.invalidFilter"),
        ("backups status 1️⃣success", "check.invalidFilter"),
        ("tasks type 1️⃣bakup", "check.invalidFilter"),
        ("tasks status 1️⃣available", "check.invalidFilter"),
    ])
    func aLiteralTheServiceRefusesIsAnErrorOfCheck(source: String, id: String) {
        assertCheckDiagnostics(source, [DiagSpec("1️⃣", id: id)])
    }

    @Test(arguments: [
        "exit 0", "exit 255", "exit $1", "sleep 5s", "sleep $1", "sleep \"5s\"", "backups since 36500d",
        "for x in [1, 2] { echo $x }", "for x in $args { echo $x }", "vault \"日志-1_a\" size 10 tag env=prod tier=1",
        "vault v size 10485760", "resize vault v size 1", "policy p every day at 02:00 keep 99999",
        "policy p every day at 02:00 retain 30d", "backup name \"pre-${1}\"", "exit \"3\"",
        "backups status waiting_restore", "backups status $1", "tasks type vault_delete status \"failed\"",
    ])
    func valuesTheServiceTakesOrThatAreComputedPass(source: String) {
        assertCheckDiagnostics(source, [])
    }

    @Test func messagesStateTheRule() {
        assertCheckDiagnostics("exit 1️⃣256", [
            DiagSpec("1️⃣", id: "check.exitStatusOutOfRange", message: "'exit' takes a status from 0 to 255, not 256")
        ])
        assertCheckDiagnostics("backups since 1️⃣9223372036854775807s", [
            DiagSpec("1️⃣", id: "check.invalidDuration", message: "a duration must be at most 36500d (100 years)")
        ])
        assertCheckDiagnostics("vault 1️⃣\"my vault\" size 10", [
            DiagSpec(
                "1️⃣", id: "check.invalidName",
                message: "a vault name may hold only letters, digits, '_' or '-'; a space is not allowed")
        ])
        // `backups status availble` was sent, and the service's answer was "Invalid status 'availble'".
        assertCheckDiagnostics("backups status 1️⃣availble", [
            DiagSpec(
                "1️⃣", id: "check.invalidFilter",
                message: "'availble' is not a backup status; did you mean 'available'? (available, protecting, deleting, "
                    + "restoring, error, waiting_protect, waiting_delete, waiting_restore)")
        ])
        assertCheckDiagnostics("tasks type 1️⃣snapshot", [
            DiagSpec(
                "1️⃣", id: "check.invalidFilter",
                message: "'snapshot' is not a task type: one of backup, replication, copy, restore, delete, vault_delete, "
                    + "remove_resource, sync, migrate_resources, update_expiration_time")
        ])
        assertCheckDiagnostics("for x in 1️⃣5 { echo $x }", [
            DiagSpec("1️⃣", id: "check.expectedList", message: "'for' goes over a list, such as [1, 2] or $vaults, not 5")
        ])
    }

    @Test func literalsInBlocksSourcedFilesAndCapturesAreChecked() {
        let options = CheckOptions(loader: { path, _ in .success(SourceFile(name: path, text: "exit 300")) })
        let result = assertCheckDiagnostics("if true { let v = vault y size 1️⃣0 }\nsource \"lib.csbs\"", [
            DiagSpec("1️⃣", id: "check.vaultSizeOutOfRange")
        ], options: options)
        #expect(result.diagnostics.map { "\($0.file.name) \($0.diagnostic.id)" }.last == "lib.csbs check.exitStatusOutOfRange")
    }

    @Test func theRulesAreTheServicesOwn() {
        #expect(ServiceRules.nameProblem("vault_1-a", of: .vault) == nil)
        #expect(ServiceRules.nameProblem(String(repeating: "a", count: 65), of: .vault) != nil)
        #expect(ServiceRules.nameProblem(String(repeating: "a", count: 255), of: .csbsBackup) == nil)
        #expect(ServiceRules.tagProblem(key: "a", value: "") == nil)
        #expect(ServiceRules.tagProblem(key: "", value: "x") != nil)
        #expect(ServiceRules.tagProblem(key: "a|b", value: "x") != nil)
        #expect(ServiceRules.durationProblem(.seconds(-1)) != nil)
    }
}
