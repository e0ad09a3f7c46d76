import CSBSSyntax

/// The error object `--json` prints on stdout beside the rendered diagnostic on stderr, so a program reading the
/// results sees failures too:
/// `{"kind":"error","id":"runtime.badArgument","code":"BackupService.6105","message":"…","file":"x.csbs","line":3,`
/// `"column":5,"exit_status":70}`. `code` is what `$error.code` shows; `exit_status` the status the failure ends the
/// run with (unless `on error continue` passes it); `file`, `line` and `column` (1-based, UTF-8 bytes) are `null`
/// for an error outside any script (a configuration that does not resolve).
public enum ErrorPresenter {
    /// A failure of the running script.
    public static func record(_ failure: RuntimeFailure, in file: SourceFile) -> ResultRecord {
        record(failure.diagnostic, in: file, code: failure.code, exitStatus: ExitStatus.code(for: failure))
    }

    /// A diagnostic with the status it ends the run with: a check's error (65), or a run's failure.
    public static func record(_ diagnostic: Diagnostic, in file: SourceFile?, code: String? = nil, exitStatus: Int32)
        -> ResultRecord
    {
        let location = file.map { SourceLocationConverter($0.text).location(ofOffset: diagnostic.range.lowerBound) }
        return record(
            id: diagnostic.id.description, code: code ?? diagnostic.id.description, message: diagnostic.text,
            file: file?.name, line: location?.line, column: location?.column, exitStatus: exitStatus
        )
    }

    /// An error with no place in a script, such as settings that do not resolve before the run starts.
    public static func record(
        id: String, code: String, message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
        exitStatus: Int32
    ) -> ResultRecord {
        ResultRecord(
            kind: "error",
            fields: [
                .init("id", .string(id)), .init("code", .string(code)), .init("message", .string(message)),
                .init("file", file.map(Value.string) ?? .null), .init("line", line.map(Value.integer) ?? .null),
                .init("column", column.map(Value.integer) ?? .null), .init("exit_status", .integer(Int(exitStatus))),
            ],
            summary: message
        )
    }
}
