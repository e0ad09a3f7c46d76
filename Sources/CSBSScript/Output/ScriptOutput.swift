import CSBSSyntax

/// Where an interpreter's results, progress and diagnostics go. The executable prints them; tests collect them.
public protocol ScriptOutput: Sendable {
    /// A statement's result (including `echo`'s text, as kind `echo`).
    func result(_ record: ResultRecord)
    /// A step of something under way (a wait changed status), for people watching.
    func progress(_ line: String)
    /// The current state of a wait, on every poll: a terminal shows it as a live status line.
    func status(_ line: String)
    /// The wait that showed ``status(_:)`` ended: a live status line goes away (a captured result prints nothing
    /// that would replace it).
    func endStatus()
    /// A located problem in the script's file.
    func diagnostic(_ diagnostic: Diagnostic, in file: SourceFile)
    /// A failure of the running script where it happens (its diagnostic, its `$error.code` and exit status).
    func failure(_ failure: RuntimeFailure, in file: SourceFile)
    /// A statement is about to run (nested ones too): `--report` tells from the top-level ones which ran.
    func willRun(_ statement: Stmt, in file: SourceFile)
}

extension ScriptOutput {
    /// Outputs that print failures as any diagnostic.
    public func failure(_ failure: RuntimeFailure, in file: SourceFile) {
        diagnostic(failure.diagnostic, in: file)
    }

    /// Outputs that have no live status line ignore it.
    public func status(_ line: String) {}

    /// Outputs that have no live status line have none to end.
    public func endStatus() {}

    /// Outputs that make no report ignore it.
    public func willRun(_ statement: Stmt, in file: SourceFile) {}
}
