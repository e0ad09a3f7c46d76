import CSBSEmulator
import HTTPTypes
import Testing

/// ``CSBSProviderMiddleware``: a foreign provider is the service's parameter error, after authentication.
@Suite("CSBS provider check")
struct CSBSProviderMiddlewareTests {
    @Test("a wrong provider id is 400 CSBS.9001 once authenticated; without credentials it is 401 first")
    func wrongProviderAfterAuthentication() async throws {
        try await EmulatorTestClient.run { emulator in
            let anonymous = try await emulator.send(
                .post, CSBSPaths.protect(Seeded.server, provider: "aaaa"), json: "{}"
            )
            #expect(anonymous.status == .unauthorized)
            let token = try await emulator.token()
            let wrong = try await emulator.send(
                .post, CSBSPaths.protect(Seeded.server, provider: "aaaa"), token: token, json: #"{"protect": {}}"#
            )
            #expect(wrong.status == .badRequest)
            #expect(wrong.errorCode == "CSBS.9001")
        }
    }
}
