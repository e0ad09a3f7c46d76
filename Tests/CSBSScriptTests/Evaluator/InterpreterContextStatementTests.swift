import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSPlatform
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

extension EmulatorHarness {
    /// A connector over this emulator like the frontend's for the built-in one: `region` picks the emulator
    /// account of that region; `profile` and `endpoint` need configuration the tests do not have.
    var regionConnector: Interpreter.Connector {
        let harness = self
        return { change in
            if change.profile != nil || change.endpoint != nil {
                throw ClientError(kind: .configuration, message: "no profiles or endpoints in this test")
            }
            let region = change.region ?? EmulatorAccount.demo.projectName
            guard let account = [EmulatorAccount.demo, .other].first(where: { $0.projectName == region }) else {
                throw ClientError(kind: .configuration, message: "the emulator has no project in \(region)")
            }
            return harness.client(account: account)
        }
    }
}

/// `region`, `profile` and `endpoint` inside a script: they switch the client and clear the selected vault.
@Suite("region, profile and endpoint statements")
struct InterpreterContextStatementTests {
    private func run(
        _ text: String, on interpreter: inout Interpreter, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> Result<Void, RuntimeFailure> {
        let file = SourceFile(name: "test.csbs", text: text)
        let parsed = Parser.parse(file)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return try await interpreter.checkAndRun(file)
    }

    @Test func regionSwitchesTheProjectAndClearsTheSelectedVault() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output, connector: emulator.regionConnector)
            // Given a vault selected in cn-north-4
            let script = """
                vault "north" size 50
                region cn-south-1
                servers
                vault "south" size 50
                region cn-north-4
                servers
                """
            let result = try await run(script, on: &interpreter)
            #expect((try? result.get()) != nil, "\(output.transcript)")
            // Then the servers listed after each region are that project's
            let records = output.results.filter { $0.kind == "servers" }
            let southIDs = records.first?.rows?.compactMap { $0["id"] } ?? []
            #expect(southIDs.contains(.string("0f7b3e9a-4c2d-4a18-b6e5-9d1c3f5a7e20")))
            #expect(!southIDs.contains(.string("e8cc6bfd-d324-4b88-9109-9fb0ba70676f")))
            // And the vault "south" was made in the other project
            let otherVaults = try await emulator.client(account: .other).listVaults(name: "south").vaults
            #expect(otherVaults.map(\.name) == ["south"])
            #expect(try await emulator.client().listVaults(name: "south").vaults.isEmpty)
            // And each switch cleared the selection
            #expect(interpreter.context.vault == nil)
            #expect(interpreter.connection == ConnectionChange(region: "cn-north-4"))
            let context = output.results.filter { $0.kind == "context" }
            #expect(context.map { $0["value"] } == [.string("cn-south-1"), .string("cn-north-4")])
            #expect(context.first?.summary.hasPrefix("region cn-south-1: now using http://127.0.0.1:") == true)
        }
    }

    @Test func aStatementNeedingAVaultFailsAfterASwitch() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output, connector: emulator.regionConnector)
            let result = try await run("vault v size 50\nregion cn-south-1\nattach server x", on: &interpreter)
            guard case .failure(let failure) = result else {
                Issue.record("attach without a vault must fail")
                return
            }
            #expect(failure.diagnostic.id.description == "runtime.noVaultSelected")
        }
    }

    @Test func anUnknownRegionIsARuntimeErrorWithASuggestion() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output, connector: emulator.regionConnector)
            let result = try await run("let r = \"cn-nort-4\"\nregion $r", on: &interpreter)
            guard case .failure(let failure) = result else {
                Issue.record("an unknown region must fail")
                return
            }
            #expect(failure.diagnostic.id.description == "runtime.unknownRegion")
            #expect(failure.diagnostic.text == "unknown region 'cn-nort-4'; did you mean 'cn-north-4'?")
            #expect(await emulator.control.requests().isEmpty)
        }
    }

    @Test func aKnownRegionTheConnectorCannotServeFailsClearly() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output, connector: emulator.regionConnector)
            _ = try await run("vault v size 50", on: &interpreter)
            let result = try await run("region ap-southeast-1", on: &interpreter)
            guard case .failure(let failure) = result else {
                Issue.record("a region without a project must fail")
                return
            }
            #expect(failure.diagnostic.id.description == "runtime.configurationError")
            #expect(failure.diagnostic.text.contains("no project in ap-southeast-1"))
            // The failed switch leaves the connection as it was
            #expect(interpreter.context.vault?.name == "v")
            #expect(interpreter.connection == ConnectionChange())
        }
    }

    @Test func withoutAConnectorContextStatementsAreNotAvailable() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            let result = try await run("profile prod", on: &interpreter)
            guard case .failure(let failure) = result else {
                Issue.record("profile without a connector must fail")
                return
            }
            #expect(failure.diagnostic.id.description == "runtime.badArgument")
            #expect(failure.diagnostic.text.contains("'profile' cannot switch the connection here"))
        }
    }

    @Test(arguments: ["endpoint \"ftp://x\"", "endpoint cbr.example.com", "endpoint \"\""])
    func badEndpointsFailBeforeConnecting(script: String) async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output, connector: emulator.regionConnector)
            guard case .failure(let failure) = try await run(script, on: &interpreter) else {
                Issue.record("\(script) must fail")
                return
            }
            #expect(failure.diagnostic.text.contains("'endpoint' needs an http(s) URL"), "\(failure.diagnostic.text)")
        }
    }

    @Test func changesMergeInOrder() {
        // profile starts over; region forgets an endpoint; endpoint keeps the region
        let change = ConnectionChange().applying(.endpoint, "https://a").applying(.region, "cn-south-1")
        #expect(change == ConnectionChange(region: "cn-south-1"))
        let withEndpoint = change.applying(.endpoint, "https://b")
        #expect(withEndpoint == ConnectionChange(region: "cn-south-1", endpoint: "https://b"))
        #expect(withEndpoint.applying(.profile, "prod") == ConnectionChange(profile: "prod"))
        // Merged into the run's flags: a changed region drops the endpoint flags, a changed profile the region too
        let flags = ConfigurationOverrides(endpoint: "https://flag", region: "cn-north-4", profile: "dev")
        let regionOnly = ConnectionChange(region: "cn-south-1").merged(into: flags)
        #expect(regionOnly.region == "cn-south-1" && regionOnly.endpoint == nil && regionOnly.profile == "dev")
        let profileOnly = ConnectionChange(profile: "prod").merged(into: flags)
        #expect(profileOnly.profile == "prod" && profileOnly.region == nil && profileOnly.endpoint == nil)
        let endpointOnly = ConnectionChange(endpoint: "https://x").merged(into: flags)
        #expect(endpointOnly.endpoint == "https://x" && endpointOnly.region == "cn-north-4")
    }
}
