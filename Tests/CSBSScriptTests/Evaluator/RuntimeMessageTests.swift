import CSBSClient
import CSBSEmulator
import CSBSSyntax
import CSBSTestSupport
import Testing

@testable import CSBSScript

/// Messages a new user meets: an unknown checkpoint is as friendly as an unknown backup, and the hint for an
/// ambiguous vault name names statements that exist.
@Suite("Runtime messages")
struct RuntimeMessageTests {
    @Test func anUnknownCheckpointIsABadArgumentAtTheID() async throws {
        let output = CollectingOutput()
        let outcome = try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            return try await interpreter.checkAndRun(SourceFile(name: "t.csbs", text: "show checkpoint nonexist"))
        }
        guard case .failure(let failure) = outcome else {
            Issue.record("show checkpoint of an unknown ID should fail")
            return
        }
        #expect(failure.diagnostic.id.description == "runtime.badArgument")
        #expect(failure.diagnostic.text.hasPrefix("no checkpoint has the ID nonexist (BackupService."), "\(failure.diagnostic.text)")
        #expect(failure.diagnostic.range == SourceRange(16, 24), "located at the ID")
        #expect(failure.underlying?.status == 404, "the service's error stays attached for $error.code")
    }

    /// A computed filter the service would refuse is refused before anything is sent, with the rule `check`
    /// applies to a literal one; the service's answer was "BackupService.9900: Invalid status 'availble'".
    @Test func aComputedFilterIsCheckedBeforeItIsSent() async throws {
        let output = CollectingOutput()
        let (outcome, calls) = try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output, arguments: ["availble"])
            let outcome = try await interpreter.checkAndRun(SourceFile(name: "t.csbs", text: "backups status $1"))
            return (outcome, await emulator.control.requests().compactMap(\.operation))
        }
        guard case .failure(let failure) = outcome else {
            Issue.record("a status the service does not take should fail")
            return
        }
        #expect(failure.diagnostic.id.description == "runtime.badArgument")
        #expect(failure.diagnostic.text.hasPrefix("'availble' is not a backup status; did you mean 'available'?"))
        #expect(failure.diagnostic.range == SourceRange(15, 17), "located at the value")
        #expect(!calls.contains("list_backups"), "\(calls)")
    }

    /// The language's list of backup statuses (for `check`, which does not depend on the client) is the client's.
    @Test func theBackupStatusesAreTheClientsOwn() {
        #expect(ServiceRules.FilterKind.backupStatus.values == Backup.Status.allCases.map(\.rawValue))
    }

    @Test func valuesInTypeMessagesAreWrittenOnceAndUnquotedUnlessText() {
        #expect(Interpreter.described(.null) == "null")
        #expect(Interpreter.described(.integer(256)) == "integer 256")
        #expect(Interpreter.described(.string("abc")) == #"string "abc""#)
    }

    /// A vault that is not there is one `vault NAME size GB` creates, unless the service would refuse the name:
    /// then the message says why, where it suggested a statement that fails.
    @Test func anUnknownVaultIsOfferedForCreationOnlyWithANameTheServiceTakes() {
        let plain = RuntimeFailure.vault(VaultLookupError.notFound(name: "nope"), at: SourceRange(0, 4))
        #expect(plain.diagnostic.text == #"no vault is called "nope"; `vault "nope" size GB` creates it"#)
        let refused = RuntimeFailure.vault(VaultLookupError.notFound(name: "my vault"), at: SourceRange(0, 4))
        #expect(refused.diagnostic.text
            == #"no vault is called "my vault", nor can one be: a vault name may hold only letters, digits, '_' or '-'; a space is not allowed"#)
    }

    @Test func theAmbiguousVaultHintNamesStatementsThatExist() {
        let text = RuntimeMessages.ambiguousVault("prod", count: 2).message
        #expect(!text.contains("rename"), "\(text)")
        #expect(text.contains("`use vault ID`") && text.contains("`delete vault ID`"), "\(text)")
    }

    /// Settings that do not resolve (`profile nope`, `endpoint URL` without credentials) map to 78 through the one
    /// mapping, as the README promises; other client errors stay 70.
    @Test func aConfigurationErrorMapsTo78() {
        let configuration = Interpreter.failure(from: ClientError(kind: .configuration, message: "no"), at: .empty(at: 0))
        #expect(configuration.category == .configuration)
        #expect(ExitStatus.code(for: configuration) == 78)
        let service = Interpreter.failure(from: ClientError(kind: .service, status: 400, message: "no"), at: .empty(at: 0))
        #expect(ExitStatus.code(for: service) == 70)
    }
}
