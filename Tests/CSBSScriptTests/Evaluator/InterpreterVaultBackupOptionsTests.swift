import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

/// `vault` with a protection type, consistency, tags and `resize`; `backup` with `full`/`incremental` and
/// `server ID…`. Everything over real HTTP against the emulator.
@Suite("vault and backup options")
struct InterpreterVaultBackupOptionsTests {
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
    static let otherServer = "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25"
    static let disk = "2422bc5e-4cde-4420-964d-30b7347042a7"

    /// Runs `text` as one script on `interpreter`.
    private func run(
        _ text: String, on interpreter: inout Interpreter, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> Result<Void, RuntimeFailure> {
        let file = SourceFile(name: "test.csbs", text: text)
        let parsed = Parser.parse(file)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return try await interpreter.checkAndRun(file)
    }

    /// The write requests (anything but GET) the emulator has logged.
    private func writes(_ emulator: EmulatorHarness) async -> [String] {
        await emulator.control.requests().filter { $0.method != "GET" && !$0.path.hasPrefix("/v3/auth") }
            .map { "\($0.method) \($0.path)" }
    }

    // MARK: vault

    @Test func vaultIsCreatedWithTheAskedTypeConsistencyAndTags() async throws {
        try await withEmulator { emulator in
            // Given a disk vault with app consistency and two tags
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            let result = try await run(#"vault "disks" size 40 disk app tag env=prod "team"="db ops""#, on: &interpreter)
            #expect((try? result.get()) != nil, "\(output.transcript)")
            // Then the service holds what was asked
            let vault = try await emulator.client().listVaults(name: "disks").vaults.first
            #expect(vault?.billing?.objectType == "disk")
            #expect(vault?.billing?.consistentLevel == "app_consistent")
            #expect(vault?.tags?.sorted { $0.key < $1.key } == [Tag(key: "env", value: "prod"), Tag(key: "team", value: "db ops")])
            // And the result says so
            let record = output.results.first
            #expect(record?["action"] == .string("created"))
            #expect(record?["protects"] == .string("disk"))
            #expect(record?["consistency"] == .string("app"))
            #expect(record?["missing_tags"] == .list([]))
        }
    }

    @Test func convergingAgainSendsNoWrites() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            let statement = #"vault "same" size 60 server crash tag env=prod resize"#
            _ = try await run(statement, on: &interpreter)
            let before = await writes(emulator)
            #expect(before.count == 1, "\(before)")
            // When the same statement runs a second time
            let again = try await run(statement, on: &interpreter)
            // Then it only selects
            #expect((try? again.get()) != nil, "\(output.transcript)")
            #expect(await writes(emulator) == before)
            #expect(output.results.last?["action"] == .string("selected"))
            #expect(output.results.last?.summary.contains("(") == false, "no differences to report")
        }
    }

    @Test func sizeDifferenceIsReportedAndResizeOnlyGrows() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            _ = try await run(#"vault "grow" size 50"#, on: &interpreter)
            // Without resize: reported, not changed
            _ = try await run(#"vault "grow" size 80"#, on: &interpreter)
            #expect(output.results.last?["size_gb"] == .integer(50))
            #expect(output.results.last?.summary.contains("the script asks for 80 GB; size left unchanged") == true)
            // With resize: grown
            let grown = try await run(#"vault "grow" size 80 resize"#, on: &interpreter)
            #expect((try? grown.get()) != nil, "\(output.transcript)")
            #expect(output.results.last?["action"] == .string("resized"))
            #expect(output.results.last?["size_gb"] == .integer(80))
            #expect(interpreter.context.vault?.billing?.size?.value == 80)
            // A smaller size with resize is reported, never sent
            let sent = await writes(emulator)
            _ = try await run(#"vault "grow" size 20 resize"#, on: &interpreter)
            #expect(await writes(emulator) == sent)
            #expect(output.results.last?["size_gb"] == .integer(80))
            #expect(output.results.last?.summary.contains("the script asks for 20 GB; size left unchanged") == true)
        }
    }

    @Test func missingTagsAndConsistencyOfAnExistingVaultAreReported() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            _ = try await run(#"vault "tagged" size 50 tag env=dev"#, on: &interpreter)
            let sent = await writes(emulator)
            _ = try await run(#"vault "tagged" size 50 app tag env=prod owner=ops"#, on: &interpreter)
            #expect(await writes(emulator) == sent, "reporting sends nothing")
            let record = output.results.last
            #expect(record?["missing_tags"] == .list([.string("env=prod"), .string("owner=ops")]))
            #expect(record?.summary.contains("tags not on the vault (left unchanged): env=prod, owner=ops") == true)
            #expect(record?.summary.contains("app-consistent") == true)
        }
    }

    @Test func anExistingVaultOfTheOtherTypeIsAnError() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            _ = try await run(#"vault "typed" size 50 server"#, on: &interpreter)
            let result = try await run(#"vault "typed" size 50 disk"#, on: &interpreter)
            guard case .failure(let failure) = result else {
                Issue.record("a disk vault request on a server vault must fail")
                return
            }
            #expect(failure.diagnostic.id.description == "runtime.vaultTypeMismatch")
            #expect(failure.diagnostic.text.contains("protects server resources, not disk ones"))
            // Without a type the existing vault is selected as before
            let plain = try await run(#"vault "typed" size 50"#, on: &interpreter)
            #expect((try? plain.get()) != nil)
        }
    }

    /// Computed tags; literal ones are errors of the check (`check.invalidTag`, in the syntax tests).
    @Test(arguments: [
        (#"let key = "a/b"; vault v size 50 tag $key=1"#, "a character tags cannot hold"),
        (#"let value = "0123456789012345678901234567890123456789abcd"; vault v size 50 tag k=$value"#, "at most 43 characters"),
        (#"let key = ""; vault v size 50 tag $key=x"#, "1 to 36 characters"),
        (#"let k = "a"; vault v size 50 tag $k=1 a=2"#, "given more than once"),
    ])
    func badTagsFailBeforeAnythingIsSent(script: String, message: String) async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            let result = try await run(script, on: &interpreter)
            guard case .failure(let failure) = result else {
                Issue.record("\(script) must fail")
                return
            }
            #expect(failure.diagnostic.id.description == "runtime.badArgument")
            #expect(failure.diagnostic.text.contains(message), "\(failure.diagnostic.text)")
            #expect(await emulator.control.requests().isEmpty, "nothing sent, not even a token request")
        }
    }

    // MARK: backup

    @Test func backupOfSomeServersIsFullWhenAsked() async throws {
        try await withEmulator { emulator in
            // Given a vault with two servers
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            let script = """
                vault "partial" size 200
                attach server \(Self.server)
                attach server \(Self.otherServer)
                let cp = backup name "only-one" description "just the first" full server \(Self.server) wait
                """
            let result = try await run(script, on: &interpreter)
            #expect((try? result.get()) != nil, "\(output.transcript)")
            // Then the restore point holds a full backup of that server only
            let client = emulator.client()
            let backups = try await client.listBackups(BackupQuery(name: "only-one")).backups
            #expect(backups.map(\.resourceID) == [Self.server])
            #expect(backups.first?.incremental == false)
            #expect(backups.first?.description == "just the first")
        }
    }

    @Test func incrementalIsSentAndListsOfServersAreAccepted() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            let script = """
                vault "lists" size 200
                attach server \(Self.server)
                attach server \(Self.otherServer)
                let ids = ["\(Self.server)", "\(Self.otherServer)"]
                backup name "first" wait
                backup name "both" incremental server $ids wait
                """
            let result = try await run(script, on: &interpreter)
            #expect((try? result.get()) != nil, "\(output.transcript)")
            let backups = try await emulator.client().listBackups(BackupQuery(name: "both")).backups
            #expect(Set(backups.compactMap(\.resourceID)) == [Self.server, Self.otherServer])
            // Incremental over the first backups (a resource's first backup is always full).
            #expect(backups.allSatisfy { $0.incremental == true })
        }
    }

    @Test func aServerNotInTheVaultFailsBeforeTheBackup() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            let script = """
                vault "strict" size 200
                attach server \(Self.server)
                backup server \(Self.server) \(Self.otherServer)
                """
            let result = try await run(script, on: &interpreter)
            guard case .failure(let failure) = result else {
                Issue.record("a server outside the vault must fail")
                return
            }
            #expect(failure.diagnostic.id.description == "runtime.badArgument")
            #expect(failure.diagnostic.text.contains("\(Self.otherServer) is not in vault \"strict\""))
            #expect(await writes(emulator).contains { $0.hasSuffix("/checkpoints") } == false)
        }
    }

    @Test func aServerAttachedOutsideTheSessionIsFound() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            _ = try await run(#"vault "fresh" size 200"#, on: &interpreter)
            // Given a server attached by someone else after the vault was selected
            let vaultID = try #require(interpreter.context.vault?.id)
            _ = try await emulator.client().addResources(
                vaultID: vaultID, [ResourceReference(id: Self.server, type: "OS::Nova::Server")]
            )
            // Then backing it up by ID works
            let result = try await run("backup server \(Self.server) wait", on: &interpreter)
            #expect((try? result.get()) != nil, "\(output.transcript)")
        }
    }
}
