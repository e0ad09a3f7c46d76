import CSBSSyntax

/// Where an interpreter's results, progress and diagnostics go. The executable prints them; tests collect them.
public protocol ScriptOutput: Sendable {
    /// A statement's result.
    func result(_ record: ResultRecord)
    /// Something still under way (a wait), for people watching.
    func progress(_ line: String)
    /// A located problem in the script's file.
    func diagnostic(_ diagnostic: Diagnostic, in file: SourceFile)
}
