import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

@Suite("Error rendering")
struct WireErrorMiddlewareTests {
    @Test("an unknown route is 404 APIGW.0101 with the request id in body and header", arguments: [
        "/v3/\(Seeded.project)/nothing-here", "/", "/v1/\(Seeded.project)/plans",
    ])
    func unknownRoute(path: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let response = try await emulator.send(.get, path)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "APIGW.0101")
            #expect(
                response["error_msg"] as? String
                    == "The API does not exist or has not been published in the environment."
            )
            #expect(response["request_id"] as? String == response.headers[HTTPField.Name("X-Request-Id")!])
        }
    }

    @Test("a body over 1 MiB is 413 APIGW.0201")
    func bodyTooLarge() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let name = String(repeating: "x", count: 1_100_000)
            let response = try await emulator.send(
                .post, "/v3/\(Seeded.project)/vaults", token: token, json: EmulatorTestClient.vaultBody(name: name)
            )
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "APIGW.0201")
        }
    }
}
