import CSBSSyntax

/// Where `confirm MESSAGE` gets its answer: a setting of each run, given by whoever starts it (the batch runner
/// from `--yes` and whether there is a terminal, the shell, a test), never read from a global.
public enum ConfirmationSource: Sendable {
    /// What a prompter heard.
    public enum Answer: Sendable, Hashable {
        /// A line typed (without its line break).
        case line(String)
        /// The input ended (Ctrl-D, a closed terminal) before a line.
        case endOfInput
        /// Ctrl-C while asking.
        case interrupted
    }

    /// Shows the question (already escaped for a terminal) and waits for one line.
    public typealias Prompter = @Sendable (_ question: String) async -> Answer

    /// `--yes`: every question counts as answered yes; it is shown as a progress line, not asked.
    case assumeYes
    /// No one to ask (not a terminal) and no `--yes`: a `confirm` stops the run (`runtime.confirmNeedsYes`, exit
    /// status 64). The default, so a run that was not told how to ask never goes on unconfirmed.
    case refuse
    /// Ask through `prompter` (a terminal, the shell's line input, a test).
    case ask(Prompter)

    /// Whether `answer` is a yes: `y` or `yes` in any case, blanks around it ignored.
    public static func isYes(_ answer: String) -> Bool {
        let words = answer.split(whereSeparator: \.isWhitespace)
        return words.count == 1 && ["y", "yes"].contains(words[0].lowercased())
    }
}

extension Interpreter {
    /// `confirm MESSAGE`: asks MESSAGE and goes on only after `y` or `yes`. Anything else, or the end of input,
    /// stops the run with `runtime.notConfirmed` — an assertion failure (exit status 1) that `try` may catch and
    /// `on error continue` never passes; Ctrl-C is an interruption. A dry run shows the question and assumes yes.
    mutating func execute(_ statement: ConfirmStmt) async throws {
        // The check refuses a `confirm` written in a parallel body; one a computed `source` brings in is refused here.
        if fanOut != nil {
            throw RuntimeFailure.make(.usage, ResolveMessage.confirmInParallel(domain: "runtime"), at: statement.range)
        }
        let question = try await evaluate(statement.message).description
        let shown = TerminalText.escaped(question)
        if isDryRun {
            output.result(
                ResultRecord(
                    kind: "confirm", fields: [.init("message", .string(question)), .init("assumed", .bool(true))],
                    summary: "would ask: \(shown), assumed yes"
                )
            )
            return
        }
        switch confirmation {
        case .assumeYes:
            output.progress("confirm: \(shown) yes (--yes)")
        case .refuse:
            throw RuntimeFailure.make(.usage, RuntimeMessages.confirmNeedsYes(question), at: statement.range)
        case .ask(let prompter):
            switch await prompter(shown + " [y/N] ") {
            case .line(let answer) where ConfirmationSource.isYes(answer):
                return
            case .line(let answer):
                throw RuntimeFailure.make(.assertion, RuntimeMessages.notConfirmed(question, answer: answer), at: statement.range)
            case .endOfInput:
                throw RuntimeFailure.make(.assertion, RuntimeMessages.notConfirmed(question, answer: nil), at: statement.range)
            case .interrupted:
                throw RuntimeFailure.interrupted("asking to confirm", then: .nothingStarted, at: statement.range)
            }
        }
    }
}
