import CSBSSyntax
import Testing

/// What a test expects of one diagnostic: where it points (a marker in the source), its ID, and optionally its
/// exact message and notes.
public struct DiagSpec: Sendable {
    /// The marker, such as `1️⃣`, at the diagnostic's start.
    public let marker: String
    /// The expected ID, such as `parse.expectedSize`.
    public let id: String
    /// The expected message; not checked when `nil`.
    public let message: String?
    /// The expected notes, in order; not checked when `nil`.
    public let notes: [DiagSpec]?

    /// Creates a spec.
    ///
    /// - Parameters:
    ///   - marker: The marker at the diagnostic's start.
    ///   - id: The expected ID.
    ///   - message: The expected message, or `nil` not to check it.
    ///   - notes: The expected notes, or `nil` not to check them.
    public init(_ marker: String, id: String, message: String? = nil, notes: [DiagSpec]? = nil) {
        self.marker = marker
        self.id = id
        self.message = message
        self.notes = notes
    }
}

/// Parses `markedSource` with its markers removed and checks that its diagnostics are exactly `specs`: the
/// same number, and, in position order, the same ID, start offset, message and notes as each spec.
///
/// - Parameters:
///   - markedSource: Script text with markers such as `1️⃣` where diagnostics must start.
///   - specs: The expected diagnostics; order does not matter between different markers.
///   - sourceLocation: Where to report failures; the caller's location by default.
/// - Returns: The parse result, for further checks.
@discardableResult
public func assertDiagnostics(
    _ markedSource: String,
    _ specs: [DiagSpec],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> ParseResult {
    let marked = MarkedText(markedSource)
    let file = SourceFile(name: "test.csbs", text: marked.text)
    let result = Parser.parse(file)
    compare(result.diagnostics, in: file, marked: marked, with: specs, sourceLocation: sourceLocation)
    return result
}

/// Checks `markedSource` as `csbs check` does (parse, resolve names, check literals) with `options`, and checks
/// that the diagnostics of the file itself are exactly `specs`, as ``assertDiagnostics(_:_:sourceLocation:)``
/// does for the parser alone.
///
/// - Returns: The check result, for further checks.
@discardableResult
public func assertCheckDiagnostics(
    _ markedSource: String,
    _ specs: [DiagSpec],
    options: CheckOptions = CheckOptions(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> CheckResult {
    let marked = MarkedText(markedSource)
    let file = SourceFile(name: "test.csbs", text: marked.text)
    let result = Checker.check(file, options: options)
    let diagnostics = result.diagnostics.filter { $0.file.name == file.name }.map(\.diagnostic)
    compare(diagnostics, in: file, marked: marked, with: specs, sourceLocation: sourceLocation)
    return result
}

/// Compares diagnostics, in position order, with specs at markers.
private func compare(
    _ unordered: [Diagnostic],
    in file: SourceFile,
    marked: MarkedText,
    with specs: [DiagSpec],
    sourceLocation: Testing.SourceLocation
) {
    let diagnostics = unordered.enumerated()
        .sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }
        .map(\.element)
    let rendered = DiagnosticRenderer().render(diagnostics, in: file)
    var orderedSpecs: [(offset: Int, spec: DiagSpec)] = []
    for spec in specs {
        guard let offset = marked.markers[spec.marker] else {
            Issue.record("marker \(spec.marker) is not in the source", sourceLocation: sourceLocation)
            return
        }
        orderedSpecs.append((offset, spec))
    }
    orderedSpecs = orderedSpecs.enumerated()
        .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
        .map(\.element)
    guard diagnostics.count == orderedSpecs.count else {
        Issue.record(
            "expected \(orderedSpecs.count) diagnostics, got \(diagnostics.count):\n\(rendered)",
            sourceLocation: sourceLocation
        )
        return
    }
    for (diagnostic, expected) in zip(diagnostics, orderedSpecs) {
        check(diagnostic.message, diagnostic.range, against: expected.spec, marked: marked, rendered: rendered,
              sourceLocation: sourceLocation)
        guard let noteSpecs = expected.spec.notes else { continue }
        guard diagnostic.notes.count == noteSpecs.count else {
            Issue.record(
                "expected \(noteSpecs.count) notes on \(diagnostic.id), got \(diagnostic.notes.count):\n\(rendered)",
                sourceLocation: sourceLocation
            )
            continue
        }
        for (note, noteSpec) in zip(diagnostic.notes, noteSpecs) {
            check(note.message, note.range, against: noteSpec, marked: marked, rendered: rendered,
                  sourceLocation: sourceLocation)
        }
    }
}

private func check(
    _ message: any DiagnosticMessage,
    _ range: SourceRange,
    against spec: DiagSpec,
    marked: MarkedText,
    rendered: String,
    sourceLocation: Testing.SourceLocation
) {
    guard let expectedOffset = marked.markers[spec.marker] else {
        Issue.record("marker \(spec.marker) is not in the source", sourceLocation: sourceLocation)
        return
    }
    let converter = SourceLocationConverter(marked.text)
    let actual = converter.location(ofOffset: range.lowerBound)
    let expected = converter.location(ofOffset: expectedOffset)
    if message.id.description != spec.id {
        Issue.record("expected \(spec.id) at \(spec.marker), got \(message.id):\n\(rendered)",
                     sourceLocation: sourceLocation)
    }
    if range.lowerBound != expectedOffset {
        Issue.record("\(message.id) starts at \(actual), expected \(spec.marker) at \(expected):\n\(rendered)",
                     sourceLocation: sourceLocation)
    }
    if let text = spec.message, text != message.message {
        Issue.record("\(message.id) says \"\(message.message)\", expected \"\(text)\"", sourceLocation: sourceLocation)
    }
}
