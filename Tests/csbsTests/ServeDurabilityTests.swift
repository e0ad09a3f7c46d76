import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite("csbs serve: durability")
struct ServeDurabilityTests {
    /// What a creating call came back with.
    enum Outcome: Sendable {
        case vault(String)
        case checkpoint(String)
        case lost
    }

    static func vaultBody(_ name: String) -> String {
        #"{"vault": {"billing": {"cloud_type": "public", "consistent_level": "crash_consistent", "#
            + #""object_type": "server", "protect_type": "backup", "size": 200}, "name": "\#(name)", "resources": []}}"#
    }

    @Test("SIGKILL during concurrent creates loses no acknowledged vault or checkpoint; the restart reads consistently")
    func killAndRestart() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let database = runner.home + "/data/emulator.sqlite"
        let arguments = ["--db", database, "--port", "0", "--backup-duration", "0s"]
        let serve = try await ServeProcess.start(runner, arguments)
        let endpoint = serve.endpoint
        let project = try #require(serve.settings["OS_PROJECT_ID"])
        let token = try await serveToken(serve)
        let vaults = "\(endpoint)/v3/\(project)/vaults"
        let base = try await serveCall("POST", vaults, token: token, json: Self.vaultBody("base"))
        let baseID = try #require((base.json["vault"] as? [String: Any])?["id"] as? String)
        let added = try await serveCall(
            "POST", "\(vaults)/\(baseID)/addresources", token: token,
            json: #"{"resources": [{"id": "e8cc6bfd-d324-4b88-9109-9fb0ba70676f", "type": "OS::Nova::Server"}]}"#
        )
        #expect(added.status == 200)
        let checkpointBody = #"{"checkpoint": {"parameters": {"auto_trigger": false, "description": "d", "#
            + #""incremental": true, "name": "b", "resources": ["e8cc6bfd-d324-4b88-9109-9fb0ba70676f"]}, "#
            + #""vault_id": "\#(baseID)"}}"#

        var acknowledgedVaults: [String] = [baseID]
        var acknowledgedCheckpoints: [String] = []
        await withTaskGroup(of: Outcome.self) { group in
            for index in 0..<60 {
                group.addTask {
                    let isCheckpoint = index % 3 == 0
                    let url = isCheckpoint ? "\(endpoint)/v3/\(project)/checkpoints" : vaults
                    let body = isCheckpoint ? checkpointBody : Self.vaultBody("v\(index)")
                    guard let reply = try? await serveCall("POST", url, token: token, json: body), reply.status == 200
                    else { return .lost }
                    let key = isCheckpoint ? "checkpoint" : "vault"
                    guard let id = (reply.json[key] as? [String: Any])?["id"] as? String else { return .lost }
                    return isCheckpoint ? .checkpoint(id) : .vault(id)
                }
            }
            var seen = 0
            for await outcome in group {
                seen += 1
                switch outcome {
                case .vault(let id): acknowledgedVaults.append(id)
                case .checkpoint(let id): acknowledgedCheckpoints.append(id)
                case .lost: break
                }
                if seen == 30 { serve.kill() }  // the rest are in flight or not yet sent
            }
        }
        #expect(serve.process.terminationReason == .uncaughtSignal)
        #expect(acknowledgedVaults.count + acknowledgedCheckpoints.count >= 31)
        #expect(acknowledgedVaults.count > 1 && !acknowledgedCheckpoints.isEmpty)

        let restarted = try await ServeProcess.start(runner, arguments)
        defer { restarted.stop() }
        let newToken = try await serveToken(restarted)
        let listed = try await serveCall("GET", "\(restarted.endpoint)/v3/\(project)/vaults?limit=1000", token: newToken)
        let ids = (listed.json["vaults"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(listed.json["count"] as? Int == ids.count)
        #expect(Set(ids).count == ids.count, "no vault twice")
        for id in acknowledgedVaults {
            #expect(ids.filter { $0 == id }.count == 1, "acknowledged vault \(id) is there exactly once")
        }
        for id in acknowledgedCheckpoints {
            let shown = try await serveCall("GET", "\(restarted.endpoint)/v3/\(project)/checkpoints/\(id)", token: newToken)
            #expect(shown.status == 200, "acknowledged checkpoint \(id) is there")
            #expect((shown.json["checkpoint"] as? [String: Any])?["vault"] != nil || shown.status == 200)
        }
        let old = try await serveCall("GET", "\(restarted.endpoint)/v3/\(project)/vaults/\(baseID)", token: token)
        #expect(old.status == 200, "tokens issued before the kill still work")
    }
}
