import CSBSClient

/// How one resource of a set statement (`attach` or `detach` of several) ended.
public protocol ResourceSetResult: Sendable, Hashable {
    /// What a resource counts as when its outcome was never recorded (nothing was sent for it).
    static var untouched: Self { get }
    /// Why it failed; `nil` when it did not.
    var failure: ClientError? { get }
}

/// What a set statement did to a vault, resource by resource, in the order asked (each resource once).
public struct ResourceSetOutcome<Result: ResourceSetResult>: Sendable, Hashable {
    /// The vault as last seen, with this statement's changes.
    public var vault: Vault
    /// Each resource with how it ended, in the order asked (each once).
    public var results: [(id: String, result: Result)] {
        order.map { ($0, outcomes[$0] ?? .untouched) }
    }

    /// The resources that failed, with why.
    public var failures: [(id: String, error: ClientError)] {
        results.compactMap { entry in entry.result.failure.map { (entry.id, $0) } }
    }

    var order: [String]
    var outcomes: [String: Result] = [:]

    /// An outcome with nothing recorded yet for `resourceIDs` (a repeated ID counts once, where it first stands).
    init(vault: Vault, resourceIDs: [String]) {
        self.vault = vault
        var seen = Set<String>()
        order = resourceIDs.filter { seen.insert($0).inserted }
    }
}
