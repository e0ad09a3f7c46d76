import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `protect server ID [name …] [description …] [incremental] [wait [timeout D]]`: backs up one server with
    /// CSBS v1 and, with `wait`, waits until the backup is available.
    mutating func execute(_ statement: ProtectStmt) async throws -> ResultRecord {
        let server = try await stringValue(statement.server, what: "the server ID")
        let name = try await nameValue(statement.name, of: .csbsBackup, what: "the backup name")
        let description = try await stringValue(statement.description, what: "the description")
        var policy = WaitPolicy.default
        policy.timeout = try await durationValue(statement.wait?.timeout)
        let started = client.clock.now()
        let protection = ServerProtection(client: client)
        let start = try await protection.protect(
            server: server, name: name, description: description, incremental: statement.incremental
        )
        guard let item = start.backup, let wait = statement.wait else {
            return ProtectPresenter.record(start, server: server)
        }
        let final = try await waitReporting(
            "CSBS backup \(item.id)", initial: item.status, range: wait.range,
            leaves: .keepsRunning(noun: "CSBS backup", resume: item.id)
        ) { onUpdate in
            try await protection.waitUntilDone(item, policy: policy, observe: onUpdate)
        }
        let result = ProtectPresenter.record(
            start, final: final, server: server, elapsed: started.duration(to: client.clock.now())
        )
        if final.status != "available" {
            output.result(result)
            let message = SimpleDiagnosticMessage(
                id: MessageID(domain: "runtime", name: "protectFailed"),
                message: "CSBS backup \(final.id) ended in status '\(final.status)'"
            )
            throw RuntimeFailure.command(message, at: statement.range)
        }
        return result
    }
}
