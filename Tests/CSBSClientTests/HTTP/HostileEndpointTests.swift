import CSBSClient
import CSBSTestSupport
import Foundation
import Synchronization
import Testing

/// Endpoints that misbehave on purpose (``HostileServer``): each exchange ends within the client's own bounds.
@Suite("Hostile endpoints: bounded in time and in requests")
struct HostileEndpointTests {
    /// A client with a token (no IAM) for `server`, no retries, and a short request timeout.
    private func client(
        _ server: HostileServer, timeout: Duration = .seconds(1), notices: NoticeRecorder? = nil
    ) -> BackupClient {
        var configuration = ClientConfiguration(
            endpoints: .single(server.endpoint), credentials: .token("MIItoken", projectID: "p1"),
            requestTimeout: timeout, retryPolicy: .none
        )
        configuration.notice = notices?.handler
        return BackupClient(configuration: configuration, clock: VirtualClock())
    }

    private static let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\nConnection: close\r\n\r\n"

    @Test func aBodyThatStallsAfterItsHeadersTimesOut() async throws {
        let server = try HostileServer { _ in [.send(Self.head + "{\"vaults\": ["), .pause(milliseconds: 60_000)] }
        defer { server.stop() }
        let error = try await #require(throws: ClientError.self) { try await client(server).listVaults() }
        #expect(error.kind == .timeout)
        #expect(error.operation == "list vaults")
    }

    @Test func aBodyThatTricklesIsCutAtTheDeadline() async throws {
        let server = try HostileServer { _ in
            [.send(Self.head)] + Array(repeating: [HostileServer.Step.send(" "), .pause(milliseconds: 100)], count: 399).flatMap { $0 }
        }
        defer { server.stop() }
        let error = try await #require(throws: ClientError.self) { try await client(server).listVaults() }
        #expect(error.kind == .timeout)
    }

    @Test func aRedirectNamesItsLocationWithoutQueryOrControlCharactersAndIsNotFollowed() async throws {
        let server = try HostileServer { request in
            request.target.hasPrefix("/elsewhere")
                ? HostileServer.json("{\"vaults\": []}")
                : HostileServer.json(
                    "", status: "302 Found", headers: ["Location: https://evil.example/v3/p1/\u{9b}2Jvaults?token=MIIsecret"]
                )
        }
        defer { server.stop() }
        let error = try await #require(throws: ClientError.self) { try await client(server).listVaults() }
        #expect(error.status == 302)
        #expect(error.message.contains("redirects to https://evil.example/v3/p1/"))
        #expect(!error.message.contains("MIIsecret"))
        #expect(!error.message.contains("\u{9b}"))
        #expect(!error.message.contains("empty body"))
        #expect(server.requests.count == 1)
    }

    @Test func aListThatIgnoresItsOffsetStopsAtTheSecondPageWithAnErrorNamingTheEndpoint() async throws {
        let items = (0..<3).map { "{\"id\": \"v\($0)\", \"name\": \"n\($0)\"}" }.joined(separator: ",")
        let server = try HostileServer { _ in HostileServer.json("{\"count\": 1000000000000, \"vaults\": [\(items)]}") }
        defer { server.stop() }
        var listed: [String] = []
        let error = try await #require(throws: ClientError.self) {
            for try await vault in client(server).vaults(pageSize: 3) { listed.append(vault.id) }
        }
        #expect(listed == ["v0", "v1", "v2"])
        #expect(server.requests.count == 2)
        #expect(error.operation == "list vaults")
        #expect(error.message.contains(server.endpoint))
        #expect(error.message.contains("nothing new"))
    }

    @Test func aListThatNeverEndsStopsAtThePageLimit() async throws {
        let counter = Atomic<Int>(0)
        let source = PageSource(operation: "list vaults", endpoint: "https://cbr.example", limits: PageLimits(maxPages: 5))
        let pages = PageSequence<Item>(first: .offset(0), source: source) { _ in
            let page = counter.add(1, ordering: .relaxed).newValue
            return FetchedPage(elements: [Item(page * 10), Item(page * 10 + 1)], next: .offset(page * 2))
        }
        let error = try await #require(throws: ClientError.self) { _ = try await pages.collect() }
        #expect(counter.load(ordering: .relaxed) == 5)
        #expect(error.message.contains("https://cbr.example"))
        #expect(error.message.contains("5 pages"))

        let limited = PageSource(operation: "list vaults", endpoint: "e", limits: PageLimits(maxItems: 7))
        let items = PageSequence<Item>(first: .offset(0), source: limited) { cursor in
            guard case .offset(let offset) = cursor else { return FetchedPage(elements: [], next: nil) }
            return FetchedPage(elements: [Item(offset), Item(offset + 1), Item(offset + 2)], next: .offset(offset + 3))
        }
        let itemError = try await #require(throws: ClientError.self) { _ = try await items.collect() }
        #expect(itemError.message.contains("more than 7 items"))
    }
}
