@testable import CSBSEmulator
import CSBSClient
import Foundation
import NIOHTTP1
import Testing

/// The gateway's rate limit: per project, a bucket of one second's requests refilled on the configured clock.
@Suite("Gateway rate limit")
struct GatewayRateLimitTests {
    static let vaults = "/v3/\(Seeded.project)/vaults"

    @Test("off by default: a burst of requests is never throttled")
    func offByDefault() async throws {
        try await withSignedEmulator { (emulator, sender, _) async throws in
            for _ in 0..<20 {
                #expect(try await sender.send(.GET, Self.vaults).status == 200)
            }
            #expect(emulator.control.rateLimit == nil)
        }
    }

    @Test("over N per second: 429 APIGW.0308 in the gateway's shape, no Retry-After; the clock refills it")
    func throttlesPerSecond() async throws {
        let limited: (inout EmulatorConfiguration) -> Void = { $0.rateLimit = GatewayRateLimit(requestsPerSecond: 3) }
        try await withSignedEmulator(configure: limited) { emulator, sender, clock in
            for _ in 0..<3 {
                #expect(try await sender.send(.GET, Self.vaults).status == 200)
            }
            let throttled = try await sender.send(.GET, Self.vaults)
            #expect(throttled.status == 429)
            #expect(throttled.errorCode == "APIGW.0308")
            #expect(throttled.json["error_msg"] as? String == "The throttling threshold has been reached.")
            #expect((throttled.json["request_id"] as? String)?.isEmpty == false)
            #expect(throttled.headers.first(name: "Retry-After") == nil)
            // A third of a second refills one request; emulator time (advance, scale) does not count.
            emulator.control.advanceClock(by: .seconds(3600))
            #expect(try await sender.send(.GET, Self.vaults).status == 429)
            clock.advance(by: .milliseconds(334))
            #expect(try await sender.send(.GET, Self.vaults).status == 200)
            #expect(try await sender.send(.GET, Self.vaults).status == 429)
            let log = await emulator.control.requests()
            #expect(log.map(\.status) == [200, 200, 200, 429, 429, 200, 429])
            #expect(log.allSatisfy { $0.operation == "list_vault" })
        }
    }

    @Test("each project has its own bucket; IAM and the control API are not throttled")
    func perProject() async throws {
        let limited: (inout EmulatorConfiguration) -> Void = { $0.rateLimit = GatewayRateLimit(requestsPerSecond: 1) }
        try await withSignedEmulator(configure: limited) { (emulator, sender, _) async throws in
            #expect(try await sender.send(.GET, Self.vaults).status == 200)
            #expect(try await sender.send(.GET, Self.vaults).status == 429)
            // Another project's path is counted apart (and then refused by authentication, not the gateway).
            #expect(try await sender.send(.GET, "/v3/0123456789abcdef0123456789abcdef/vaults").status != 429)
            let control = PlainHTTP(endpoint: emulator.endpoint)
            #expect(try await control.send(.GET, "/csbs-emulator/v1/clock").status == 200)
            #expect(try await control.send(.GET, "/csbs-emulator/v1/rate-limit").status == 200)
        }
    }

    @Test("the control API sets, shows and removes the limit, and refuses a bad one")
    func controlAPI() async throws {
        try await withSignedEmulator { emulator, sender, _ in
            let control = PlainHTTP(endpoint: emulator.endpoint)
            let none = try await control.send(.GET, "/csbs-emulator/v1/rate-limit")
            #expect(none.json["rate_limit"] is NSNull)
            let set = try await control.send(.PUT, "/csbs-emulator/v1/rate-limit", json: #"{"requests_per_second": 1}"#)
            #expect(set.status == 200)
            #expect((set.json["rate_limit"] as? [String: Any])?["requests_per_second"] as? Int == 1)
            #expect(emulator.control.rateLimit == GatewayRateLimit(requestsPerSecond: 1))
            #expect(try await sender.send(.GET, Self.vaults).status == 200)
            #expect(try await sender.send(.GET, Self.vaults).status == 429)
            for bad in [#"{"requests_per_second": 0}"#, #"{"requests_per_second": 1.5}"#, #"{}"#, "x"] {
                let refused = try await control.send(.PUT, "/csbs-emulator/v1/rate-limit", json: bad)
                #expect(refused.status == 400, "\(bad)")
            }
            #expect(try await control.send(.DELETE, "/csbs-emulator/v1/rate-limit").status == 204)
            #expect(try await sender.send(.GET, Self.vaults).status == 200)
            #expect(emulator.control.rateLimit == nil)
        }
    }
}
