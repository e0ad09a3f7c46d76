import CSBSEmulator
import HTTPTypes
import Testing

/// ``CSBSProviderMiddleware``: a foreign provider is an unknown route, before authentication.
@Suite("CSBS provider check")
struct CSBSProviderMiddlewareTests {
    @Test("a wrong provider id is 404 APIGW.0101 even without credentials; the right one needs them")
    func wrongProviderBeforeAuthentication() async throws {
        try await EmulatorTestClient.run { emulator in
            let wrong = try await emulator.send(.post, CSBSPaths.protect(Seeded.server, provider: "aaaa"), json: "{}")
            #expect(wrong.status == .notFound)
            #expect(wrong.errorCode == "APIGW.0101")
            let right = try await emulator.send(.post, CSBSPaths.protect(Seeded.server), json: "{}")
            #expect(right.status == .unauthorized)
        }
    }
}
