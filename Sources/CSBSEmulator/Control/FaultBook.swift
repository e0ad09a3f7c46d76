import Synchronization

/// The active fault rules, in the order they were added, with what is left of their counts.
final class FaultBook: Sendable {
    private struct State {
        var rules: [FaultRule] = []
        var nextNumber = 1
    }

    private let state = Mutex(State())
    private let random: IdentifierSource

    /// - Parameter random: Decides probabilistic hits (seeded for reproducible runs).
    init(random: IdentifierSource) {
        self.random = random
    }

    /// Adds a rule and returns its id (`fault-1`, `fault-2`, …).
    func add(_ rule: FaultRule) -> String {
        state.withLock { state in
            var rule = rule
            let id = "fault-\(state.nextNumber)"
            state.nextNumber += 1
            rule.id = id
            state.rules.append(rule)
            return id
        }
    }

    /// The active rules, `count` showing what is left.
    var rules: [FaultRule] {
        state.withLock(\.rules)
    }

    /// Removes every rule.
    func clear() {
        state.withLock { $0.rules.removeAll() }
    }

    /// The first rule that hits a request for `operation`; a counted rule is used up by the hit.
    func hit(operation: String) -> FaultRule? {
        state.withLock { state in
            for index in state.rules.indices {
                let rule = state.rules[index]
                guard rule.operation == "*" || rule.operation == operation else { continue }
                if let probability = rule.probability, random.unit() >= probability { continue }
                if let count = rule.count {
                    if count <= 1 { state.rules.remove(at: index) } else { state.rules[index].count = count - 1 }
                }
                return rule
            }
            return nil
        }
    }
}
