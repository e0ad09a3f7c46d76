import CSBSClient
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

@Suite("Interpreter state across runs")
struct InterpreterContextTests {
    @Test func selectedVaultCarriesOverToTheNextRunLikeAREPLLine() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            for line in [#"vault "repl" size 60"#, "attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f", "backup wait"] {
                let file = SourceFile(name: "<repl>", text: line)
                let result = try await interpreter.checkAndRun(file)
                #expect((try? result.get()) != nil, "\(line): \(output.diagnostics)")
            }
            #expect(interpreter.context.vault?.name == "repl")
            #expect(output.results.map(\.kind) == ["vault", "attach", "checkpoint"])
            #expect(output.results.last?["status"] == .string("available"))
        }
    }

    @Test func progressIsReportedOnStatusChangesOnly() async throws {
        try await withEmulator(backupDuration: .seconds(60)) { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            let file = SourceFile(name: "p", text: "vault v size 50; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; backup wait")
            _ = try await interpreter.checkAndRun(file)
            #expect(output.progressLines.count == 1, "many polls, one status: \(output.progressLines)")
            #expect(output.progressLines.first?.hasSuffix(": protecting") == true)
            #expect(output.results.last?["status"] == .string("available"))
        }
    }

    /// `wait` for a restore point or a backup that is done already prints its result line only: it printed
    /// "checkpoint …: available" as progress above "checkpoint … available after 0.0s".
    @Test func waitingForWhatIsDoneShowsNoProgress() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            let setUp = SourceFile(
                name: "s", text: "vault v size 50; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; let cp = backup wait"
            )
            _ = try await interpreter.checkAndRun(setUp)
            let before = output.progressLines.count
            let file = SourceFile(name: "w", text: "wait $cp.id\nlet b = backups limit 1\nwait $b[0].id")
            _ = try await interpreter.checkAndRun(file)
            #expect(output.progressLines.count == before, "\(output.progressLines.dropFirst(before))")
            #expect(output.results.suffix(2).allSatisfy { $0["status"] == .string("available") }, "\(output.diagnostics)")
        }
    }

    /// The status a restore ends in is its result line, as for a backup: it was printed a second time as progress
    /// ("restore of backup …: available after 2.1s" above "backup … restored onto …, available after 2.1s").
    @Test func aRestoresEndIsItsResultNotAProgressLine() async throws {
        try await withEmulator { emulator in
            let output = CollectingOutput()
            var interpreter = Interpreter(client: emulator.client(), output: output)
            let file = SourceFile(
                name: "r",
                text: "vault v size 50; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; let cp = backup wait\n"
                    + "restore backup $cp.id wait"
            )
            _ = try await interpreter.checkAndRun(file)
            let restoreLines = output.progressLines.filter { $0.hasPrefix("restore of backup") }
            #expect(restoreLines.count == 1 && restoreLines.first?.hasSuffix(": restoring") == true, "\(restoreLines)")
            #expect(output.results.last?.kind == "restore" && output.results.last?["status"] == .string("available"))
        }
    }
}
