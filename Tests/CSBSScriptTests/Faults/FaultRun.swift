import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Synchronization

/// One run of an example runbook against a fresh in-memory emulator that injects faults into about a fifth of
/// all requests, everything on one ``VirtualClock`` and every random choice drawn from one seed, so a failing
/// run is replayed by running the same example with the same seed.
struct FaultRun: Sendable {
    /// How a run ended.
    enum Outcome: Sendable {
        case success
        /// The interpreter stopped with a typed failure (reported to the output as a diagnostic).
        case failure(RuntimeFailure)
        /// The run did not end within ``FaultRun/realTimeBound`` (a hang); it was cancelled.
        case hung
    }

    /// What a run leaves behind for the checks.
    struct Report: Sendable {
        var outcome: Outcome
        /// The state before the faults were switched on (after the prelude).
        var before: StateSnapshot
        /// The state after the run, read through the control API (no faults apply to it).
        var after: StateSnapshot
        /// Emulated API requests of the run itself (not the prelude), and how many of them a fault hit.
        var requests: Int
        var faulted: Int
        /// Everything the run printed (results and rendered diagnostics).
        var transcript: String
        /// Rendered diagnostics only.
        var diagnostics: [String]
    }

    /// The example's file name in `scripts/examples/`.
    var example: String
    /// Script run (without faults) before the example, to give it something to work on.
    var prelude: String = ""
    /// The seed for the emulator's identifiers and fault dice and for the client's retry jitter.
    var seed: UInt64

    /// A hang guard, not a timing assertion: all of a run's waiting is virtual, so a healthy run takes
    /// milliseconds of real time; one still going after this long is stuck.
    static let realTimeBound: Duration = .seconds(60)

    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/examples")

    /// The injected faults: each rule's probability is chosen so that, with rules tried in order, the chance
    /// that a request is hit by rule *i* is exactly `share`, and 20% of requests are hit in total.
    static let faultMix: [(share: Double, rule: FaultRule)] = [
        (0.03, FaultRule(status: 500, errorCode: "BackupService.9910")),
        (0.02, FaultRule(status: 500, errorCode: "BackupService.9910", phase: .after)),
        (0.05, FaultRule(status: 429, errorCode: "APIGW.0308", retryAfter: 2)),
        (0.03, FaultRule(drop: true, phase: .before)),
        (0.03, FaultRule(drop: true, phase: .after)),
        (0.04, FaultRule(latencyMs: 3_000)),
    ]

    /// The fault rules with their conditional probabilities.
    static var faultRules: [FaultRule] {
        var left = 1.0
        return faultMix.map { share, rule in
            var rule = rule
            rule.probability = share / left
            left -= share
            return rule
        }
    }

    /// Starts the emulator, runs the prelude, switches the faults on, runs the example, and reads the state.
    /// - Throws: When the example does not parse or the emulator does not start (test set-up errors).
    func perform() async throws -> Report {
        let clock = VirtualClock()
        var configuration = EmulatorConfiguration()
        configuration.backupDuration = .seconds(5)
        configuration.now = { clock.date }
        // Slow responses wait on the virtual clock: they move time on (waits and backups progress) at no real cost.
        configuration.sleep = { clock.advance(by: $0) }
        configuration.seed = seed
        let emulator = try await Emulator.start(configuration)
        do {
            let report = try await perform(on: emulator, clock: clock)
            await emulator.shutdown()
            return report
        } catch {
            await emulator.shutdown()
            throw error
        }
    }

    private func perform(on emulator: RunningEmulator, clock: VirtualClock) async throws -> Report {
        let account = EmulatorAccount.demo
        let credentials = PasswordCredentials(
            userName: account.userName, password: account.password, domainName: account.domainName,
            project: .name(account.projectName)
        )
        let dice = SeededDice(seed: seed ^ 0xC11E_47)
        let client = BackupClient(
            configuration: ClientConfiguration(
                endpoints: .single(emulator.endpoint), credentials: .password(credentials)
            ),
            transport: HTTP1Transport(), clock: clock, currentDate: { clock.date }, random: { dice.next() }
        )
        let url = Self.examples.appendingPathComponent(example)
        let file = SourceFile(name: url.path, text: try String(contentsOf: url, encoding: .utf8))
        let parsed = Parser.parse(file)
        guard parsed.diagnostics.isEmpty else {
            throw SetupError(message: "\(example) does not parse: \(parsed.diagnostics.map(\.text))")
        }
        let output = CollectingOutput()
        var interpreter = Interpreter(client: client, output: output, scriptName: example)
        interpreter.confirmation = .assumeYes  // as `--yes`: the faults are in the deletes, not in the question
        if !prelude.isEmpty {
            let setup = SourceFile(name: "prelude", text: prelude)
            if case .failure = try await interpreter.checkAndRun(setup) {
                throw SetupError(message: "the prelude failed: \(output.transcript)")
            }
        }
        let before = try await StateSnapshot(emulator.control)
        let logged = await emulator.control.requests().count
        for rule in Self.faultRules { _ = await emulator.control.addFault(rule) }

        let runner = interpreter
        let program = try runner.checked(file)
        let outcome = await Self.bounded {
            var interpreter = runner
            switch await interpreter.run(program) {
            case .success: return Outcome.success
            case .failure(let failure): return Outcome.failure(failure)
            }
        }

        await emulator.control.clearFaults()
        let log = await emulator.control.requests().dropFirst(logged)
        return Report(
            outcome: outcome, before: before, after: try await StateSnapshot(emulator.control),
            requests: log.count, faulted: log.filter { $0.fault != nil }.count,
            transcript: output.transcript, diagnostics: output.diagnostics
        )
    }

    /// Runs `body`, cancelling it (and answering ``Outcome/hung``) if it is still going after ``realTimeBound``.
    private static func bounded(_ body: @escaping @Sendable () async -> Outcome) async -> Outcome {
        await withTaskGroup(of: Outcome?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await ContinuousClock().sleep(for: realTimeBound)
                return Task.isCancelled ? nil : .hung
            }
            var result = Outcome.hung
            if let first = await group.next() { result = first ?? .hung }
            group.cancelAll()
            return result
        }
    }
}

/// A set-up problem (not a finding about the code under test).
struct SetupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Numbers in 0…1 from a seed (SplitMix64), for the client's retry jitter.
final class SeededDice: Sendable {
    private let state: Mutex<UInt64>

    init(seed: UInt64) {
        state = Mutex(seed)
    }

    func next() -> Double {
        let bits = state.withLock { state -> UInt64 in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Double(bits >> 11) / Double(1 << 53)
    }
}
