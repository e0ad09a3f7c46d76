import CSBSClient
import CSBSEmulator
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Synchronization
import Testing

/// Ctrl-C (a cancelled run) says what it leaves behind, and no more: nothing after a `sleep`, the checkpoint and
/// how to watch it again after a `backup wait`.
@Suite("Interruptions")
struct InterruptionTests {
    /// A clock whose sleeps last until the task is cancelled, and which says when one has begun.
    final class BlockingClock: ClientClock {
        let sleeping = Mutex(false)

        func now() -> ContinuousClock.Instant { ContinuousClock.now }

        func sleep(for duration: Duration) async throws {
            sleeping.withLock { $0 = true }
            let (stream, _) = AsyncStream<Never>.makeStream()
            for await _ in stream {}
            throw CancellationError()
        }
    }

    @Test func aSleepInterruptedSaysNothingKeepsRunning() async throws {
        let clock = BlockingClock()
        let client = BackupClient(
            configuration: ClientConfiguration(
                endpoints: .single("http://127.0.0.1:9"), credentials: .token("unused-token-value", projectID: "0123456789abcdef0123456789abcdef")
            ),
            transport: HTTP1Transport(), clock: clock
        )
        let output = CollectingOutput()
        let task = Task {
            var interpreter = Interpreter(client: client, output: output)
            return try await interpreter.checkAndRun(SourceFile(name: "<test>", text: "sleep 1h"))
        }
        while !clock.sleeping.withLock({ $0 }) { await Task.yield() }
        task.cancel()
        guard case .failure(let failure) = try await task.value else {
            Issue.record("the run was not interrupted")
            return
        }
        #expect(failure.category == .interrupted)
        let message = output.diagnostics.joined()
        #expect(message.contains("interrupted while sleeping"), "\(message)")
        #expect(!message.contains("cloud"), "nothing was started: \(message)")
    }

    @Test func anInterruptedBackupWaitSaysHowToWatchItAgain() async throws {
        try await withEmulator(backupDuration: .seconds(30 * 24 * 3600)) { emulator in
            let output = CollectingOutput()
            let script = """
                vault "long" size 100
                attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f
                backup wait timeout 60d
                """
            let client = emulator.client()
            let task = Task {
                var interpreter = Interpreter(client: client, output: output)
                return try await interpreter.checkAndRun(SourceFile(name: "<test>", text: script))
            }
            // Without sleeping: until the wait polls, then interrupt.
            while await !emulator.control.requests().contains(where: { ["show_checkpoint", "list_backups"].contains($0.operation) }) {
                await Task.yield()
            }
            task.cancel()
            guard case .failure(let failure) = try await task.value else {
                Issue.record("the run was not interrupted")
                return
            }
            #expect(failure.category == .interrupted)
            let message = output.diagnostics.joined()
            #expect(message.contains("the checkpoint keeps running in the cloud ('wait "), "\(message)")
            #expect(message.contains("' watches it again)"), "\(message)")
        }
    }
}
