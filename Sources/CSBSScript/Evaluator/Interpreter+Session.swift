import CSBSSyntax

extension Interpreter {
    /// The variables a session has defined at the top level, by name (for the shell's `session` view).
    public var globalVariables: [(name: String, value: Value)] {
        (scopes.first ?? [:]).sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    /// The `on error` mode in force.
    public var onErrorMode: ErrorMode { errorMode }

    /// `$error`: the last failure `on error continue` let pass, or `null`.
    public var errorValue: Value { lastError }
}
