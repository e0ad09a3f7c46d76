import CSBSClient
import CSBSSyntax

extension Interpreter {
    /// `protect server ID [name …] [description …] [incremental] [wait [timeout D]]`: backs up one server with
    /// CSBS v1 and, with `wait`, waits until the backup is available.
    mutating func execute(_ statement: ProtectStmt) async throws -> ResultRecord {
        let server = try stringValue(statement.server, what: "the server ID")
        let name = try statement.name.map { try stringValue($0, what: "the backup name") }
        let description = try statement.description.map { try stringValue($0, what: "the description") }
        var policy = WaitPolicy.default
        policy.timeout = try statement.wait?.timeout.map(durationValue)
        let started = client.clock.now()
        let record = try await client.protectServer(
            id: server, name: name, description: description, incremental: statement.incremental ? true : nil
        )
        let items = try await client.listCheckpointItems(CheckpointItemQuery(checkpointID: record.id))
        guard let item = items.first else {
            return protectRecord(checkpointID: record.id, itemID: nil, status: record.status, server: server, elapsed: nil)
        }
        guard let wait = statement.wait else {
            return protectRecord(checkpointID: record.id, itemID: item.id, status: item.status, server: server, elapsed: nil)
        }
        let final = try await waitReporting("CSBS backup \(item.id)", initial: item.status, range: wait.range) {
            onUpdate in
            try await client.waitForCheckpointItem(id: item.id, policy: policy) { update in
                onUpdate(update.value.status, update.value.isTerminal, update.elapsed, update.progress)
            }
        }
        let elapsed = started.duration(to: client.clock.now())
        let result = protectRecord(
            checkpointID: record.id, itemID: final.id, status: final.status, server: server, elapsed: elapsed
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

    private func protectRecord(
        checkpointID: String, itemID: String?, status: String, server: String, elapsed: Duration?
    ) -> ResultRecord {
        var fields: [ResultRecord.Field] = [
            .init("id", .string(itemID ?? checkpointID)), .init("checkpoint_id", .string(checkpointID)),
            .init("status", .string(status)), .init("server_id", .string(server)), .init("service", .string("csbs")),
        ]
        var summary = "CSBS backup \(itemID ?? checkpointID) \(status)"
        if let elapsed {
            fields.append(.init("elapsed_seconds", .seconds(elapsed.seconds)))
            summary += " after \(ResultRecord.formatSeconds(elapsed.seconds))"
        }
        summary += " of server \(server) (backup record \(checkpointID))"
        return ResultRecord(kind: "csbs_backup", fields: fields, summary: summary)
    }
}
