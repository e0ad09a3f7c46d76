import CSBSSyntax
import Synchronization

/// The output of a `for … parallel`: items finish in any order, but their results, progress lines and
/// diagnostics reach the real output whole and in item order. The first unfinished item writes straight through
/// (its live status line too); the others are buffered until every earlier item has finished.
final class OrderedItemOutput: Sendable {
    fileprivate enum Event: Sendable {
        case result(ResultRecord)
        case progress(String)
        case diagnostic(Diagnostic, SourceFile)
        case failure(RuntimeFailure, SourceFile)
    }

    private struct State {
        var buffers: [[Event]]
        var finished: [Bool]
        /// The first item that has not been flushed: it writes straight through.
        var head = 0
    }

    private let target: any ScriptOutput
    private let state: Mutex<State>

    /// - Parameters:
    ///   - count: How many items there are.
    ///   - target: The real output.
    init(count: Int, target: any ScriptOutput) {
        self.target = target
        state = Mutex(State(buffers: Array(repeating: [], count: count), finished: Array(repeating: false, count: count)))
    }

    /// The output item `index` (0-based) writes to.
    func output(for index: Int) -> any ScriptOutput {
        ItemOutput(owner: self, index: index)
    }

    /// Marks item `index` finished and writes out every buffered item that is now first in line.
    func finish(_ index: Int) {
        state.withLock { state in
            guard state.finished.indices.contains(index) else { return }
            state.finished[index] = true
            advance(&state)
        }
    }

    /// Writes out everything still buffered, in item order (after an interruption, when some never finished).
    func flushAll() {
        state.withLock { state in
            while state.head < state.buffers.count {
                replay(state.buffers[state.head])
                state.buffers[state.head] = []
                state.head += 1
            }
        }
    }

    fileprivate func record(_ event: Event, from index: Int) {
        state.withLock { state in
            if index == state.head {
                replay([event])
            } else if state.buffers.indices.contains(index) {
                state.buffers[index].append(event)
            }
        }
    }

    fileprivate func status(_ line: String, from index: Int) {
        state.withLock { state in
            if index == state.head { target.status(line) }
        }
    }

    /// Moves the head past finished items, writing out each new head's buffer (also an unfinished one, which
    /// then goes on writing straight through).
    private func advance(_ state: inout State) {
        while state.head < state.buffers.count, state.finished[state.head] {
            state.head += 1
            guard state.head < state.buffers.count else { break }
            replay(state.buffers[state.head])
            state.buffers[state.head] = []
        }
    }

    private func replay(_ events: [Event]) {
        for event in events {
            switch event {
            case .result(let record): target.result(record)
            case .progress(let line): target.progress(line)
            case .diagnostic(let diagnostic, let file): target.diagnostic(diagnostic, in: file)
            case .failure(let failure, let file): target.failure(failure, in: file)
            }
        }
    }

    /// One item's view of the ordered output.
    private struct ItemOutput: ScriptOutput {
        let owner: OrderedItemOutput
        let index: Int

        func result(_ record: ResultRecord) { owner.record(.result(record), from: index) }
        func progress(_ line: String) { owner.record(.progress(line), from: index) }
        func status(_ line: String) { owner.status(line, from: index) }
        func diagnostic(_ diagnostic: Diagnostic, in file: SourceFile) {
            owner.record(.diagnostic(diagnostic, file), from: index)
        }
        func failure(_ failure: RuntimeFailure, in file: SourceFile) {
            owner.record(.failure(failure, file), from: index)
        }
    }
}
