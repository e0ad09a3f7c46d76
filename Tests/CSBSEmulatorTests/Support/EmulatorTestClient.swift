import CSBSEmulator
import CSBSClient
import CSBSEmulatorInterface
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A decoded JSON response: status, headers and the body as a JSON object.
struct JSONResponse: @unchecked Sendable {  // `object` is only read on the test's task.
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var object: [String: Any]

    subscript(_ key: String) -> Any? { object[key] }

    /// The CBR/gateway `error_code`, if any.
    var errorCode: String? { object["error_code"] as? String }

    /// A nested object by path, e.g. `response.dictionary("vault", "billing")`.
    func dictionary(_ path: String...) -> [String: Any] {
        var current: [String: Any] = object
        for key in path { current = current[key] as? [String: Any] ?? [:] }
        return current
    }
}

/// Talks to an in-process emulator (`app.test(.router)`), with a token cache per account.
struct EmulatorTestClient: Sendable {
    /// 2020-08-17T03:51:24.678916Z, the seed flow's vault creation time: where the emulator tests' clocks start.
    static let seedFlowStart = Date(timeIntervalSince1970: 1_597_636_284.678916)

    let client: any TestClientProtocol
    let clock: VirtualClock

    /// Runs `body` against a fresh in-memory emulator whose clock is a ``VirtualClock``.
    @discardableResult
    static func run<Value: Sendable>(
        backupDuration: Duration = .seconds(2),
        durations: OperationDurations = OperationDurations(),
        storage: EmulatorStorage = .memory,
        _ body: @Sendable (EmulatorTestClient) async throws -> Value
    ) async throws -> Value {
        let clock = VirtualClock(start: EmulatorTestClient.seedFlowStart)
        let configuration = EmulatorConfiguration(
            storage: storage, backupDuration: backupDuration, durations: durations, now: clock.dateSource
        )
        let app = try await Emulator.buildApplication(configuration)
        return try await app.test(.router) { client in
            try await body(EmulatorTestClient(client: client, clock: clock))
        }
    }

    /// Sends a request with an optional JSON body and token, and decodes the JSON response (an empty body, as
    /// for 202 and 204, decodes as an empty object and must come without a content type).
    func send(
        _ method: HTTPRequest.Method,
        _ path: String,
        token: String? = nil,
        json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> JSONResponse {
        var headers = extra
        if let token { headers[HTTPField.Name("X-Auth-Token")!] = token }
        if json != nil { headers[.contentType] = "application/json;charset=utf-8" }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }
        )
        #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
        let data = Data(response.body.readableBytesView)
        guard !data.isEmpty else {
            #expect(response.headers[.contentType] == nil)
            return JSONResponse(status: response.status, headers: response.headers, object: [:])
        }
        #expect(response.headers[.contentType] == "application/json")
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return JSONResponse(status: response.status, headers: response.headers, object: object)
    }

    /// Issues a project-scoped token for `account` and returns the `X-Subject-Token` value.
    func token(_ account: EmulatorAccount = .demo) async throws -> String {
        let response = try await send(.post, "/v3/auth/tokens?nocatalog=true", json: Self.tokenBody(account))
        #expect(response.status == .created)
        return try #require(response.headers[HTTPField.Name("X-Subject-Token")!])
    }

    /// Creates a server vault in the demo project and returns its id.
    func createVault(
        name: String = "my_vault",
        objectType: String = "server",
        token: String,
        project: String = EmulatorAccount.demo.projectID
    ) async throws -> String {
        let body = Self.vaultBody(name: name, objectType: objectType)
        let response = try await send(.post, "/v3/\(project)/vaults", token: token, json: body)
        #expect(response.status == .ok)
        return try #require(response.dictionary("vault")["id"] as? String)
    }

    /// `POST /vaults/{id}/addresources` with the given `(id, type)` pairs.
    func addResources(
        _ resources: [(String, String)],
        vault: String,
        token: String?,
        project: String = EmulatorAccount.demo.projectID
    ) async throws -> JSONResponse {
        let items = resources.map { #"{"id": "\#($0.0)", "type": "\#($0.1)"}"# }.joined(separator: ", ")
        return try await send(
            .post, "/v3/\(project)/vaults/\(vault)/addresources", token: token, json: #"{"resources": [\#(items)]}"#
        )
    }

    /// Creates a checkpoint of `vault` (of the given resources, or all) and returns the response.
    func checkpoint(
        vault: String,
        resources: [String]? = nil,
        token: String,
        project: String = EmulatorAccount.demo.projectID
    ) async throws -> JSONResponse {
        let quoted = resources?.map { "\"\($0)\"" }.joined(separator: ", ")
        let list = quoted.map { #", "resources": [\#($0)]"# } ?? ""
        let body = #"{"checkpoint": {"vault_id": "\#(vault)", "parameters": {"name": "bk"\#(list)}}}"#
        return try await send(.post, "/v3/\(project)/checkpoints", token: token, json: body)
    }

    /// The top-level backups of a checkpoint, as listed by `GET /backups?checkpoint_id=`.
    func backups(checkpoint: String, token: String) async throws -> [[String: Any]] {
        let response = try await send(.get, "/v3/\(Seeded.project)/backups?checkpoint_id=\(checkpoint)", token: token)
        #expect(response.status == .ok)
        return response["backups"] as? [[String: Any]] ?? []
    }

    static func tokenBody(_ account: EmulatorAccount, password: String? = nil) -> String {
        """
        {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "\(account.userName)", \
        "password": "\(password ?? account.password)", "domain": {"name": "\(account.domainName)"}}}}, \
        "scope": {"project": {"name": "\(account.projectName)"}}}}
        """
    }

    /// Creates a server vault of `size` GB holding `resources` (servers) and returns its id.
    func vault(size: Int = 200, servers: [String], token: String) async throws -> String {
        let body = Self.vaultBody(size: size)
        let response = try await send(.post, "/v3/\(Seeded.project)/vaults", token: token, json: body)
        #expect(response.status == .ok)
        let id = try #require(response.dictionary("vault")["id"] as? String)
        if !servers.isEmpty {
            let added = try await addResources(servers.map { ($0, Seeded.serverType) }, vault: id, token: token)
            #expect(added.status == .ok)
        }
        return id
    }

    static func vaultBody(name: String = "my_vault", objectType: String = "server", size: Int = 200) -> String {
        """
        {"vault": {"billing": {"cloud_type": "public", "consistent_level": "crash_consistent", \
        "object_type": "\(objectType)", "protect_type": "backup", "size": \(size)}, "name": "\(name)", "resources": []}}
        """
    }
}

/// Fixed ids of the seeded inventory used across tests.
enum Seeded {
    static let project = EmulatorAccount.demo.projectID
    static let otherProject = EmulatorAccount.other.projectID
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
    static let secondServer = "1a503932-ee8f-4dd5-8248-8dfb57e584c5"
    static let systemDisk = "c14856d0-07e8-453b-a442-444086cbad04"
    static let dataDisk = "2422bc5e-4cde-4420-964d-30b7347042a7"
    static let secondServerDisk = "6f0d2c8b-3e4a-4b1c-9d7e-5a2f8c1b0e36"
    static let shutoffServer = "4b6c1f0e-8a2d-4e57-9c3b-1d0f7e5a2c94"
    static let otherProjectServer = "0f7b3e9a-4c2d-4a18-b6e5-9d1c3f5a7e20"
    static let serverType = "OS::Nova::Server"
    static let volumeType = "OS::Cinder::Volume"
}
