@testable import CSBSShell
import Foundation
import Synchronization
import Testing

/// A terminal that types the given events in order, then Ctrl-D; it records prompts and remembered entries.
private final class ScriptedReader: LineReader {
    private let state: Mutex<(events: [LineEvent], prompts: [String], remembered: [String])>
    private let completerBox = Mutex<(@Sendable (CompletionRequest) -> CompletionResult)?>(nil)

    init(_ events: [LineEvent]) {
        state = Mutex((events, [], []))
    }

    func read(prompt: String) async -> LineEvent {
        state.withLock { state in
            state.prompts.append(prompt)
            return state.events.isEmpty ? .endOfInput : state.events.removeFirst()
        }
    }

    func remember(_ entry: String) { state.withLock { $0.remembered.append(entry) } }

    func setCompleter(_ completer: (@Sendable (CompletionRequest) -> CompletionResult)?) {
        completerBox.withLock { $0 = completer }
    }

    private let pendingBox = Mutex<[[String]]>([])
    func setPendingLines(_ lines: [String]) { pendingBox.withLock { $0.append(lines) } }
    /// What completion was told before each read: the earlier lines of the unfinished input.
    var pendingLines: [[String]] { pendingBox.withLock { $0 } }

    var prompts: [String] { state.withLock { $0.prompts } }
    var remembered: [String] { state.withLock { $0.remembered } }
    func complete(_ text: String) -> CompletionResult? {
        completerBox.withLock { $0 }?(CompletionRequest(textBeforeCursor: text))
    }
}

/// An engine whose inputs are complete when braces balance; `slow` waits until cancelled.
private actor RecordingEngine: ShellEngine {
    var evaluated: [String] = []
    var cancelled = false

    func completeness(of text: String) -> InputCompleteness {
        text.filter { $0 == "{" }.count > text.filter { $0 == "}" }.count ? .incomplete : .complete
    }

    func evaluate(_ text: String) async -> EvaluationOutcome {
        evaluated.append(text)
        if text == "slow" {
            while !Task.isCancelled { await Task.yield() }
            cancelled = true
            return .interrupted
        }
        if text.hasPrefix("exit ") { return .exit(Int32(text.dropFirst(5)) ?? 1) }
        return .succeeded
    }

    func prompt() -> String { "csbs> " }

    func completionCatalog() -> CompletionCatalog {
        CompletionCatalog(statements: ["vault", "vaults"], vaultNames: ["my_vault"])
    }

    func help(topic: String?) -> String { "help about \(topic ?? "everything")\n" }

    /// After `profile lab` the engine's connection has another password.
    func secrets() -> Set<String> { evaluated.contains("profile lab") ? ["lab-password-123"] : [] }
}

/// An engine whose backend listing never arrives (a slow cloud); statements need no backend.
private struct SlowCatalogEngine: ShellEngine {
    func completeness(of text: String) -> InputCompleteness { .complete }
    func evaluate(_ text: String) async -> EvaluationOutcome { .succeeded }
    func prompt() -> String { "csbs> " }
    func completionCatalog() async -> CompletionCatalog {
        while !Task.isCancelled { await Task.yield() }
        return CompletionCatalog()
    }
    func immediateCatalog() -> CompletionCatalog { CompletionCatalog(statements: ["vault", "vaults"]) }
    func help(topic: String?) -> String { "" }
}

private final class Transcript: Sendable {
    private let lines = Mutex<[String]>([])
    func write(_ text: String) { lines.withLock { $0.append(text) } }
    var text: String { lines.withLock { $0.joined() } }
}

@Suite struct ShellSessionTests {
    private func session(_ reader: ScriptedReader, _ engine: RecordingEngine, _ transcript: Transcript) -> ShellSession {
        ShellSession(reader: reader, engine: engine, interrupts: InterruptRouter(), write: { transcript.write($0) })
    }

    @Test func unfinishedBlocksContinueOnASecondaryPrompt() async {
        let reader = ScriptedReader([.line("for s in $servers {"), .line("  echo $s"), .line("}"), .line("vaults")])
        let engine = RecordingEngine()
        let status = await session(reader, engine, Transcript()).run(history: History(path: nil))
        #expect(status == 0)
        #expect(await engine.evaluated == ["for s in $servers {\n  echo $s\n}", "vaults"])
        #expect(reader.prompts == ["csbs> ", ShellSession.continuationPrompt, ShellSession.continuationPrompt, "csbs> ", "csbs> "])
        #expect(reader.pendingLines == [[], ["for s in $servers {"], ["for s in $servers {", "  echo $s"], [], []])
    }

    @Test func historyDesignatorsAtTheStartOfAnInputAreExpandedAndShown() async {
        let reader = ScriptedReader([
            .line("vaults"), .line("echo 1"), .line("!!"), .line("!1 limit 5"), .line("!-2"), .line("!ech"),
            .line("!9"), .line("!vaults"), .line("history"),
        ])
        let engine = RecordingEngine()
        let transcript = Transcript()
        _ = await session(reader, engine, transcript).run(history: History(path: nil))
        #expect(await engine.evaluated == ["vaults", "echo 1", "echo 1", "vaults limit 5", "echo 1", "echo 1", "vaults limit 5"])
        // What was run is shown first, as bash does; a designator matching nothing runs nothing.
        #expect(transcript.text.hasPrefix("echo 1\nvaults limit 5\necho 1\necho 1\ncsbs: !9: event not found\n"))
        // The expanded input is what history keeps (duplicates of the one before skipped).
        #expect(transcript.text.contains("3  vaults limit 5\n"))
    }

    @Test func editOpensTheLastEntryOrTheUnfinishedBlockAndRunsWhatComesBack() async {
        let seen = Mutex<[String]>([])
        let reader = ScriptedReader([.line("vaults"), .line("\\e"), .line("if true {"), .line("edit"), .line("\\e")])
        let engine = RecordingEngine()
        let transcript = Transcript()
        let shell = ShellSession(
            reader: reader, engine: engine, interrupts: InterruptRouter(),
            edit: { text in
                let count = seen.withLock { seen in
                    seen.append(text)
                    return seen.count
                }
                switch count {
                case 1: return "vaults limit 5\n"
                case 2: return text + "  echo 1\n}\n"
                default: return "\n"
                }
            },
            write: { transcript.write($0) }
        )
        _ = await shell.run(history: History(path: nil))
        #expect(seen.withLock { $0 } == ["vaults\n", "if true {\n", "if true {\n  echo 1\n}\n"])
        #expect(await engine.evaluated == ["vaults", "vaults limit 5", "if true {\n  echo 1\n}"])
        #expect(transcript.text.contains("vaults limit 5\n"))
        #expect(transcript.text.contains("the edited input is empty; nothing was run"))
    }

    @Test func ctrlCAtThePromptAbandonsThePendingLines() async {
        let reader = ScriptedReader([.line("if true {"), .interrupted, .line("vaults")])
        let engine = RecordingEngine()
        _ = await session(reader, engine, Transcript()).run(history: History(path: nil))
        #expect(await engine.evaluated == ["vaults"])
    }

    @Test func exitLeavesWithItsStatusAndHistoryIsSaved() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-shell-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history"
        let reader = ScriptedReader([.line("vaults"), .line("exit 3"), .line("never")])
        let engine = RecordingEngine()
        let status = await session(reader, engine, Transcript()).run(history: History(path: path))
        #expect(status == 3)
        var reloaded = History(path: path)
        try reloaded.load()
        #expect(reloaded.entries == ["vaults", "exit 3"])
    }

    @Test func historyFromAnEarlierSessionIsOfferedAgain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-shell-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history"
        var earlier = History(path: path)
        earlier.record("backup wait")
        try earlier.save()
        let reader = ScriptedReader([])
        _ = await session(reader, RecordingEngine(), Transcript()).run(history: History(path: path))
        #expect(reader.remembered == ["backup wait"])
    }

    @Test func shellCommandsHelpHistoryAndSave() async throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-session-\(UUID().uuidString).csbs").path
        defer { try? FileManager.default.removeItem(atPath: script) }
        let reader = ScriptedReader([
            .line("vaults"), .line("help vault"), .line("history"), .line("history save \(script)"), .line("quit"),
        ])
        let engine = RecordingEngine()
        let transcript = Transcript()
        _ = await session(reader, engine, transcript).run(history: History(path: nil))
        #expect(transcript.text.contains("help about vault"))
        #expect(transcript.text.contains("1  vaults"))
        #expect(try String(contentsOfFile: script, encoding: .utf8) == "#!/usr/bin/env csbs\nvaults\n")
        #expect(await engine.evaluated == ["vaults"])
    }

    @Test func completionUsesTheEnginesCatalog() async {
        let reader = ScriptedReader([.line("vaults")])
        let engine = RecordingEngine()
        _ = await session(reader, engine, Transcript()).run(history: History(path: nil))
        // In an open string readline's word starts after the quote: the candidates leave it out.
        #expect(reader.complete("vault \"m")?.candidates == ["my_vault\""])
    }

    /// The first snapshot lists the backend and may arrive after the one asked for after a `let`; it must not
    /// take the new variable away from completion (Tab on `$cou` offered nothing until the next input).
    @Test func aSnapshotAskedForEarlierNeverReplacesALaterOne() {
        let box = CatalogBox()
        let first = box.nextRequest()
        let second = box.nextRequest()
        box.set(CompletionCatalog(variables: ["counter"]), request: second)
        box.set(CompletionCatalog(vaultNames: ["my_vault"]), request: first)
        #expect(box.value.variables == ["counter"])
        let third = box.nextRequest()
        box.set(CompletionCatalog(variables: ["counter", "x"]), request: third)
        #expect(box.value.variables == ["counter", "x"])
    }

    @Test func aSlowBackendNeverKeepsTabFromOfferingTheStatements() async {
        let reader = ScriptedReader([])
        _ = await ShellSession(reader: reader, engine: SlowCatalogEngine(), interrupts: InterruptRouter(), write: { _ in })
            .run(history: History(path: nil))
        // The backend's listing never comes; what needs no backend is offered after a short wait.
        #expect(reader.complete("vau")?.candidates == ["vault", "vaults"])
    }

    @Test func ctrlCWhileRunningCancelsTheCommand() async {
        let interrupts = InterruptRouter()
        let engine = RecordingEngine()
        let outcome = Task { await interrupts.run { await engine.evaluate("slow") } }
        while await engine.evaluated.isEmpty { await Task.yield() }
        interrupts.interrupt()
        #expect(await outcome.value == .interrupted)
        #expect(await engine.cancelled)
    }

    @Test func shellCommandsTakeQuotedPathsHomeCountsAndStatuses() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/my dir", withIntermediateDirectories: true)
        let reader = ScriptedReader([
            .line("vaults"), .line("servers"), .line("history 1"), .line(#"history save "~/my dir/s.csbs""#),
            .line("history save"), .line("help show backup"), .line("HELP Vault"), .line("quit 3"),
        ])
        let engine = RecordingEngine()
        let transcript = Transcript()
        let shell = ShellSession(
            reader: reader, engine: engine, interrupts: InterruptRouter(), home: home, write: { transcript.write($0) }
        )
        let status = await shell.run(history: History(path: nil))
        #expect(status == 3)
        #expect(transcript.text.contains("2  servers\n"))
        #expect(!transcript.text.contains("1  vaults"))
        #expect(try String(contentsOfFile: home + "/my dir/s.csbs", encoding: .utf8) == "#!/usr/bin/env csbs\nvaults\nservers\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: home + "/my dir/s.csbs")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(transcript.text.contains("usage: history save FILE"))
        #expect(transcript.text.contains("help about show backup"))
        #expect(transcript.text.contains("help about Vault"))
        #expect(await engine.evaluated == ["vaults", "servers"])
    }

    @Test func aProfilesSecretIsKeptOutOfHistoryOnceSwitchedTo() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-shell-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history"
        let reader = ScriptedReader([.line("profile lab"), .line(#"echo "lab-password-123""#), .line("vaults")])
        _ = await session(reader, RecordingEngine(), Transcript()).run(history: History(path: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "profile lab\nvaults\n")
    }

    @Test func aHistoryFileThatCannotBeWrittenIsReportedOnceWithItsPath() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-shell-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let reader = ScriptedReader([.line("vaults"), .line("servers")])
        let transcript = Transcript()
        _ = await session(reader, RecordingEngine(), transcript).run(history: History(path: directory))
        #expect(transcript.text == "csbs: history is kept in memory only: \(directory): it is a directory\n")
    }
}
