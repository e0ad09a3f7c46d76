import Dispatch
import Synchronization

/// The threads a long file's check may use: its parse (``ParsePieces``) and its name resolution
/// (``Resolver``'s chunks).
public struct ParseThreads: Sendable {
    /// At most this many threads, the calling one included.
    public var count: Int
    /// Called on each thread before it parses its piece, with the piece's length in bytes (`csbs check` makes room
    /// on the thread's heap there).
    public var prepare: @Sendable (_ pieceBytes: Int) -> Void

    public init(count: Int, prepare: @escaping @Sendable (_ pieceBytes: Int) -> Void = { _ in }) {
        self.count = count
        self.prepare = prepare
    }

    /// The calling thread alone.
    public static let callingThreadOnly = ParseThreads(count: 1)

    /// `body` of each index in `0..<count`, each on a thread of its own (the calling thread one of them), in index
    /// order.
    static func concurrentMap<Value: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Value) -> [Value] {
        let slots = Slots<Value>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(body(index), at: index)
        }
        return slots.values()
    }
}

/// The results of ``ParseThreads/concurrentMap(_:_:)``, each stored by the thread that made it.
private final class Slots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) {
        slots = Mutex(Array(repeating: nil, count: count))
    }

    func store(_ value: Value, at index: Int) {
        slots.withLock { $0[index] = value }
    }

    func values() -> [Value] {
        slots.withLock { $0.map { $0! } }
    }
}
