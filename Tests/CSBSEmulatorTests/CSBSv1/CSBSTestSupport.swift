@testable import CSBSEmulator
import CSBSClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// CSBS paths and helpers over a live emulator on 127.0.0.1.
enum CSBSPaths {
    static let provider = "fc4d5750-22e7-4798-8a46-f48f62c4c1da"
    static let base = "/v1/\(Seeded.project)"

    static func protect(_ server: String, provider: String = provider, project: String = Seeded.project) -> String {
        "/v1/\(project)/providers/\(provider)/resources/\(server)/action"
    }

    static func delete(_ checkpoint: String, item: String? = nil) -> String {
        "\(base)/providers/\(provider)/checkpoints/\(checkpoint)" + (item.map { "?checkpoint_items=\($0)" } ?? "")
    }
}

extension EmulatorTestClient {
    /// Runs `body` against a fresh emulator serving real HTTP on 127.0.0.1: backups take 60 s, restores 30 s
    /// and deletions 10 s of virtual time.
    static func live<Value: Sendable>(
        _ body: @Sendable (EmulatorTestClient) async throws -> Value
    ) async throws -> Value {
        let clock = VirtualClock(start: EmulatorTestClient.seedFlowStart)
        let configuration = EmulatorConfiguration(
            durations: OperationDurations(backup: .seconds(60), restore: .seconds(30), delete: .seconds(10)),
            now: clock.dateSource
        )
        let app = try await Emulator.buildApplication(configuration)
        return try await app.test(.live) { client in
            try await body(EmulatorTestClient(client: client, clock: clock))
        }
    }

    /// Protects `server` with the seed's name and description; returns the response.
    func protect(
        _ server: String = Seeded.server, token: String, body: String? = nil
    ) async throws -> JSONResponse {
        let json = body ?? #"""
            {"protect": {"backup_name": "database_backup", "description": "backup for database version 2.2.1 before upgrade."}}
            """#
        return try await send(.post, CSBSPaths.protect(server), token: token, json: json)
    }

    /// The backup items of a record.
    func items(checkpoint: String, token: String) async throws -> [[String: Any]] {
        let response = try await send(.get, "\(CSBSPaths.base)/checkpoint_items?checkpoint_id=\(checkpoint)", token: token)
        #expect(response.status == .ok)
        return response["checkpoint_items"] as? [[String: Any]] ?? []
    }
}
