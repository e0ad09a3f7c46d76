import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSTestSupport
import Testing

@Suite("Project id looked up by region name")
struct ProjectLookupTests {
    private func accessKeyClient(_ emulator: EmulatorHarness, region: String, trace: TraceRecorder) -> BackupClient {
        let account = EmulatorAccount.demo
        let configuration = ClientConfiguration(
            endpoints: .single(emulator.emulator.endpoint),
            credentials: .accessKey(
                AccessKeyCredentials(accessKey: account.accessKeyID, secretKey: account.secretAccessKey, projectID: "")
            ),
            region: region, trace: trace.handler
        )
        let clock = emulator.clock
        return BackupClient(configuration: configuration, clock: clock, currentDate: { clock.date })
    }

    @Test func accessKeysWithoutAProjectIDLookItUpOnceByRegion() async throws {
        try await withEmulator { emulator in
            let trace = TraceRecorder()
            let client = accessKeyClient(emulator, region: EmulatorAccount.demo.projectName, trace: trace)
            #expect(try await client.projectID() == EmulatorAccount.demo.projectID)
            _ = try await client.listVaults()
            _ = try await client.listVaults()
            let lookups = trace.requests.filter { $0.url.contains("/v3/projects?name=") }
            #expect(lookups.count == 1)
            #expect(trace.requests.contains { $0.url.contains("/v3/\(EmulatorAccount.demo.projectID)/vaults") })
        }
    }

    @Test func anUnknownRegionIsAClearConfigurationError() async throws {
        try await withEmulator { emulator in
            let client = accessKeyClient(emulator, region: "xx-nowhere-1", trace: TraceRecorder())
            let error = try await #require(throws: ClientError.self) { try await client.listVaults() }
            #expect(error.kind == .configuration)
            #expect(error.message.contains("xx-nowhere-1"))
        }
    }
}
