/// The warnings of `csbs check` (and the language server): what runs but is probably a mistake. Each has a stable
/// `lint.*` id and a location like an error, and none stops a run: ``CheckOptions/lint`` turns them on, so
/// `csbs run`, the shell and the dry run never compute them.
///
/// The rules (docs/LANGUAGE.md, "Warnings"):
/// - `lint.unusedVariable`: a `let`, a `for` variable or a `catch` name that nothing reads before its block ends
///   (a name starting with `_` is exempt, and so is a top-level variable of a file that sends no request: a
///   library of settings for the scripts that source it, and so is every variable of a file with syntax errors,
///   whose left-out statements may read it);
/// - `lint.notInterpolated`: a `$` in a string that looks like an interpolation but is text (`"$list[0]"`'s
///   index, `"$(date)"`, the shell's `"$@"`, `"$#"`, `"$?"`…);
/// - `lint.notAnID`: a literal resource or backup ID that is not a UUID, which the services refuse;
/// - `lint.tooManyTags`: a `vault` created with more tags than the API reference says a vault takes;
/// - `lint.deleteWithoutConfirm`: `delete vault … force` with no `confirm` before it in its block or an
///   enclosing one;
/// - `lint.errorInCatch`: `$error` read in a `catch` block, where it is not the error caught.
///
/// The resolver calls it as it walks (it knows the scopes); ``LintMessage`` holds the texts.
struct LintTracker {
    /// A declared name not read yet.
    private struct Declaration {
        var name: String
        var range: SourceRange
        /// The file it is declared in, as an index into ``files``: a ``SourceFile`` here would be copied, with its
        /// references counted, at every declaration and read.
        var file: Int
        var depth: Int
        var read = false
        /// Whether it was reported (or found used) already: at the end of its scope, or when a declaration of the
        /// same name in the same scope replaced it.
        var finished = false
    }

    /// Every declaration of the check, by its number, which the resolver keeps with the name in its scope
    /// (``Resolver``'s `scopes`): a read marks the declaration it resolved to without hashing the name again.
    private var declarations: [Declaration] = []
    /// The numbers of the declarations of each open scope, by depth (0 the top level).
    private var scopes: [[Int]] = []
    /// The files whose top level sends no request (no command statement): libraries of settings and procedures,
    /// whose top-level variables are what they give the scripts that source them, so none is reported unused.
    private var libraries: Set<String> = []
    /// The files with syntax errors: the statements left out of them may read any of their variables, so none of
    /// theirs is reported unused.
    private var withSyntaxErrors: Set<String> = []
    /// The files declarations were met in, in the order first met.
    private var files: [SourceFile] = []
    /// The scope depths at which a `confirm` was met, in the open scopes.
    private var confirmed: [Int] = []
    /// What was found, with the file each is in.
    private(set) var findings: [FileDiagnostic] = []
    /// The numbers of the top-level declarations (depth 0), in the order met.
    private var topLevel: [Int] = []
    /// For a tracker of one chunk of a file's top-level statements (``Resolver``'s chunks): what it did to the
    /// top-level declarations of the chunks before it, in order. Such a declaration's number here is
    /// ``externalNumber(_:)`` of its place among the file's top-level declarations.
    private var externalEvents: [ExternalEvent] = []

    private enum ExternalEvent {
        case read(Int)
        /// Finished when the chunk had found `findings` things, so that the finding it may make takes its place
        /// among them.
        case finish(Int, findings: Int)
    }

    /// The number standing for the `ordinal`-th top-level declaration of the file (0 the first) in the tracker of
    /// a later chunk: below ``Resolver``'s `untracked` (-1).
    static func externalNumber(_ ordinal: Int) -> Int {
        -2 - ordinal
    }

    /// The place among the file's top-level declarations that ``externalNumber(_:)`` gave `number`.
    static func ordinal(ofExternal number: Int) -> Int {
        -2 - number
    }

    /// The number of the `ordinal`-th top-level declaration met (0 the first).
    func topLevelDeclaration(_ ordinal: Int) -> Int {
        topLevel[ordinal]
    }

    /// `name` is declared at `range`, in the scope at `depth` (0 the top level).
    ///
    /// - Parameter replacing: The declaration of the same name in the same scope that this one ends, if any.
    /// - Returns: The declaration's number, for ``read(_:)`` and `replacing`.
    mutating func declare(_ name: String, at range: SourceRange, in file: SourceFile, depth: Int, replacing: Int?) -> Int {
        while scopes.count <= depth { scopes.append([]) }
        if let replacing { finish(replacing) }
        declarations.append(Declaration(name: name, range: range, file: index(of: file), depth: depth))
        scopes[depth].append(declarations.count - 1)
        if depth == 0 { topLevel.append(declarations.count - 1) }
        return declarations.count - 1
    }

    /// The declaration numbered `declaration` is read.
    mutating func read(_ declaration: Int) {
        guard declaration >= 0 else {
            externalEvents.append(.read(Self.ordinal(ofExternal: declaration)))
            return
        }
        declarations[declaration].read = true
    }

    /// A tracker for a chunk of the top-level statements after those this one has seen, to be ``absorb(_:)``ed:
    /// it knows the libraries and what is confirmed, nothing else yet.
    ///
    /// - Parameter confirmedBefore: Whether a chunk before it holds a `confirm` at the top level.
    func chunkTracker(confirmedBefore: Bool) -> LintTracker {
        var chunk = LintTracker()
        chunk.libraries = libraries
        chunk.withSyntaxErrors = withSyntaxErrors
        chunk.confirmed = confirmed + (confirmedBefore ? [0] : [])
        return chunk
    }

    /// Takes over `chunk`, the tracker of the top-level statements that follow those this one has seen (made by
    /// ``chunkTracker(confirmedBefore:)``, see ``Resolver``'s chunks): its declarations, reads and findings,
    /// and what it did to the earlier top-level declarations — as if this tracker had walked those statements.
    ///
    /// - Returns: What the chunk's declaration numbers became here: each plus this.
    @discardableResult
    mutating func absorb(_ chunk: LintTracker) -> Int {
        let offset = declarations.count
        let fileIndices = chunk.files.map { index(of: $0) }
        for var declaration in chunk.declarations {
            declaration.file = fileIndices[declaration.file]
            declarations.append(declaration)
        }
        for (depth, numbers) in chunk.scopes.enumerated() {
            while scopes.count <= depth { scopes.append([]) }
            scopes[depth] += numbers.map { $0 + offset }
        }
        let earlier = topLevel
        topLevel += chunk.topLevel.map { $0 + offset }
        // Every read of an earlier declaration comes before the `let` that may end it (after that `let`, the name
        // is the new declaration), so the reads are taken first; each end then reports where the walk would have.
        var ends: [(ordinal: Int, findings: Int)] = []
        for event in chunk.externalEvents {
            switch event {
            case .read(let ordinal): declarations[earlier[ordinal]].read = true
            case .finish(let ordinal, let count): ends.append((ordinal, count))
            }
        }
        var taken = 0
        for end in ends {
            findings += chunk.findings[taken..<end.findings]
            taken = end.findings
            finish(earlier[end.ordinal])
        }
        findings += chunk.findings[taken...]
        confirmed = chunk.confirmed
        return offset
    }

    /// The scopes at `depth` and deeper have ended.
    mutating func closeScopes(from depth: Int) {
        if depth < scopes.count {
            // Most blocks declare nothing: then there is nothing to gather and sort.
            if scopes[depth...].contains(where: { !$0.isEmpty }) {
                let ending = scopes[depth...].joined().filter { !declarations[$0].finished }.sorted {
                    (declarations[$0].range.lowerBound, $0) < (declarations[$1].range.lowerBound, $1)
                }
                scopes.removeLast(scopes.count - depth)
                for declaration in ending { finish(declaration) }
            } else {
                scopes.removeLast(scopes.count - depth)
            }
        }
        if !confirmed.isEmpty { confirmed.removeAll { $0 >= depth } }
    }

    /// The index of `file` in ``files``, added when it is not there yet (files are told apart by name, as in
    /// ``libraries``).
    private mutating func index(of file: SourceFile) -> Int {
        if let last = files.indices.last, files[last].name == file.name { return last }
        if let found = files.firstIndex(where: { $0.name == file.name }) { return found }
        files.append(file)
        return files.count - 1
    }

    /// A `confirm` in the scope at `depth`: what follows it in the scope, and in blocks inside, is confirmed.
    mutating func confirm(depth: Int) {
        confirmed.append(depth)
    }

    /// `$error` read at `range` in a `catch` block that names the error caught `caught` (`nil`: no name): a caught
    /// failure leaves `$error` as it was.
    mutating func errorInCatch(at range: SourceRange, in file: SourceFile, caught: String?) {
        report(LintMessage.errorInCatch(caught: caught), at: range, in: file)
    }

    /// `delete vault … force`: confirmed when a `confirm` came before it in its scope or an enclosing one.
    private mutating func forcedDelete(at range: SourceRange, in file: SourceFile) {
        guard confirmed.isEmpty else { return }
        report(LintMessage.deleteWithoutConfirm, at: range, in: file)
    }

    /// The warnings about a string literal's text at `range` (its quotes included): each `$` that looks like an
    /// interpolation but is text by the lexer's rules (``Lexer``'s `lexString`).
    mutating func checkString(at range: SourceRange, in file: SourceFile) {
        let text = file.text.utf8
        let lower = min(range.lowerBound, text.count)
        let upper = min(max(range.upperBound, lower), text.count)
        // A native string's bytes are read in place: a copy of each string's bytes was 60,000 allocations on the
        // 100,000-line check benchmark.
        let found =
            text.withContiguousStorageIfAvailable { Self.notInterpolated(in: UnsafeBufferPointer(rebasing: $0[lower..<upper])) }
            ?? Self.notInterpolated(in: Array(text.dropFirst(lower).prefix(upper - lower)))
        for (message, relative) in found {
            report(message, at: SourceRange(lower + relative.lowerBound, lower + relative.upperBound), in: file)
        }
    }

    /// The warnings of ``checkString(at:in:)`` in a string literal's `bytes`, at ranges relative to its opening
    /// quote.
    private static func notInterpolated<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes) -> [(LintMessage, Range<Int>)]
    where Bytes.Index == Int {
        var found: [(LintMessage, Range<Int>)] = []
        var index = 1
        let end = bytes.count
        func isNameStart(_ byte: UInt8) -> Bool { Lexer.isIdentifierStart(byte) }
        func isNameByte(_ byte: UInt8) -> Bool { Lexer.isIdentifierStart(byte) || Lexer.isDigit(byte) }
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            guard byte == UInt8(ascii: "$"), index + 1 < end else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            let dollar = index
            if next == UInt8(ascii: "{") {
                // `${…}`: the code ends at the first `}`.
                index += 2
                while index < end, bytes[index] != UInt8(ascii: "}") { index += 1 }
                index += 1
                continue
            }
            if isNameStart(next) || Lexer.isDigit(next) {
                // `$name`, `$name.field…` or `$1`, as the lexer reads them; a `[` right after is text.
                index += 1
                if Lexer.isDigit(next) {
                    while index < end, Lexer.isDigit(bytes[index]) { index += 1 }
                } else {
                    while true {
                        while index < end, isNameByte(bytes[index]) { index += 1 }
                        guard index + 1 < end, bytes[index] == UInt8(ascii: "."), isNameStart(bytes[index + 1]) else { break }
                        index += 1
                    }
                }
                if index < end, bytes[index] == UInt8(ascii: "[") {
                    let name = String(decoding: bytes[(dollar + 1)..<index], as: UTF8.self)
                    found.append((LintMessage.indexNotInterpolated(name), dollar..<(index + 1)))
                }
                continue
            }
            if let special = LintMessage.shellSpecial(next) {
                found.append((LintMessage.shellSyntaxNotInterpolated(special), dollar..<(dollar + 2)))
            }
            index += 1
        }
        return found
    }

    /// The warnings about literal values the services refuse that the check's errors do not cover.
    mutating func checkValues(of statement: Stmt, in file: SourceFile) {
        func checkID(_ expr: Expr?, what: String) {
            if case .list(let elements, _) = expr {
                for element in elements { checkID(element, what: what) }
                return
            }
            guard let expr, let text = expr.literalArgument, !ServiceRules.isResourceID(text) else { return }
            report(LintMessage.notAnID(text, what: what), at: expr.range, in: file)
        }
        switch statement {
        case .attach(let attach):
            for id in attach.ids { checkID(id, what: "'attach \(attach.kind.rawValue)'") }
        case .detach(let detach):
            for id in detach.ids { checkID(id, what: "'detach \(detach.kind.rawValue)'") }
        case .backup(let backup):
            for id in backup.resources { checkID(id, what: "'backup server'") }
        case .protect(let protect):
            checkID(protect.server, what: "'protect server'")
        case .restore(let restore):
            checkID(restore.id, what: "'restore backup'")
            checkID(restore.server, what: "'to server'")
        case .deleteBackup(let delete):
            checkID(delete.id, what: "'delete backup'")
        case .showObject(let show):
            checkID(show.id, what: "'show \(show.kind.rawValue)'")
        case .vault(let vault) where vault.tags.count > ServiceRules.maximumVaultTags:
            let extra = vault.tags[ServiceRules.maximumVaultTags]
            report(LintMessage.tooManyTags(vault.tags.count), at: extra.range, in: file)
        case .deleteVault(let delete) where delete.force:
            forcedDelete(at: delete.range, in: file)
        default:
            break
        }
    }

    /// Every declaration still open is finished (the end of the check).
    mutating func finishAll() {
        closeScopes(from: 0)
    }

    /// Notes whether `script`, read from `file`, is a library (see ``libraries``).
    mutating func noteFile(_ script: Script, _ file: SourceFile) {
        if !script.statements.contains(where: \.isCommand) { libraries.insert(file.name) }
    }

    /// Notes that the parse of `file` had errors (see ``withSyntaxErrors``).
    mutating func noteSyntaxErrors(in file: SourceFile) {
        withSyntaxErrors.insert(file.name)
    }

    private mutating func finish(_ number: Int) {
        guard number >= 0 else {
            externalEvents.append(.finish(Self.ordinal(ofExternal: number), findings: findings.count))
            return
        }
        guard !declarations[number].finished else { return }
        declarations[number].finished = true
        let declaration = declarations[number]
        guard !declaration.read, !declaration.name.hasPrefix("_") else { return }
        let file = files[declaration.file]
        if declaration.depth == 0, libraries.contains(file.name) { return }
        if withSyntaxErrors.contains(file.name) { return }
        report(LintMessage.unusedVariable(declaration.name), at: declaration.range, in: file)
    }

    private mutating func report(_ message: LintMessage, at range: SourceRange, in file: SourceFile) {
        findings.append(FileDiagnostic(file: file, diagnostic: Diagnostic(message, range: range)))
    }
}

/// A warning of ``LintTracker``: `lint.<name>`.
struct LintMessage: DiagnosticMessage {
    let name: String
    let message: String
    var id: MessageID { MessageID(domain: "lint", name: name) }
    var severity: DiagnosticSeverity { .warning }

    static func unusedVariable(_ name: String) -> Self {
        Self(
            name: "unusedVariable",
            message: "'\(name.abbreviated(limit: 40))' is never read; remove it, or start its name with _ if that is on purpose"
        )
    }

    static func indexNotInterpolated(_ name: String) -> Self {
        let shown = name.abbreviated(limit: 40)
        return Self(
            name: "notInterpolated",
            message: "in a string, '$\(shown)' is inserted but the '[…]' after it is text; write '${\(shown)[…]}' to insert the element"
        )
    }

    /// The shell syntax `$` followed by `byte` would be, or `nil` when it is none.
    static func shellSpecial(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "("): "$(…)"
        case UInt8(ascii: "@"), UInt8(ascii: "*"): "$" + String(UnicodeScalar(byte))
        case UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "$"), UInt8(ascii: "!"): "$" + String(UnicodeScalar(byte))
        default: nil
        }
    }

    static func shellSyntaxNotInterpolated(_ syntax: String) -> Self {
        let hint =
            switch syntax {
            case "$(…)": "csbs runs no commands inside strings; '${…}' inserts a value"
            case "$@", "$*": "'${args}' inserts the arguments"
            case "$#": "'${args.count}' inserts their number"
            case "$?": "'${error.code}' inserts the last error's code"
            default: "write '\\$' for a dollar sign"
            }
        return Self(name: "notInterpolated", message: "'\(syntax)' is text in a csbs string, not shell syntax; \(hint)")
    }

    static func notAnID(_ text: String, what: String) -> Self {
        Self(
            name: "notAnID",
            message: "\(what) takes an ID, a UUID such as e8cc6bfd-d324-4b88-9109-9fb0ba70676f, which "
                + "'\(text.abbreviated(limit: 40))' is not; the service refuses it ('servers' and 'backups' list the IDs)"
        )
    }

    static func tooManyTags(_ count: Int) -> Self {
        Self(
            name: "tooManyTags",
            message: "\(count) tags: the service creates a vault with at most \(ServiceRules.maximumVaultTags) (API reference §2.1.1)"
        )
    }

    static func errorInCatch(caught: String?) -> Self {
        let hint = caught.map { "the error caught is '$\($0.abbreviated(limit: 40))'" }
            ?? "name the error caught, 'catch e { … }', and read '$e'"
        return Self(
            name: "errorInCatch",
            message: "in a 'catch' block '$error' is not the error caught (a caught failure leaves it as it was); \(hint)"
        )
    }

    static var deleteWithoutConfirm: Self {
        Self(
            name: "deleteWithoutConfirm",
            message: "'delete vault … force' deletes the vault with its backups; put a 'confirm \"…\"' before it (run "
                + "with --yes where no one can answer)"
        )
    }
}
