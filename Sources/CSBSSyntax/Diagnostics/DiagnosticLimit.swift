/// How many diagnostics one file reports: the first ``perFile`` in position order, then one note saying how many
/// more were found (`check.moreDiagnostics`). A file full of errors (generated junk, a wrong file) costs output and
/// time in proportion to the limit, not to its size: past it the parser stops reading the text and the resolver
/// stops too, so the count is a lower bound.
public enum DiagnosticLimit {
    /// The most diagnostics kept for one file.
    public static let perFile = 100

    /// The note that ends a file's diagnostics when `omitted` more were found than shown, at `range` (the last
    /// one shown).
    public static func moreNote(omitted: Int, at range: SourceRange) -> Diagnostic {
        let message = SimpleDiagnosticMessage(
            id: MessageID(domain: "check", name: "moreDiagnostics"),
            message: "and at least \(omitted) more \(omitted == 1 ? "problem" : "problems") in this file, not shown; "
                + "fix the ones above first",
            severity: .note
        )
        return Diagnostic(message, range: range)
    }

    /// `diagnostics` cut to ``perFile`` in the order given, with the note for the rest (and `alsoOmitted` found
    /// but not kept).
    static func capped(_ diagnostics: [Diagnostic], alsoOmitted: Int = 0) -> [Diagnostic] {
        let omitted = max(diagnostics.count - perFile, 0) + alsoOmitted
        guard omitted > 0 else { return diagnostics }
        let kept = Array(diagnostics.prefix(perFile))
        return kept + [moreNote(omitted: omitted, at: kept.last?.range ?? .empty(at: 0))]
    }

    /// `diagnostics` with at most ``perFile`` for each file, in the order given, each file's followed by the note
    /// for its rest; `alsoOmitted` counts, by file name, diagnostics found but not kept.
    static func capped(_ diagnostics: [FileDiagnostic], alsoOmitted: [String: Int] = [:]) -> [FileDiagnostic] {
        var kept: [String: Int] = [:]
        var omitted = alsoOmitted
        var result: [FileDiagnostic] = []
        var lastKept: [String: FileDiagnostic] = [:]
        for item in diagnostics {
            let name = item.file.name
            if item.diagnostic.id.description == "check.moreDiagnostics" { continue }
            if kept[name, default: 0] < perFile {
                kept[name, default: 0] += 1
                result.append(item)
                lastKept[name] = item
            } else {
                omitted[name, default: 0] += 1
            }
        }
        for (name, count) in omitted.sorted(by: { $0.key < $1.key }) where count > 0 {
            guard let last = lastKept[name] else { continue }
            let note = moreNote(omitted: count, at: last.diagnostic.range)
            let position = (result.lastIndex { $0.file.name == name } ?? result.count - 1) + 1
            result.insert(FileDiagnostic(file: last.file, diagnostic: note), at: position)
        }
        return result
    }
}
