/// Locks by name, so that statements converging on the same vault or policy name within one process run one at a
/// time (`for i in 1..8 parallel 8 { vault "v" size 100 }` creates one vault, not eight). Waiters are served in
/// the order they came. One instance is shared by an interpreter and every copy it makes for a parallel loop.
public actor NameLocks {
    private var held: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init() {}

    /// Runs `body` holding the lock for `key`.
    public nonisolated func withLock<T: Sendable>(_ key: String, _ body: () async throws -> T) async throws -> T {
        await acquire(key)
        do {
            let result = try await body()
            await release(key)
            return result
        } catch {
            await release(key)
            throw error
        }
    }

    private func acquire(_ key: String) async {
        guard held.contains(key) else {
            held.insert(key)
            return
        }
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    private func release(_ key: String) {
        guard var queue = waiting[key], !queue.isEmpty else {
            held.remove(key)
            return
        }
        // The lock passes straight to the next waiter: `held` keeps the key.
        let next = queue.removeFirst()
        waiting[key] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
