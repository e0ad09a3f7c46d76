import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Testing

/// `now()`, service timestamps as times, differences and comparisons with durations. The emulator harness's
/// virtual clock starts at 2026-09-21T14:13:20Z, and `now()` reads the client's clock, never the wall clock.
@Suite("Times")
struct TimeTests {
    private func run(_ text: String) async throws -> (echoes: [String], failure: RuntimeFailure?) {
        let output = CollectingOutput()
        let outcome = try await withEmulator { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            return try await interpreter.checkAndRun(SourceFile(name: "t.csbs", text: text))
        }
        let echoes = output.results.filter { $0.kind == "echo" }.map(\.summary)
        if case .failure(let failure) = outcome { return (echoes, failure) }
        return (echoes, nil)
    }

    @Test func nowIsTheRunsClockInUTC() async throws {
        let (echoes, failure) = try await run("""
            let t = now()
            sleep 90s
            echo $t (now() - $t) (now() - 1d) string(now()) {at: $t}
            """)
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(echoes == [#"2026-09-21T14:13:20Z 1m30s 2026-09-20T14:14:50Z 2026-09-21T14:14:50Z {"at":"2026-09-21T14:13:20Z"}"#])
    }

    @Test func serviceTimestampsAreTimesWhereATimeIsNeeded() async throws {
        let (echoes, failure) = try await run("""
            let b = {created_at: "2026-09-14T14:13:19.678916", older: "2026-09-01 00:00:00+08:00"}
            if now() - $b.created_at > 7d { echo "older than a week" }
            if now() - $b.created_at < 8d { echo "younger than eight days" }
            echo (now() - $b.older) ($b.created_at < now()) (time($b.older)) (time($b.created_at) + 1h)
            echo ("2026-09-21T14:13:20Z" == now()) ((now() - time("2026-09-21T13:13:20Z")) / 1m)
            """)
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(echoes == [
            "older than a week", "younger than eight days",
            "20d22h13m20s true 2026-08-31T16:00:00Z 2026-09-14T15:13:19Z",
            "true 60",
        ])
    }

    @Test func textThatIsNotATimestampIsATypeError() async throws {
        for text in [#"echo (now() - "yesterday")"#, #"echo time("2026-09-21T14:13:20Zjunk")"#, #"echo (now() < "2026-09-21")"#] {
            let (_, failure) = try await run(text)
            #expect(failure?.diagnostic.id.description == "runtime.typeMismatch", "\(text)")
        }
        let (_, compared) = try await run(#"echo (now() < "2026-09-21")"#)
        #expect(compared?.diagnostic.text.contains("the string is not a time such as 2026-12-06T13:22:22Z") == true)
        let (_, plus) = try await run("echo (now() + now())")
        #expect(plus?.diagnostic.text == "cannot use '+' on time 2026-09-21T14:13:20Z and time 2026-09-21T14:13:20Z")
    }
}
