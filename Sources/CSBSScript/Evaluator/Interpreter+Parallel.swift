import CSBSClient
import CSBSSyntax

/// What the body of a `for … parallel` runs with, besides its copy of the interpreter.
struct FanOut: Sendable {
    /// Shared by every item (and nested parallel loops), so that waits on checkpoints are settled by one
    /// backup listing per vault per round instead of one show call each.
    let poller: CheckpointPoller
    /// How many scopes belong to the code around the loop: `set` may not change a variable declared in them.
    let barrier: Int
}

/// How one item of a `for … parallel` ended.
enum ParallelItemOutcome: Sendable {
    case succeeded
    case failed(RuntimeFailure)
    /// Never started, because the loop was interrupted first.
    case cancelled

    var name: String {
        switch self {
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }
}

extension Interpreter {
    /// `for NAME in LIST parallel N { … }`: runs the body for up to N items at once, each in its own copy of the
    /// interpreter (its `let`s, selected vault and `on error` mode stay inside it; it starts under
    /// `on error stop`). Each item's output is printed whole and in item order, then one `parallel` summary
    /// record. A failing item does not stop the others; when all have ended, the statement fails if any item
    /// failed (see ``parallelFailure(_:elements:at:)``). Cancellation cancels every item.
    mutating func executeParallel(
        _ statement: ForStmt, clause: ParallelClause, elements: [Value], in file: SourceFile
    ) async throws {
        let width = try await parallelWidth(clause)
        var base = self
        base.fanOut = FanOut(poller: fanOut?.poller ?? CheckpointPoller(client: client), barrier: scopes.count)
        base.errorMode = .stop
        base.guardingBodies = 0  // a `try` around the loop catches the loop's failure, not an item's
        let ordered = OrderedItemOutput(count: elements.count, target: output)
        let outcomes = await withTaskGroup(of: (Int, ParallelItemOutcome).self) { group in
            var outcomes = Array(repeating: ParallelItemOutcome.cancelled, count: elements.count)
            var next = 0
            func startNext(_ group: inout TaskGroup<(Int, ParallelItemOutcome)>) {
                let index = next
                next += 1
                var item = base
                item.output = ordered.output(for: index)
                let element = elements[index]
                group.addTask {
                    (index, await item.runParallelItem(statement, element: element, in: file))
                }
            }
            while next < min(width, elements.count) { startNext(&group) }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                ordered.finish(index)
                if next < elements.count, !Task.isCancelled { startNext(&group) }
            }
            return outcomes
        }
        ordered.flushAll()
        let summary = parallelSummary(outcomes, elements: elements)
        output.result(summary)
        if Task.isCancelled {
            throw RuntimeFailure.interrupted("running a parallel 'for'", then: .workKeepsRunning, at: clause.range)
        }
        if var failure = parallelFailure(outcomes, elements: elements, at: clause.range) {
            // Which items failed, for a script that goes on (to try those again): `$error.result.items`.
            failure.result = summary
            throw failure
        }
    }

    /// Runs the body for one element in this (copied) interpreter; failures are reported to the item's output.
    mutating func runParallelItem(_ statement: ForStmt, element: Value, in file: SourceFile) async
        -> ParallelItemOutcome
    {
        do {
            if try await executeIteration(statement.body, in: file, bindings: [statement.name: element]) == .break {
                // The check rejects `break` here; this covers code it cannot see.
                throw RuntimeFailure.command(LoopMessage.breakInParallel(domain: "runtime"), at: statement.body.range)
            }
            return .succeeded  // `continue` ends this item
        } catch {
            var failure = Self.failure(from: error, at: statement.body.range)
            if case .exit = failure.category {
                // `exit` would end the whole script from one item; the check rejects it, this covers `source`.
                failure = .command(ResolveMessage.exitInParallel(domain: "runtime"), at: failure.diagnostic.range)
            }
            if !failure.isReported {
                output.failure(failure, in: file)
                failure.isReported = true
            }
            return .failed(failure)
        }
    }

    /// N of `parallel N`: an integer from 1 to ``ParallelClause/maximumWidth``.
    mutating func parallelWidth(_ clause: ParallelClause) async throws -> Int {
        let value = try await evaluate(clause.width)
        guard let width = value.integerConversion, (1...ParallelClause.maximumWidth).contains(width) else {
            let message = "'parallel' takes how many items run at once, from 1 to \(ParallelClause.maximumWidth), "
                + "not \(value.description.debugDescription)"
            throw RuntimeFailure.badArgument(message, at: clause.width.range)
        }
        return width
    }

    /// `{kind: "parallel", total, succeeded, failed, items: [{item, status, error?}]}`.
    func parallelSummary(_ outcomes: [ParallelItemOutcome], elements: [Value]) -> ResultRecord {
        var rows: [Value] = []
        var succeeded = 0
        for (outcome, element) in zip(outcomes, elements) {
            var fields: [Record.Field] = [.init("item", element), .init("status", .string(outcome.name))]
            switch outcome {
            case .succeeded: succeeded += 1
            case .failed(let failure): fields.append(.init("error", .string(failure.diagnostic.text)))
            case .cancelled: break
            }
            rows.append(.record(Record(fields)))
        }
        let failed = outcomes.count - succeeded
        return ResultRecord(
            kind: "parallel",
            fields: [
                .init("total", .integer(outcomes.count)), .init("succeeded", .integer(succeeded)),
                .init("failed", .integer(failed)), .init("items", .list(rows)),
            ],
            summary: "parallel for: \(outcomes.count) item\(outcomes.count == 1 ? "" : "s"), \(succeeded) succeeded, "
                + "\(failed) failed"
        )
    }

    /// The failure of the whole statement when any item failed: `runtime.parallelFailed`, with the count and the
    /// first failure (its code and client error, if any, stay attached so `$error.code` and `$error.status` show
    /// them). Its category, which picks the exit status under `on error stop`, is the first non-recoverable one
    /// among the items (an `assert`, an interruption), else `waitTimeout` when every failure was a timeout, else
    /// `command`. `on error continue` goes on after it unless the loop was interrupted.
    func parallelFailure(_ outcomes: [ParallelItemOutcome], elements: [Value], at range: SourceRange)
        -> RuntimeFailure?
    {
        var failures: [(index: Int, failure: RuntimeFailure)] = []
        for (index, outcome) in outcomes.enumerated() {
            if case .failed(let failure) = outcome { failures.append((index, failure)) }
        }
        guard let first = failures.first else { return nil }
        let category: RuntimeFailure.Category
        if let fatal = failures.first(where: { !$0.failure.category.isRecoverable }) {
            category = fatal.failure.category
        } else if failures.allSatisfy({ $0.failure.category == .waitTimeout }) {
            category = .waitTimeout
        } else {
            category = .command
        }
        let text = "\(failures.count) of \(outcomes.count) items failed; the first, item \(first.index + 1) "
            + "(\(Self.itemLabel(elements[first.index]))): \(first.failure.diagnostic.text)"
        let message = SimpleDiagnosticMessage(id: MessageID(domain: "runtime", name: "parallelFailed"), message: text)
        var failure = RuntimeFailure.make(category, message, at: range, underlying: first.failure.underlying)
        // The items' failures are already reported and ended only their items: under `on error continue` the
        // script goes on after the loop (unless it was interrupted), with `$error.code` the first failure's.
        failure.isRecoverable = category != .interrupted
        failure.itemCode = first.failure.code
        return failure
    }

    /// A short name for an item: a record's `name` or `id`, else the value itself, abbreviated.
    static func itemLabel(_ value: Value) -> String {
        if case .record(let record) = value {
            for key in ["name", "id"] {
                if case .string(let text)? = record[key] { return text }
            }
        }
        let text = value.description
        return text.count <= 60 ? text : String(text.prefix(59)) + "…"
    }
}
