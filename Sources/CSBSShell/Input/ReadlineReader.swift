import CReadline
import CSBSPlatform
import Dispatch
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What readline's C callbacks share with Swift. C callbacks cannot capture context and readline is a
/// process-wide singleton, so this one lock-protected value is the bridge; it is only touched from the
/// reader's own thread and from ``ReadlineReader``'s methods.
private struct CallbackState: Sendable {
    var received: LineEvent?
    var completer: (@Sendable (CompletionRequest) -> CompletionResult)?
    var pendingLines: [String] = []
    /// The descriptions of the last completion's candidates, for ``displayHandler``.
    var descriptions: [String: String] = [:]
}

private let callbackState = Mutex(CallbackState())

/// Called by readline with a finished line (malloc'ed, ours to free) or NULL at end of input. The handler is
/// removed right here: left installed, readline would print the prompt again for a next line at once.
private let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { pointer in
    rl_callback_handler_remove()
    let event: LineEvent
    if let pointer {
        event = .line(String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self))
        free(pointer)
    } else {
        event = .endOfInput
    }
    callbackState.withLock { $0.received = event }
}

/// Called by readline on Tab. Returns a NULL-terminated, malloc'ed array: the replacement text first,
/// then the candidates (what readline lists on a second Tab).
private let completionHandler: @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { _, start, _ in
        csbs_rl_set_attempted_completion_over(1)
        let (completer, pending) = callbackState.withLock { ($0.completer, $0.pendingLines) }
        guard let completer, let buffer = csbs_rl_line_buffer() else { return nil }
        let point = Int(csbs_rl_point())
        let bytes = UnsafeRawBufferPointer(start: buffer, count: min(point, strlen(buffer)))
        let before = String(decoding: bytes, as: UTF8.self)
        var result = completer(CompletionRequest(textBeforeCursor: before, pendingLines: pending))
        // readline replaces the word it found, from `start`: the candidates are made to replace that one.
        result.candidates = Completer.candidates(
            result.candidates, replacingLast: result.wordLength, of: before, fromEditorWordAt: Int(start)
        )
        guard !result.candidates.isEmpty else { return nil }
        csbs_rl_set_completion_append_character(result.endsWord ? 0x20 : 0)
        callbackState.withLock { $0.descriptions = result.descriptions }
        csbs_rl_set_display_matches_hook(result.descriptions.isEmpty ? nil : displayHandler)
        let replacement = Completer.commonPrefix(of: result.candidates)
        let matches = result.candidates.count == 1 ? [replacement] : [replacement] + result.candidates
        let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: matches.count + 1)
        for (index, match) in matches.enumerated() { array[index] = strdup(match) }
        array[matches.count] = nil
        // readline frees the array with free(): hand it a malloc'ed copy of the pointers.
        let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (matches.count + 1)
        guard let raw = malloc(size) else {
            array.deallocate()
            return nil
        }
        raw.copyMemory(from: array, byteCount: size)
        array.deallocate()
        return raw.assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self)
    }

/// Called by readline to list the candidates (a second Tab) when some have descriptions: lists `ID  (name)`
/// in readline's columns, then redraws the prompt and the line.
private let displayHandler: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, Int32, Int32) -> Void = {
    matches, count, _ in
    guard let matches, count > 0 else { return }
    let descriptions = callbackState.withLock { $0.descriptions }
    var shown: [String] = []
    for index in 0...Int(count) {
        let match = matches[index].map { String(cString: $0) } ?? ""
        shown.append(descriptions[match].map { match + "  (" + $0 + ")" } ?? match)
    }
    let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: shown.count + 1)
    for (index, text) in shown.enumerated() { array[index] = strdup(text) }
    array[shown.count] = nil
    let widest = shown.dropFirst().map { $0.utf8.count }.max() ?? 0
    rl_crlf()
    rl_display_match_list(array, count, Int32(widest))
    rl_forced_update_display()
    for index in 0..<shown.count { free(array[index]) }
    array.deallocate()
}

/// Line editing with GNU readline: Emacs/vi keys and `~/.inputrc` (application name `csbs`), in-session
/// history, Tab completion, and Ctrl-C that abandons the typed line instead of killing the process.
///
/// Reads happen on a dedicated serial queue (readline blocks), polling standard input so that an
/// interrupt routed by ``InterruptRouter`` is noticed promptly. The terminal is in readline's raw mode only
/// while a read is in progress, so output printed between reads (and after a crash of anything else) sees
/// a normal terminal.
public final class ReadlineReader: LineReader {
    private let queue = DispatchQueue(label: "csbs.readline")
    private let interrupts: InterruptRouter
    private let terminalEvents = TerminalEvents()

    /// Creates the reader. Only one should exist per process (readline is a singleton).
    /// - Parameter interrupts: Where SIGINT is routed; the reader asks it whether Ctrl-C was pressed.
    public init(interrupts: InterruptRouter) {
        self.interrupts = interrupts
        csbs_rl_configure()
        csbs_rl_set_attempted_completion(completionHandler)
        terminalEvents.install()
    }

    /// Where the prompt, the echo and the line breaks the reader adds go: standard error when standard output
    /// is redirected to a file or pipe, so that it gets only results.
    private var echo: Int32 { csbs_rl_output_is_stderr() != 0 ? STDERR_FILENO : STDOUT_FILENO }

    public func read(prompt: String) async -> LineEvent {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.readBlocking(prompt: prompt)) }
        }
    }

    public func remember(_ entry: String) {
        queue.sync { add_history(entry) }
    }

    public func setCompleter(_ completer: (@Sendable (CompletionRequest) -> CompletionResult)?) {
        callbackState.withLock { $0.completer = completer }
    }

    /// Tells completion which lines of an unfinished statement came before the current one.
    public func setPendingLines(_ lines: [String]) {
        callbackState.withLock { $0.pendingLines = lines }
    }

    private func readBlocking(prompt: String) -> LineEvent {
        callbackState.withLock { $0.received = nil }
        interrupts.beginReading()
        defer { interrupts.endReading() }
        rl_callback_handler_install(prompt, lineHandler)
        // A resize while a command ran: the prompt just drawn used the old width.
        if terminalEvents.takeResize() { csbs_rl_resize() }
        _ = terminalEvents.takeContinue()
        while true {
            if interrupts.takeReadInterrupt() {
                // Shown before the line is abandoned: leaving readline's mode returns the cursor to the line start.
                FileDescriptors.writeAll("^C".utf8, to: echo)
                csbs_rl_abandon_line()
                FileDescriptors.writeAll("\n".utf8, to: echo)
                return .interrupted
            }
            if terminalEvents.takeResize() { csbs_rl_resize() }
            if terminalEvents.takeContinue() { csbs_rl_resume() }
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 50)
            if ready < 0 {
                if errno == EINTR { continue }
                csbs_rl_restore_terminal()
                return .endOfInput
            }
            guard ready > 0 else { continue }
            if descriptor.revents & Int16(POLLIN) == 0 {
                // Hang-up or error on the terminal: treat as the end of input.
                csbs_rl_restore_terminal()
                return .endOfInput
            }
            rl_callback_read_char()
            if let event = callbackState.withLock({ state -> LineEvent? in
                defer { state.received = nil }
                return state.received
            }) {
                csbs_rl_restore_terminal()
                if event == .endOfInput { FileDescriptors.writeAll("\n".utf8, to: echo) }
                return event
            }
        }
    }
}
