/// The rules of `for … parallel` bodies, shared by `csbs check` (`resolve.*`) and the evaluator (`runtime.*`).
extension ResolveMessage {
    /// `set` of a variable declared outside a parallel body: items run at once, each on its own copy.
    public static func setInParallel(_ name: String, domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "setInParallel"),
            message: "'set \(name)' cannot change a variable declared outside a 'for … parallel' body: the items run "
                + "at once, each on its own copy; declare it inside with 'let \(name) = …', or read the loop's "
                + "summary record"
        )
    }

    /// `exit` inside a parallel body.
    public static func exitInParallel(domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "exitInParallel"),
            message: "'exit' cannot end the script from inside a 'for … parallel' body; use 'assert' or a failing "
                + "command to fail the item, and decide after the loop"
        )
    }

    /// `confirm` inside a parallel body: several questions at once cannot be answered one by one.
    public static func confirmInParallel(domain: String = "resolve") -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: domain, name: "confirmInParallel"),
            message: "'confirm' cannot ask from inside a 'for … parallel' body, where the items run at once; ask once "
                + "before the loop"
        )
    }

    /// The note on ``setInParallel(_:domain:)`` and ``exitInParallel(domain:)`` pointing at `parallel N`.
    public static var parallelBodyNote: SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(
            id: MessageID(domain: "resolve", name: "parallelHere"), message: "the items of this loop run in parallel",
            severity: .note
        )
    }
}
