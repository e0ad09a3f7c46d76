/// What the formatter needs to know about a statement beyond its tokens: which `{ … }` are blocks of statements
/// (printed one statement a line, indented) and where `=` is written without spaces.
///
/// Everything else about a statement is laid out from its tokens alone (spacing, brackets, comments), so a new
/// statement needs only its line in ``Stmt/formatLayout``, which the compiler asks for.
struct FormatLayout {
    /// The statement's blocks, in source order.
    var blocks: [Block] = []
    /// Ranges whose `=` touches its neighbours (`tag env=prod`); elsewhere `=` has a space on each side.
    var tightRanges: [SourceRange] = []

    /// A statement without blocks or tags.
    static let plain = FormatLayout()
}

extension Stmt {
    /// How ``ScriptFormatter`` lays the statement out.
    var formatLayout: FormatLayout {
        switch self {
        case .if(let statement): FormatLayout(blocks: statement.braceBlocks)
        case .for(let statement): FormatLayout(blocks: [statement.body])
        case .while(let statement): FormatLayout(blocks: [statement.body])
        case .try(let statement): FormatLayout(blocks: [statement.body, statement.handler])
        case .retry(let statement): FormatLayout(blocks: [statement.body])
        case .def(let statement): FormatLayout(blocks: [statement.body])
        case .vault(let statement): FormatLayout(tightRanges: statement.tags.map(\.range))
        case .let(let assign), .set(let assign):
            if case .command(let command) = assign.value { command.formatLayout } else { .plain }
        case .attach, .backup, .protect, .echo, .param, .confirm, .break, .continue, .assert, .sleep, .source, .exit, .onError,
            .vaults, .useVault, .showVault, .backups, .showObject, .wait, .restore, .deleteBackup, .servers,
            .detach, .resizeVault, .deleteVault, .tasks, .policy, .policies, .bindPolicy, .unbindPolicy, .context, .expression,
            .return:
            .plain
        }
    }
}

extension IfStmt {
    /// The `then` block and the `else` block, or, for `else if`, the blocks of the nested `if` (whose `else if`
    /// stays on the line of the `}` before it).
    var braceBlocks: [Block] {
        guard let otherwise else { return [then] }
        if otherwise.statements.count == 1, case .if(let nested) = otherwise.statements[0],
            nested.range.lowerBound == otherwise.range.lowerBound
        {
            return [then] + nested.braceBlocks
        }
        return [then, otherwise]
    }
}
