/// Name resolution of a long file's top-level statements in chunks, one thread each, giving exactly what one walk
/// gives.
///
/// Between two top-level statements the walk carries little: the top-level scope (which names the earlier
/// statements declared, and by which declaration), whether a `confirm` came at the top level, and what the lint
/// tracker knows of each declaration. The first two are read off the earlier chunks' statements before the chunks
/// start (only `let`, `param` and `confirm` change them at the top level); each chunk then walks its statements
/// with a resolver and a tracker of its own, and marks what it does to an earlier chunk's declaration (a read, a
/// `let` of the same name that ends it) by that declaration's place among the file's top-level declarations
/// (``LintTracker/externalNumber(_:)``). The chunks are then taken over in order: their findings, their
/// procedures' bodies (resolved after the top level, as always) and their trackers (``LintTracker/absorb(_:)``).
///
/// A chunk that meets a `source` statement (which may declare anything, and define procedures) or more findings
/// than a file shows is dropped with all the others, and the file is walked from the start on one thread.
///
/// Measured on `csbs check` of the 100,000-line runbook of `scripts/bench/check-speed` (BENCHMARKS.md): resolution
/// and lint were about a quarter of the check's instructions, on one thread after the parse's pieces.
/// `ResolverChunksTests` holds every way of cutting equal to one walk.
extension Resolver {
    /// What a chunk resolver starts with: the resolver's tables, and the top-level scope and `confirm` of the
    /// chunks before it.
    fileprivate struct ChunkStart: Sendable {
        var knownRegions: [String]?
        var functions: [String: FunctionSignature]
        var definitions: [String: (file: String, range: SourceRange)]
        var topLevelScope: [String: Int]
        var lint: LintTracker?
        var fileName: String
    }

    /// What a chunk's walk found.
    private struct ChunkOutcome: Sendable {
        var findings: [FileDiagnostic]
        var omitted: Bool
        var sourceMet: Bool
        var pendingBodies: [(procedure: DefStmt, file: SourceFile)]
        var topLevelScope: [String: Int]
        var lint: LintTracker?
    }

    private init(chunk start: ChunkStart) {
        self.init(knownRegions: start.knownRegions)
        functions = start.functions
        definitions = start.definitions
        scopes = [start.topLevelScope]
        lint = start.lint
        stack = [start.fileName]
    }

    /// How a file's top-level statements may be cut into chunks.
    enum Chunking {
        /// On up to `count` threads, when the file is long enough (as long as ``ParsePieces`` needs for two pieces).
        case threads(ParseThreads)
        /// At these statement indices (ascending), one chunk after the other on the calling thread: for tests,
        /// which cut anywhere.
        case cuts([Int])
    }

    /// Resolves `statements`, the top level of `file`, in chunks as `chunking` says when this resolver is at its
    /// top level, and takes the result over as if it had walked them.
    ///
    /// - Returns: `false`, with nothing changed, when the statements were not resolved (a short file, one thread,
    ///   or a chunk that met a `source` or too many findings): the caller walks them.
    mutating func resolveInChunks(_ statements: [Stmt], file: SourceFile, chunking: Chunking) -> Bool {
        guard stack.count == 1, scopes.count == 1, omitted.isEmpty else { return false }
        switch chunking {
        case .threads(let threads):
            let pieces = min(
                threads.count, ParsePieces.maximumPieces, file.text.utf8.count / ParsePieces.minimumPieceBytes
            )
            guard pieces > 1 else { return false }
            let starts = Self.chunkStarts(of: statements, pieces: pieces)
            return !starts.isEmpty && resolve(statements, file: file, chunkStarts: starts, concurrently: true)
        case .cuts(let starts):
            return !starts.isEmpty && resolve(statements, file: file, chunkStarts: starts, concurrently: false)
        }
    }

    /// Where to cut `statements` into `pieces` chunks of about equal text: the index of the first statement of each
    /// chunk but the first, ascending and distinct.
    static func chunkStarts(of statements: [Stmt], pieces: Int) -> [Int] {
        guard let last = statements.last, pieces > 1 else { return [] }
        let first = statements[0].range.lowerBound
        let length = last.range.upperBound - first
        var starts: [Int] = []
        for share in 1..<pieces {
            let offset = first + length / pieces * share
            // The first statement starting at or after `offset`.
            var (low, high) = (starts.last.map { $0 + 1 } ?? 1, statements.count)
            while low < high {
                let middle = (low + high) / 2
                if statements[middle].range.lowerBound < offset { low = middle + 1 } else { high = middle }
            }
            if low < statements.count, (starts.last ?? 0) < low { starts.append(low) }
        }
        return starts
    }

    /// Resolves `statements` in chunks starting at 0 and at each of `chunkStarts` (ascending), on a thread each
    /// when `concurrently`, else one after the other (for tests, which cut anywhere); see
    /// ``resolveInChunks(_:file:chunking:)``.
    private mutating func resolve(_ statements: [Stmt], file: SourceFile, chunkStarts: [Int], concurrently: Bool) -> Bool {
        let bounds = [0] + chunkStarts + [statements.count]
        let first = ChunkStart(
            knownRegions: knownRegions, functions: functions, definitions: definitions, topLevelScope: scopes[0],
            lint: lint, fileName: file.name
        )
        let chunk: @Sendable (Int) -> ChunkOutcome = { index in
            // Each chunk reads what it starts with off the chunks before it on its own thread, while the first
            // chunk is resolved: made on the calling thread before the chunks started, this was about 2 % of a
            // 100,000-line check with the other thread idle.
            var resolver = Resolver(chunk: first.after(statements[..<bounds[index]]))
            resolver.resolve(statements[bounds[index]..<bounds[index + 1]], file: file)
            return ChunkOutcome(
                findings: resolver.findings, omitted: !resolver.omitted.isEmpty, sourceMet: resolver.sourceMet,
                pendingBodies: resolver.pendingBodies, topLevelScope: resolver.scopes[0], lint: resolver.lint
            )
        }
        let outcomes =
            concurrently ? ParseThreads.concurrentMap(bounds.count - 1, chunk) : (0..<bounds.count - 1).map { chunk($0) }
        let found = outcomes.reduce(0) { $0 + $1.findings.count }
        guard
            !outcomes.contains(where: { $0.omitted || ($0.sourceMet && loader != nil) }),
            findings.count + found <= DiagnosticLimit.perFile
        else { return false }

        for outcome in outcomes {
            findings += outcome.findings
            pendingBodies += outcome.pendingBodies
        }
        kept[file.name, default: 0] += found
        guard var lint, let last = outcomes.last else {
            scopes[0] = outcomes.last?.topLevelScope.mapValues { _ in Self.untracked } ?? scopes[0]
            return true
        }
        var offset = 0
        for outcome in outcomes {
            if let chunkLint = outcome.lint { offset = lint.absorb(chunkLint) }
        }
        // The last chunk's top-level scope is the file's: its own declarations by its tracker's numbers, the earlier
        // chunks' by their places among the top-level declarations.
        scopes[0] = last.topLevelScope.mapValues { number in
            if number >= 0 { return number + offset }
            if number == Self.untracked { return number }
            return lint.topLevelDeclaration(LintTracker.ordinal(ofExternal: number))
        }
        self.lint = lint
        return true
    }
}

extension Resolver.ChunkStart {
    /// What a chunk starts with when `earlier`, the top-level statements of the chunks before it, come between
    /// this start (the file's, with the file's lint tracker) and it: the top-level scope (a `let` declares its
    /// name by its place among the top-level declarations, a `param` keeps an earlier declaration) and a lint
    /// tracker of its own that knows whether a `confirm` came at the top level.
    func after(_ earlier: ArraySlice<Stmt>) -> Self {
        var start = self
        var ordinal = 0
        var confirmedBefore = false
        for statement in earlier {
            switch statement {
            case .let(let assign):
                start.topLevelScope[assign.name] = LintTracker.externalNumber(ordinal)
                ordinal += 1
            case .param(let param) where start.topLevelScope[param.name] == nil:
                start.topLevelScope[param.name] = Resolver.untracked
            case .confirm:
                confirmedBefore = true
            default:
                break
            }
        }
        start.lint = lint.map { $0.chunkTracker(confirmedBefore: confirmedBefore) }
        return start
    }
}
