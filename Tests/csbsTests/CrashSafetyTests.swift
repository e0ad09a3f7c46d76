import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The issue's crash-safety bar, end to end with real processes: `csbs serve` on a database file is killed with
/// SIGKILL while a csbs script is in the middle of many creating calls (a vault, an attach and a backup per
/// server, eight servers at a time); the server restarts on the same file and the same script is run again.
/// It must converge.
///
/// "Converges" means, precisely, for every server `s_i` of the script:
/// - exactly one vault is named `crash-<s_i>`, and `s_i` is attached to it (and to no other vault);
/// - every vault, attachment and restore point the first run was told about (its `--json` results) still exists;
/// - the vault holds one restore point from the second run, plus one from the first run if the first run was told
///   about it, plus at most one more for a backup call that was in flight when the server died (at most
///   `parallel N` vaults can have one); so no restore point is duplicated beyond one per run.
@Suite("Crash safety: SIGKILL of csbs serve in the middle of a script", .serialized)
struct CrashSafetyTests {
    static let serverCount = 24
    /// How many servers the script works on at once (`for … parallel N`).
    static let parallelism = 8

    /// The servers of the test inventory, `5eed…0000` to `5eed…000F`.
    static let servers = (0..<serverCount).map { String(format: "5eed0000-0000-4000-8000-%012x", $0) }

    @Test func aRerunAfterAKilledServerConvergesWithoutLossOrDuplicates() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let inventory = try runner.write(Self.inventoryJSON(), to: "inventory.json")
        let script = try runner.write(Self.script(), to: "crash.csbs")
        let database = runner.home + "/data/emulator.sqlite"
        let arguments = ["--db", database, "--port", "0", "--backup-duration", "0s", "--inventory", inventory]

        // Given a script part-way through its creating calls when the server is killed
        let serve = try await ServeProcess.start(runner, arguments)
        let first = try await ScriptProcess.run(runner, script: script, serve: serve, killAfterResults: 20)
        #expect(serve.process.terminationReason == .uncaughtSignal)
        #expect(first.status != 0, "the interrupted run reports its failures; stderr: \(first.stderr)")
        #expect(first.reason == .exit, "the interrupted run exits, it does not crash")
        #expect(!first.stderr.isEmpty)
        #expect(first.results.count >= 20 && first.results.count < 3 * Self.serverCount)

        // When the server restarts on the same file and the script runs again
        let restarted = try await ServeProcess.start(runner, arguments)
        defer { restarted.stop() }
        let second = try await ScriptProcess.run(runner, script: script, serve: restarted, killAfterResults: nil)
        #expect(second.status == 0, "stderr: \(second.stderr)")

        // Then every server is in exactly one vault of its own, and nothing acknowledged is lost or duplicated
        let state = try await Self.state(restarted)
        let firstAcknowledged = Set(first.results.filter { $0["kind"] as? String != "error" }.compactMap { $0["id"] as? String })
        let stored = Set((state["vault"] ?? []).compactMap { $0["id"] as? String })
            .union((state["checkpoint"] ?? []).compactMap { $0["id"] as? String })
            .union((state["vaultResource"] ?? []).compactMap { $0["resourceId"] as? String })
        #expect(firstAcknowledged.subtracting(stored).isEmpty, "lost: \(firstAcknowledged.subtracting(stored))")

        let firstCheckpoints = Set(first.results.filter { $0["kind"] as? String == "checkpoint" }.compactMap {
            $0["vault_id"] as? String
        })
        var inFlightExtras = 0
        for server in Self.servers {
            let vaults = (state["vault"] ?? []).filter { $0["name"] as? String == "crash-\(server)" }
            guard vaults.count == 1, let vaultID = vaults[0]["id"] as? String else {
                Issue.record("\(vaults.count) vaults named crash-\(server)")
                continue
            }
            let attached = (state["vaultResource"] ?? []).filter { $0["resourceId"] as? String == server }
            #expect(attached.map { $0["vaultId"] as? String } == [vaultID], "server \(server)")
            let points = (state["checkpoint"] ?? []).filter { $0["vaultId"] as? String == vaultID }.count
            let expected = 1 + (firstCheckpoints.contains(vaultID) ? 1 : 0)
            if points == expected + 1 { inFlightExtras += 1 } else {
                #expect(points == expected, "vault crash-\(server) holds \(points) restore points")
            }
        }
        #expect(
            inFlightExtras <= Self.parallelism,
            "\(inFlightExtras) vaults hold a restore point no run was told about; \(Self.parallelism) can be in flight"
        )
    }

    /// One vault per server, the server attached, one backup: three creating calls per server.
    static func script() -> String {
        let list = servers.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            let servers = [\(list)]
            for s in $servers parallel \(parallelism) {
                vault "crash-${s}" size 10
                attach server $s
                backup name "crash" wait timeout 5m
            }
            """
    }

    /// The inventory `csbs serve --inventory` reads: the test servers, one system disk each.
    static func inventoryJSON() -> String {
        let entries = servers.enumerated().map { index, id in
            let disk = String(format: "d15c0000-0000-4000-8000-%012x", index)
            return #"{"id": "\#(id)", "name": "crash-\#(index)", "status": "ACTIVE", "#
                + #""availability_zone": "cn-north-4a", "#
                + #""disks": [{"id": "\#(disk)", "name": "crash-\#(index)-sys", "size_gb": 40, "bootable": true}]}"#
        }
        return #"{"servers": [\#(entries.joined(separator: ", "))]}"#
    }

    /// The emulator's tables (`GET /csbs-emulator/v1/state`).
    static func state(_ serve: ServeProcess) async throws -> [String: [[String: Any]]] {
        let reply = try await serveCall("GET", serve.endpoint + "/csbs-emulator/v1/state")
        return reply.json["tables"] as? [String: [[String: Any]]] ?? [:]
    }
}

/// A `csbs --json run SCRIPT` child process against a served emulator, read line by line as it runs.
struct ScriptProcess {
    var status: Int32
    var reason: Process.TerminationReason
    /// The `--json` result objects, in order.
    var results: [[String: Any]]
    var stderr: String

    /// Runs the script; with `killAfterResults`, SIGKILLs `serve` as soon as that many results are printed.
    static func run(
        _ runner: CommandRunner, script: String, serve: ServeProcess, killAfterResults: Int?
    ) async throws -> ScriptProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = ["--json", "--endpoint", serve.endpoint, "run", script]
        var environment = runner.environment()
        for (name, value) in serve.settings where name.hasPrefix("OS_") { environment[name] = value }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Blocking reads happen on a dispatch thread, not on the test's cooperative pool.
        let reader = output.fileHandleForReading
        let serverID = serve.process.processIdentifier
        let lines: [String] = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var buffer = Data()
                var lines: [String] = []
                var killed = false
                while true {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }
                    buffer.append(chunk)
                    while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                        lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                        buffer.removeSubrange(buffer.startIndex...newline)
                    }
                    if let limit = killAfterResults, !killed, lines.count >= limit {
                        kill(serverID, SIGKILL)
                        killed = true
                    }
                }
                continuation.resume(returning: lines)
            }
        }
        let stderr = try await offThePool {
            let stderr = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return stderr
        }
        if killAfterResults != nil { serve.kill() }
        let results = lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        return ScriptProcess(
            status: process.terminationStatus, reason: process.terminationReason, results: results,
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}
