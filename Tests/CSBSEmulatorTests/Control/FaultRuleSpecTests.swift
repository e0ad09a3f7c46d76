import CSBSEmulator
import Testing

@Suite("Fault rule compact syntax")
struct FaultRuleSpecTests {
    @Test("every option parses")
    func options() throws {
        let rule = try FaultRule(
            spec: "create_checkpoint:status=503,code=BackupService.9910,count=2,probability=0.5,retry-after=3,"
                + "latency=250,after,msg=try again, later"
        )
        #expect(rule.operation == "create_checkpoint")
        #expect(rule.status == 503)
        #expect(rule.errorCode == "BackupService.9910")
        #expect(rule.count == 2)
        #expect(rule.probability == 0.5)
        #expect(rule.retryAfter == 3)
        #expect(rule.latencyMs == 250)
        #expect(rule.phase == .after)
        #expect(rule.errorMessage == "try again, later")
        #expect(try FaultRule(spec: "show_checkpoint:drop").drop == true)
        #expect(try FaultRule(spec: "create_checkpoint:checkpoint-error").checkpointError == true)
        #expect(try FaultRule(spec: "*").operation == "*")
    }

    @Test("bad specs are refused with a reason", arguments: [
        "", "no_such_operation:status=500", "list_vault:status=abc", "list_vault:status=200",
        "list_vault:probability=2", "list_vault:count=0", "list_vault:colour=red", "list_vault:checkpoint-error",
    ])
    func refused(_ spec: String) {
        #expect(throws: FaultSpecError.self) { try FaultRule(spec: spec) }
    }
}
