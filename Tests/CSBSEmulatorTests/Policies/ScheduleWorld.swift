import AsyncHTTPClient
import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// A started emulator (real HTTP on 127.0.0.1) on a ``VirtualClock``, with the calls the policy schedule tests
/// make. Every call takes a fresh token, so the clock may jump days between calls.
struct ScheduleWorld: Sendable {
    let harness: EmulatorHarness
    let clock: VirtualClock

    static let project = EmulatorAccount.demo.projectID
    /// A seeded server with two disks.
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
    /// 2026-09-21T14:13:20Z (a Monday), the virtual clock's default start.
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// Runs `body` against a fresh emulator (in memory unless `path` names a file) whose clock starts at `start`
    /// and whose operations take `durations`, and always shuts it down.
    static func run<T>(
        path: String? = nil,
        start: Date = ScheduleWorld.start,
        durations: OperationDurations = OperationDurations(),
        _ body: (ScheduleWorld) async throws -> T
    ) async throws -> T {
        let clock = VirtualClock(start: start)
        let harness = try await EmulatorHarness.start(backupDuration: durations.backup) { configuration in
            configuration.durations = durations
            configuration.now = { clock.date }
            if let path { configuration.storage = .file(path: path) }
        }
        let world = ScheduleWorld(harness: harness, clock: clock)
        do {
            let value = try await body(world)
            await harness.shutdown()
            return value
        } catch {
            await harness.shutdown()
            throw error
        }
    }

    /// Moves virtual time forward.
    func advance(hours: Double) {
        clock.advance(by: .milliseconds(Int64(hours * 3_600_000)))
    }

    /// Sends a CBR request with a fresh token and decodes the JSON object body (empty when there is none).
    /// Pass `token` to reuse one (a token is a write: it makes the emulator drop its cached responses).
    func send(
        _ method: HTTPMethod, _ path: String, json: String? = nil, token: String? = nil
    ) async throws -> SignedSender.Reply {
        var value = token
        if value == nil { value = try await self.token() }
        return try await call(method, "/v3/\(Self.project)" + path, json: json, token: value)
    }

    /// A fresh project-scoped token (valid 24 hours of virtual time).
    func token() async throws -> String {
        let reply = try await call(.POST, "/v3/auth/tokens?nocatalog=true", json: EmulatorTestClient.tokenBody(.demo))
        return try #require(reply.headers.first(name: "X-Subject-Token"))
    }

    /// Creates a server vault, optionally holding the seeded server, and returns its id.
    func vault(withServer: Bool = true) async throws -> String {
        let created = try await send(.POST, "/vaults", json: EmulatorTestClient.vaultBody())
        #expect(created.status == 200)
        let id = try #require((created.json["vault"] as? [String: Any])?["id"] as? String)
        if withServer {
            let body = #"{"resources": [{"id": "\#(Self.server)", "type": "OS::Nova::Server"}]}"#
            #expect(try await send(.POST, "/vaults/\(id)/addresources", json: body).status == 200)
        }
        return id
    }

    /// Creates a backup policy with these patterns and `operation_definition` members, and returns its id.
    func policy(
        patterns: [String] = ["FREQ=DAILY;INTERVAL=1;BYHOUR=15;BYMINUTE=00"],
        definition: String = #""max_backups": -1"#,
        enabled: Bool = true
    ) async throws -> String {
        let list = patterns.map { "\"\($0)\"" }.joined(separator: ", ")
        let body = """
            {"policy": {"name": "nightly", "operation_type": "backup", "enabled": \(enabled), \
            "operation_definition": {\(definition)}, "trigger": {"properties": {"pattern": [\(list)]}}}}
            """
        let created = try await send(.POST, "/policies", json: body)
        #expect(created.status == 200, "\(created.json)")
        return try #require((created.json["policy"] as? [String: Any])?["id"] as? String)
    }

    /// Binds a policy to a vault.
    func associate(_ policy: String, vault: String) async throws {
        let reply = try await send(.POST, "/vaults/\(vault)/associatepolicy", json: #"{"policy_id": "\#(policy)"}"#)
        #expect(reply.status == 200)
    }

    /// The vault's top-level backups, newest first.
    func backups(vault: String) async throws -> [[String: Any]] {
        let reply = try await send(.GET, "/backups?vault_id=\(vault)&sort=created_at:desc")
        #expect(reply.status == 200)
        return reply.json["backups"] as? [[String: Any]] ?? []
    }

    /// The vault's automatic backups that are not being deleted, newest first.
    func keptAutomaticBackups(vault: String) async throws -> [[String: Any]] {
        try await backups(vault: vault).filter {
            ($0["extend_info"] as? [String: Any])?["auto_trigger"] as? Bool == true
                && $0["status"] as? String != "deleting"
        }
    }

    /// A manual checkpoint of the vault; returns its backup's id once the create answered.
    func manualBackup(vault: String) async throws -> String {
        let body = #"{"checkpoint": {"vault_id": "\#(vault)", "parameters": {"name": "manual"}}}"#
        let reply = try await send(.POST, "/checkpoints", json: body)
        #expect(reply.status == 200)
        return try #require((reply.json["checkpoint"] as? [String: Any])?["id"] as? String)
    }

    private func call(
        _ method: HTTPMethod, _ path: String, json: String?, token: String? = nil
    ) async throws -> SignedSender.Reply {
        var request = HTTPClientRequest(url: harness.emulator.endpoint + path)
        request.method = method
        if let token { request.headers.add(name: "X-Auth-Token", value: token) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 1 << 24)
        let object = (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
        return SignedSender.Reply(status: Int(response.status.code), headers: response.headers, json: object)
    }
}
