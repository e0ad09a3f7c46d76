@testable import CSBSEmulator
import AsyncHTTPClient
import CSBSClient
import CSBSEmulatorInterface
import Foundation
import NIOHTTP1
import Synchronization
import Testing

/// The control API over real HTTP and in Swift: clock, faults, request log, reset, state, seed.
@Suite("Emulator control")
struct ControlTests {
    static let vaults = "/v3/\(Seeded.project)/vaults"
    static let checkpoints = "/v3/\(Seeded.project)/checkpoints"

    /// Creates a vault holding the seeded server and returns its id.
    private func vaultWithServer(_ sender: SignedSender) async throws -> String {
        let created = try await sender.send(.POST, Self.vaults, body: EmulatorTestClient.vaultBody())
        let id = try #require((created.json["vault"] as? [String: Any])?["id"] as? String)
        let added = try await sender.send(
            .POST, "\(Self.vaults)/\(id)/addresources",
            body: #"{"resources": [{"id": "\#(Seeded.server)", "type": "OS::Nova::Server"}]}"#
        )
        #expect(added.status == 200)
        return id
    }

    private func checkpointBody(vault: String) -> String {
        #"{"checkpoint": {"parameters": {"auto_trigger": false, "description": "d", "incremental": true, "#
            + #""name": "b", "resources": ["\#(Seeded.server)"]}, "vault_id": "\#(vault)"}}"#
    }

    @Test("GET clock and POST clock/advance move emulator time; a backup settles without waiting")
    func clock() async throws {
        try await withSignedEmulator { emulator, sender, _ in
            let control = PlainHTTP(endpoint: emulator.endpoint)
            let before = try await control.send(.GET, "/csbs-emulator/v1/clock")
            #expect(before.json["now"] as? String == "2020-08-17T03:51:24.678916Z")
            #expect(before.json["scale"] as? Double == 1)
            let vault = try await vaultWithServer(sender)
            let created = try await sender.send(.POST, Self.checkpoints, body: checkpointBody(vault: vault))
            let id = try #require((created.json["checkpoint"] as? [String: Any])?["id"] as? String)
            let advanced = try await control.send(.POST, "/csbs-emulator/v1/clock/advance", json: #"{"seconds": 3600}"#)
            #expect(advanced.json["now"] as? String == "2020-08-17T04:51:24.678916Z")
            // The signer's date is the test clock's, which the advance leaves alone: still within the window.
            let shown = try await sender.send(.GET, "\(Self.checkpoints)/\(id)")
            #expect((shown.json["checkpoint"] as? [String: Any])?["status"] as? String == "available")
            let negative = try await control.send(.POST, "/csbs-emulator/v1/clock/advance", json: #"{"seconds": -5}"#)
            #expect(negative.status == 400)
        }
    }

    @Test("the time scale makes emulator time run faster than the base clock")
    func timeScale() async throws {
        let base = VirtualClock(start: EmulatorTestClient.seedFlowStart)
        let clock = EmulatorClock(base: base.dateSource, scale: 60)
        let start = clock.now()
        base.advance(by: .seconds(2))
        #expect(clock.now().timeIntervalSince(start) == 120)
        clock.setScale(1)
        base.advance(by: .seconds(2))
        #expect(clock.now().timeIntervalSince(start) == 122)
    }

    @Test("a counted 503 fault hits the next N matching requests only, and the log names it")
    func countedFault() async throws {
        try await withSignedEmulator { emulator, sender, _ in
            let id = await emulator.control.addFault(
                FaultRule(operation: "create_vault", count: 2, status: 503, errorCode: "BackupService.9910")
            )
            let body = EmulatorTestClient.vaultBody()
            let first = try await sender.send(.POST, Self.vaults, body: body)
            #expect(first.status == 503)
            #expect(first.errorCode == "BackupService.9910")
            #expect(try await sender.send(.GET, Self.vaults).status == 200)  // another operation
            #expect(try await sender.send(.POST, Self.vaults, body: body).status == 503)
            #expect(try await sender.send(.POST, Self.vaults, body: body).status == 200)
            let log = await emulator.control.requests()
            #expect(log.map(\.status) == [503, 200, 503, 200])
            #expect(log.map(\.fault) == [id, nil, id, nil])
            #expect(log.map(\.operation) == ["create_vault", "list_vault", "create_vault", "create_vault"])
            #expect(log.allSatisfy { $0.method == "GET" || $0.path == Self.vaults })
            #expect(await emulator.control.faults().isEmpty)
        }
    }

    @Test("429 with Retry-After and the gateway throttling body (with request_id)")
    func throttling() async throws {
        try await withSignedEmulator { emulator, sender, _ in
            let control = PlainHTTP(endpoint: emulator.endpoint)
            let added = try await control.send(
                .POST, "/csbs-emulator/v1/faults", json: #"{"operation": "*", "status": 429, "retry_after": 2}"#
            )
            #expect(added.status == 200)
            #expect((added.json["fault"] as? [String: Any])?["id"] as? String == "fault-1")
            let reply = try await sender.send(.GET, Self.vaults)
            #expect(reply.status == 429)
            #expect(reply.headers.first(name: "Retry-After") == "2")
            #expect(reply.errorCode == "APIGW.0308")
            #expect((reply.json["request_id"] as? String)?.isEmpty == false)
            #expect(try await control.send(.GET, "/csbs-emulator/v1/clock").status == 200)  // control API is exempt
            let listed = try await control.send(.GET, "/csbs-emulator/v1/faults")
            #expect((listed.json["faults"] as? [Any])?.count == 1)
            #expect(try await control.send(.DELETE, "/csbs-emulator/v1/faults").status == 204)
            #expect(try await sender.send(.GET, Self.vaults).status == 200)
            let bad = try await control.send(.POST, "/csbs-emulator/v1/faults", json: #"{"operation": "nope"}"#)
            #expect(bad.status == 400)
        }
    }

    @Test("a dropped connection after the service applied the request: no response, but the vault exists")
    func droppedAfter() async throws {
        try await withSignedEmulator { emulator, sender, _ in
            _ = await emulator.control.addFault(FaultRule(operation: "create_vault", count: 1, drop: true, phase: .after))
            await #expect(throws: (any Error).self) {
                _ = try await sender.send(.POST, Self.vaults, body: EmulatorTestClient.vaultBody())
            }
            let listed = try await sender.send(.GET, Self.vaults)
            #expect((listed.json["vaults"] as? [Any])?.count == 1)
            #expect(await emulator.control.requests().first?.status == nil)
        }
    }

    @Test("a dropped connection before: nothing is applied")
    func droppedBefore() async throws {
        try await withSignedEmulator { emulator, sender, _ in
            _ = await emulator.control.addFault(FaultRule(operation: "create_vault", count: 1, drop: true))
            await #expect(throws: (any Error).self) {
                _ = try await sender.send(.POST, Self.vaults, body: EmulatorTestClient.vaultBody())
            }
            let listed = try await sender.send(.GET, Self.vaults)
            #expect((listed.json["vaults"] as? [Any])?.count == 0)
        }
    }

    @Test("an error after the service applied the request replaces its response")
    func errorAfter() async throws {
        try await withSignedEmulator { emulator, sender, _ in
            _ = await emulator.control.addFault(FaultRule(operation: "create_vault", count: 1, status: 500, phase: .after))
            let replaced = try await sender.send(.POST, Self.vaults, body: EmulatorTestClient.vaultBody())
            #expect(replaced.status == 500)
            let listed = try await sender.send(.GET, Self.vaults)
            #expect((listed.json["vaults"] as? [Any])?.count == 1)
        }
    }

    @Test("latency goes through the injected sleeper")
    func latency() async throws {
        let slept = Mutex<[Duration]>([])
        try await withSignedEmulator(configure: { configuration in
            configuration.sleep = { duration in slept.withLock { $0.append(duration) } }
        }) { emulator, sender, _ in
            _ = await emulator.control.addFault(FaultRule(operation: "list_vault", latencyMs: 1500))
            let reply = try await sender.send(.GET, Self.vaults)
            #expect(reply.status == 200)
            #expect(slept.withLock { $0 } == [.milliseconds(1500)])
        }
    }

    @Test("checkpoint_error: the checkpoint is created but ends in error")
    func checkpointError() async throws {
        try await withSignedEmulator(configure: { configuration in
            configuration.faults = [FaultRule(operation: "create_checkpoint", count: 1, checkpointError: true)]
        }) { emulator, sender, clock in
            let vault = try await vaultWithServer(sender)
            let created = try await sender.send(.POST, Self.checkpoints, body: checkpointBody(vault: vault))
            #expect(created.status == 200)
            let id = try #require((created.json["checkpoint"] as? [String: Any])?["id"] as? String)
            clock.advance(by: .seconds(60))
            let shown = try await sender.send(.GET, "\(Self.checkpoints)/\(id)")
            #expect((shown.json["checkpoint"] as? [String: Any])?["status"] as? String == "error")
        }
    }

    @Test("probability draws come from the seed: the same seed hits the same requests")
    func seededProbability() async throws {
        func pattern(seed: UInt64) async throws -> [Int?] {
            var statuses: [Int?] = []
            try await withSignedEmulator(configure: { $0.seed = seed }) { emulator, sender, _ in
                _ = await emulator.control.addFault(FaultRule(operation: "list_vault", probability: 0.5, status: 503))
                for _ in 0..<12 { _ = try await sender.send(.GET, Self.vaults) }
                statuses = await emulator.control.requests().map(\.status)
            }
            return statuses
        }
        let first = try await pattern(seed: 7)
        #expect(try await pattern(seed: 7) == first)
        #expect(first.contains(503) && first.contains(200))
    }

    @Test("a seed makes ids and request ids reproducible")
    func seededIdentifiers() async throws {
        func run() async throws -> (String?, String?) {
            var result: (String?, String?) = (nil, nil)
            try await withSignedEmulator(configure: { $0.seed = 42 }) { _, sender, _ in
                let created = try await sender.send(.POST, Self.vaults, body: EmulatorTestClient.vaultBody())
                result = ((created.json["vault"] as? [String: Any])?["id"] as? String,
                          created.headers.first(name: "X-Request-Id"))
            }
            return result
        }
        let first = try await run()
        let second = try await run()
        #expect(first.0 != nil && first.1 != nil)
        #expect(first == second)
    }

    @Test("reset returns to the seeded state; the state dump masks secrets")
    func resetAndState() async throws {
        try await withSignedEmulator { emulator, sender, _ in
            let control = PlainHTTP(endpoint: emulator.endpoint)
            _ = try await sender.send(.POST, Self.vaults, body: EmulatorTestClient.vaultBody())
            _ = await emulator.control.addFault(FaultRule(operation: "show_vault", status: 500))
            let state = try await control.send(.GET, "/csbs-emulator/v1/state")
            let tables = try #require(state.json["tables"] as? [String: [[String: Any]]])
            #expect(tables["vault"]?.count == 1)
            #expect(tables["user"]?.allSatisfy { $0["password"] as? String == "***" } == true)
            let text = String(decoding: try await emulator.control.stateDump(), as: UTF8.self)
            #expect(!text.contains(EmulatorAccount.demo.password))
            #expect(!text.contains(EmulatorAccount.demo.secretAccessKey))

            #expect(try await control.send(.POST, "/csbs-emulator/v1/reset").status == 204)
            let listed = try await sender.send(.GET, Self.vaults)
            #expect((listed.json["vaults"] as? [Any])?.count == 0)
            #expect(await emulator.control.faults().isEmpty)
            #expect(await emulator.control.requests().count == 1)
        }
    }
}
