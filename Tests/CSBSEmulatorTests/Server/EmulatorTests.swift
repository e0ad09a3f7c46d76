import AsyncHTTPClient
import CSBSEmulator
import CSBSEmulatorInterface
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@Suite("Emulator over a real socket")
struct EmulatorTests {
    @Test("start binds a free port on 127.0.0.1, serves the seed flow's first calls, and shuts down cleanly")
    func startAndShutdown() async throws {
        // Given
        let emulator = try await Emulator.start(EmulatorConfiguration())
        #expect(emulator.port > 0)
        #expect(emulator.endpoint == "http://127.0.0.1:\(emulator.port)")
        // When
        var tokenRequest = HTTPClientRequest(url: "\(emulator.endpoint)/v3/auth/tokens?nocatalog=true")
        tokenRequest.method = .POST
        tokenRequest.headers.add(name: "Content-Type", value: "application/json;charset=utf8")
        tokenRequest.body = .bytes(ByteBuffer(string: EmulatorTestClient.tokenBody(.demo)))
        let tokenResponse = try await HTTPClient.shared.execute(tokenRequest, timeout: .seconds(10))
        let token = try #require(tokenResponse.headers.first(name: "X-Subject-Token"))
        _ = try await tokenResponse.body.collect(upTo: 1 << 20)

        var vaultRequest = HTTPClientRequest(url: "\(emulator.endpoint)/v3/\(Seeded.project)/vaults/unknown")
        vaultRequest.headers.add(name: "X-Auth-Token", value: token)
        let vaultResponse = try await HTTPClient.shared.execute(vaultRequest, timeout: .seconds(10))
        let body = try await vaultResponse.body.collect(upTo: 1 << 20)
        // Then
        #expect(tokenResponse.status.code == 201)
        #expect(vaultResponse.status.code == 404)
        #expect(vaultResponse.headers.first(name: "Content-Type") == "application/json")
        #expect(vaultResponse.headers.first(name: "X-Request-Id") != nil)
        #expect(String(buffer: body).contains("BackupService.6105"))

        await emulator.shutdown()
        await emulator.shutdown()  // idempotent
        var after = HTTPClientRequest(url: "\(emulator.endpoint)/v3/projects")
        after.method = .GET
        // AHC retries refused connections until the deadline, so keep it short.
        await #expect(throws: (any Error).self) {
            _ = try await HTTPClient.shared.execute(after, timeout: .milliseconds(300))
        }
    }
}
