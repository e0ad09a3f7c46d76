/// Guards a parser loop against spinning without consuming tokens.
///
/// Call ``evaluate(_:)`` with the current token index at the top of every iteration. If the index did not move
/// since the last call, a debug build traps and a release build ends the loop, so bad input can never hang.
struct LoopProgressCondition {
    private var lastIndex: Int?

    mutating func evaluate(_ index: Int) -> Bool {
        defer { lastIndex = index }
        guard let lastIndex else { return true }
        assert(index > lastIndex, "parser loop made no progress at token \(index)")
        return index > lastIndex
    }
}
