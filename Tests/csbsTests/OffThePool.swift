import Dispatch

/// Runs `body`, which blocks (waits on a child process or a pipe), on a dispatch thread and waits for it without
/// holding a thread of Swift's concurrency pool.
///
/// The pool has as many threads as the machine has processors (two here), and the suite's tests share it: a test
/// that blocked one while a loaded machine started a child starved every other test of the process, and the
/// terminal tests' polls, which wait in real time, ran out of time with the shell long at its prompt.
func offThePool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
