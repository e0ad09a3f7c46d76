/// The parse of a long file in pieces, one thread each, giving exactly what one parse from the start gives.
///
/// The file is cut at line starts near equal shares of its bytes. Each piece is parsed from its cut as if it were
/// a file of its own, and told the cuts after it: it stops at the first one where it stands between two top-level
/// statements (``Parser/parseScript(stoppingAt:)``). There the parser holds nothing but its position: the lexer
/// reads each token from its offset alone, and every block, bracket and statement is closed. So the parse that
/// started at the cut goes on exactly as this one would, and the two join. A cut met inside a statement (a block
/// spanning it, a line continuation) is passed over, and the piece goes on to the next cut or the end; the work of
/// the piece that started there is dropped. When the pieces' diagnostics together pass
/// ``DiagnosticLimit/perFile`` (a parse from the start would have stopped reading early), the file is parsed
/// again from the start on one thread.
///
/// Measured on `csbs check` of the 100,000-line runbook of `scripts/bench/check-speed` (BENCHMARKS.md): parsing was
/// about half of the check's time. `ParsePiecesTests` holds every way of cutting equal to the parse from the start.
enum ParsePieces {
    /// The fewest bytes worth a thread of their own: below this a file is parsed on the calling thread.
    static let minimumPieceBytes = 256 * 1024

    /// The most pieces, whatever the processor count: each piece but the first reads a copy of the text (up to
    /// 8 MiB), and reading and decoding the file, joining the pieces and merging the resolver's chunks (as many
    /// as the pieces) run on one thread, so more pieces would cost memory for little time.
    static let maximumPieces = 4

    /// How far past an equal share a cut is looked for before that piece is given up.
    static let cutSearchBytes = 64 * 1024

    /// The parse of `text` with at most `threads.count` threads (the calling thread one of them).
    ///
    /// Each thread copies the text's bytes for itself (see ``parse(_:cuts:concurrently:prepare:)``), the calling
    /// thread too: copying them once before the threads start was a millisecond of a 100,000-line check with one
    /// thread idle.
    static func parse(_ text: String, threads: ParseThreads) -> Run {
        var text = text
        let count = text.utf8.count
        let pieces = min(threads.count, maximumPieces, count / minimumPieceBytes)
        guard pieces > 1 else { return Run(parsing: Array(text.utf8), from: 0, stoppingAt: []) }
        // A native string's bytes are contiguous; `makeContiguousUTF8` makes a bridged or lazy one so.
        text.makeContiguousUTF8()
        let cuts = text.utf8.withContiguousStorageIfAvailable { Self.cuts(in: $0, pieces: pieces) } ?? []
        return parse(cuts: cuts, count: count, concurrently: true, prepare: threads.prepare) { [text] in Array(text.utf8) }
    }

    /// The parse of `bytes` in pieces starting at 0 and at each of `cuts` (ascending), on a thread each when
    /// `concurrently` (each first calling `prepare` with its piece's length), else one after the other (for tests,
    /// which cut anywhere).
    static func parse(
        _ bytes: [UInt8], cuts: [Int], concurrently: Bool, prepare: @Sendable (Int) -> Void = { _ in }
    ) -> Run {
        parse(cuts: cuts, count: bytes.count, concurrently: concurrently, prepare: prepare) { [bytes] in
            bytes.withUnsafeBufferPointer { Array($0) }
        }
    }

    /// The parse in pieces of the `count` bytes `copy` makes (see ``parse(_:cuts:concurrently:prepare:)``).
    private static func parse(
        cuts: [Int], count: Int, concurrently: Bool, prepare: @Sendable (Int) -> Void,
        copy: @Sendable () -> [UInt8]
    ) -> Run {
        guard !cuts.isEmpty else { return Run(parsing: copy(), from: 0, stoppingAt: []) }
        let starts = [0] + cuts
        let ends = cuts + [count]
        var results: [Run]
        if concurrently {
            results = ParseThreads.concurrentMap(starts.count) { index in
                prepare(ends[index] - starts[index])
                // Each thread reads an array of its own (3 MB in well under a millisecond): the text of every
                // word and string is made from a slice of the array, which retains and releases it, and on one
                // shared array those atomic counts would make the threads take turns with one cache line.
                return Run(parsing: copy(), from: starts[index], stoppingAt: cuts[index...])
            }
        } else {
            let bytes = copy()
            results = starts.indices.map { Run(parsing: bytes, from: starts[$0], stoppingAt: cuts[$0...]) }
        }
        // Taken out of the array, so that the first piece's statements are not shared and grow in place.
        var joined = results[0]
        results[0] = Run()
        while let cut = joined.stoppedAt, let next = cuts.firstIndex(of: cut).map({ results[$0 + 1] }) {
            guard joined.join(next, at: cut) else { return Run(parsing: copy(), from: 0, stoppingAt: []) }
        }
        return joined
    }

    /// Where to cut `bytes` into at most `pieces` pieces: for each equal share, the first line start after it
    /// that begins with a letter (most likely a top-level statement: blocks are indented, comments start with
    /// `#`), ascending and distinct.
    static func cuts<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, pieces: Int) -> [Int] where Bytes.Index == Int {
        guard pieces > 1 else { return [] }
        var cuts: [Int] = []
        for share in 1..<pieces {
            var offset = max(bytes.count / pieces * share, (cuts.last ?? 0) + 1)
            let limit = min(offset + cutSearchBytes, bytes.count - 1)
            while offset < limit {
                if bytes[offset - 1] == UInt8(ascii: "\n"), Self.isLetter(bytes[offset]) {
                    cuts.append(offset)
                    break
                }
                offset += 1
            }
        }
        return cuts
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// One piece's parse: what a ``ParseResult`` is made of, with the counts a join needs.
    struct Run: Sendable {
        var statements: [Stmt]
        var lexerDiagnostics: [Diagnostic]
        var lexerDiagnosticTotal: Int
        var parserDiagnostics: [Diagnostic]
        var parserDiagnosticTotal: Int
        var declaredNames: [String]
        var declaredProcedures: Set<String>
        /// The cut where the parse stopped (the next piece's start), or `nil` when it read to the end.
        var stoppedAt: Int?

        /// An empty run, to take a run's place in an array.
        init() {
            statements = []
            lexerDiagnostics = []
            lexerDiagnosticTotal = 0
            parserDiagnostics = []
            parserDiagnosticTotal = 0
            declaredNames = []
            declaredProcedures = []
        }

        init(parsing bytes: [UInt8], from start: Int, stoppingAt stops: ArraySlice<Int>) {
            var parser = Parser(bytes: bytes, from: start)
            let (script, stoppedAt) = parser.parseScript(stoppingAt: stops)
            statements = script.statements
            lexerDiagnostics = parser.tokens.lexerDiagnostics
            lexerDiagnosticTotal = parser.tokens.lexerDiagnosticTotal
            parserDiagnostics = parser.diagnostics
            parserDiagnosticTotal = parser.diagnosticTotal
            declaredNames = parser.declaredNames
            declaredProcedures = parser.declaredProcedures
            self.stoppedAt = stoppedAt
        }

        /// Appends `next`, the parse from `cut`, where this one stopped; `false` (and this run unchanged) when
        /// together they count more than ``DiagnosticLimit/perFile`` diagnostics.
        ///
        /// This parse read tokens past `cut` (the parser looks ahead), and so did `next`: their lexer diagnostics
        /// are counted once, as `next`'s.
        mutating func join(_ next: Run, at cut: Int) -> Bool {
            let lookedAhead = lexerDiagnostics.count { $0.range.lowerBound >= cut }
            let total = parserDiagnosticTotal + lexerDiagnosticTotal - lookedAhead
            // Every diagnostic of both is kept below the limit (so `lookedAhead` counts all of them), and a parse
            // from the start would not have stopped reading.
            guard total + next.parserDiagnosticTotal + next.lexerDiagnosticTotal <= DiagnosticLimit.perFile else {
                return false
            }
            statements += next.statements
            lexerDiagnostics = lexerDiagnostics.filter { $0.range.lowerBound < cut } + next.lexerDiagnostics
            lexerDiagnosticTotal += next.lexerDiagnosticTotal - lookedAhead
            parserDiagnostics += next.parserDiagnostics
            parserDiagnosticTotal += next.parserDiagnosticTotal
            declaredNames += next.declaredNames
            declaredProcedures.formUnion(next.declaredProcedures)
            stoppedAt = next.stoppedAt
            return true
        }

        /// The parse as a ``ParseResult``: diagnostics in position order, the lexer's before the parser's at
        /// the same offset, at most ``DiagnosticLimit/perFile``.
        func result() -> ParseResult {
            let all = lexerDiagnostics + parserDiagnostics
            guard !all.isEmpty else {
                return ParseResult(
                    script: Script(statements: statements), diagnostics: [], omittedDiagnostics: 0,
                    declaredNameList: declaredNames, declaredProcedures: declaredProcedures
                )
            }
            let ordered = all.enumerated()
                .sorted { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }
                .map(\.element)
                .prefix(DiagnosticLimit.perFile)
            let total = lexerDiagnosticTotal + parserDiagnosticTotal
            return ParseResult(
                script: Script(statements: statements), diagnostics: Array(ordered),
                omittedDiagnostics: total - ordered.count, declaredNameList: declaredNames,
                declaredProcedures: declaredProcedures
            )
        }
    }
}
