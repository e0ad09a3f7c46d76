import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Testing

@Suite("File-backup clients (agents): register, list, show, update, paths, check, unregister")
struct AgentControllerTests {
    static let base = "/v3/\(Seeded.project)"

    static func register(_ emulator: EmulatorTestClient, id: String, host: String = "ecs-9f93-0002", token: String)
        async throws -> JSONResponse
    {
        let body = """
            {"agent": {"agent_id": "\(id)", "host_name": "\(host)", "host_ip": "192.168.0.10", "host_os": "Linux", \
            "agent_version": "2.1.0", "agent_type": "cloud"}}
            """
        return try await emulator.send(.post, "\(base)/agents", token: token, json: body)
    }

    @Test("a registered client is listed and shown with its paths; update marks it uninstalled; unregister removes it")
    func lifecycle() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let registered = try await Self.register(emulator, id: "agent-1", token: token)
            #expect(registered.status == .ok)
            #expect(registered.dictionary("agent")["status"] as? String == "available")
            #expect(registered.dictionary("agent")["host_ip"] as? String == "192.168.0.10")
            #expect(try await Self.register(emulator, id: "agent-2", host: "other-host", token: token).status == .ok)

            let added = try await emulator.send(
                .post, "\(Self.base)/agents/agent-1/add-path", token: token,
                json: #"{"add_path": ["/home", "/var/log"], "exclude_path": [{"path_name": "/home", "exclude_path_name": ["/home/tmp", "/home/cache"]}]}"#
            )
            #expect(added["added"] as? [String] == ["/home", "/var/log"])
            #expect(added["existed"] as? [String] == [])
            let again = try await emulator.send(
                .post, "\(Self.base)/agents/agent-1/add-path", token: token, json: #"{"add_path": ["/home", "C:\\data"]}"#
            )
            #expect(again["added"] as? [String] == ["C:\\data"])
            #expect(again["existed"] as? [String] == ["/home"])
            let removed = try await emulator.send(
                .post, "\(Self.base)/agents/agent-1/remove-path", token: token, json: #"{"remove_path": ["/var/log", "/tmp"]}"#
            )
            #expect(removed["removed"] as? [String] == ["/var/log"])
            #expect(removed["not_existed"] as? [String] == ["/tmp"])

            let shown = try await emulator.send(.get, "\(Self.base)/agents/agent-1", token: token)
            let paths = shown.dictionary("agent")["paths"] as? [[String: Any]] ?? []
            #expect(paths.map { $0["dir_path"] as? String } == ["/home", "C:\\data"])
            #expect(paths.first?["exclude_paths"] as? String == "/home/tmp,/home/cache")

            let listed = try await emulator.send(.get, "\(Self.base)/agents?limit=1&offset=1", token: token)
            #expect(listed["count"] as? Int == 2)
            #expect((listed["agents"] as? [[String: Any]])?.first?["agent_id"] as? String == "agent-2")
            let chosen = try await emulator.send(.get, "\(Self.base)/agents?agent_id=agent-2", token: token)
            #expect(chosen["count"] as? Int == 1)

            let check = #"{"agent_status": [{"resource_id": "\#(Seeded.server)", "resource_type": "OS::Nova::Server"}, {"resource_id": "\#(Seeded.secondServer)", "resource_type": "OS::Nova::Server"}]}"#
            let checked = try await emulator.send(.post, "\(Self.base)/agent/check", token: token, json: check)
            let statuses = checked["agent_status"] as? [[String: Any]] ?? []
            #expect(statuses.map { $0["installed"] as? Bool } == [true, false])
            #expect(statuses.first?["version"] as? String == "2.1.0")

            let updated = try await emulator.send(
                .put, "\(Self.base)/agents/agent-1", token: token, json: #"{"agent": {"status": "uninstall"}}"#
            )
            #expect(updated.dictionary("agent")["status"] as? String == "uninstall")
            let uninstalled = try await emulator.send(.get, "\(Self.base)/agents?status=uninstall", token: token)
            #expect(uninstalled["count"] as? Int == 1)
            let rechecked = try await emulator.send(.post, "\(Self.base)/agent/check", token: token, json: check)
            #expect((rechecked["agent_status"] as? [[String: Any]])?.first?["installed"] as? Bool == false)

            let deleted = try await emulator.send(.delete, "\(Self.base)/agents/agent-1", token: token)
            #expect(deleted.status == .ok)
            let gone = try await emulator.send(.get, "\(Self.base)/agents/agent-1", token: token)
            #expect(gone.errorCode == "BackupService.7403")
            let other = try await emulator.token(.other)
            let foreign = try await emulator.send(.get, "/v3/\(Seeded.otherProject)/agents/agent-2", token: other)
            #expect(foreign.errorCode == "BackupService.7403")
        }
    }

    @Test("bad bodies are 9900 before an unknown client (7403) or server (7100)")
    func errors() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            for body in [
                #"{"agent": {"host_name": "h", "host_ip": "1.2.3.4", "host_os": "Linux"}}"#,
                #"{"agent": {"agent_id": "a", "host_name": "h", "host_ip": "1.2.3.4", "host_os": "Linux", "agent_version": "2.x"}}"#,
                #"{"agent": {"agent_id": "a", "host_name": "h", "host_ip": "1.2.3.4", "host_os": "Linux", "agent_type": "edge"}}"#,
                #"{"agent": {"agent_id": "a\u0000", "host_name": "h", "host_ip": "1.2.3.4", "host_os": "Linux"}}"#,
            ] {
                let refused = try await emulator.send(.post, "\(Self.base)/agents", token: token, json: body)
                #expect(refused.errorCode == "BackupService.9900", "\(body)")
            }
            let unknown = "\(Self.base)/agents/missing"
            for (method, path, body) in [
                (HTTPRequest.Method.put, unknown, #"{"agent": {"status": "running"}}"#),
                (.post, "\(unknown)/add-path", #"{"add_path": []}"#),
                (.post, "\(unknown)/add-path", #"{"add_path": ["relative/dir"]}"#),
                (.post, "\(unknown)/remove-path", #"{}"#),
                (.post, "\(Self.base)/agent/check", #"{"agent_status": [{"resource_id": "x", "resource_type": "OS::Cinder::Volume"}]}"#),
                (.get, "\(Self.base)/agents?limit=0", nil),
            ] {
                let refused = try await emulator.send(method, path, token: token, json: body)
                #expect(refused.errorCode == "BackupService.9900", "\(path) \(body ?? "")")
            }
            #expect(try await emulator.send(.get, unknown, token: token).errorCode == "BackupService.7403")
            #expect(try await emulator.send(.delete, unknown, token: token).errorCode == "BackupService.7403")
            let add = try await emulator.send(.post, "\(unknown)/add-path", token: token, json: #"{"add_path": ["/data"]}"#)
            #expect(add.errorCode == "BackupService.7403")
            let check = #"{"agent_status": [{"resource_id": "\#(Seeded.otherProjectServer)", "resource_type": "OS::Nova::Server"}]}"#
            #expect(try await emulator.send(.post, "\(Self.base)/agent/check", token: token, json: check).errorCode == "BackupService.7100")
        }
    }
}
