import CSBSClient
import CSBSSyntax

/// The failures the runbook operations' errors become, located in the statement.
extension RuntimeFailure {
    /// `runtime.ambiguousVault` at the vault name, `runtime.vaultTypeMismatch` at the statement.
    static func vault(_ error: VaultConvergenceError, name: SourceRange, statement: SourceRange) -> RuntimeFailure {
        switch error {
        case .ambiguous(let vaultName, let count):
            return .command(RuntimeMessages.ambiguousVault(vaultName, count: count), at: name)
        case .typeMismatch(let vault, let actual, let asked):
            let message = SimpleDiagnosticMessage(
                id: MessageID(domain: "runtime", name: "vaultTypeMismatch"),
                message: "vault \"\(vault)\" already exists and protects \(actual) resources, not \(asked.rawValue) ones; "
                    + "use another name, or drop '\(asked.rawValue)' to select it"
            )
            return .command(message, at: statement)
        }
    }

    /// `runtime.ambiguousPolicy` or `runtime.noSuchPolicy` at the policy name.
    static func policy(_ error: PolicyConvergenceError, at range: SourceRange) -> RuntimeFailure {
        switch error {
        case .ambiguous(let name, let count): .command(PolicyMessages.ambiguousPolicy(name, count: count), at: range)
        case .notFound(let name): .command(PolicyMessages.noSuchPolicy(name), at: range)
        }
    }
}
