import CSBSPlatform

/// The keywords that start a statement. Adding a statement means adding a case here and its `parseX()`.
enum StatementKeyword: String, CaseIterable {
    case assert
    case attach
    case backup
    case backups
    case bind
    case `break`
    case confirm
    case `continue`
    case def
    case delete
    case detach
    case echo
    case endpoint
    case exit
    case `for`
    case `if`
    case `let`
    case on
    case param
    case policies
    case policy
    case profile
    case protect
    case region
    case resize
    case restore
    case retry
    case `return`
    case servers
    case set
    case sleep
    case show
    case source
    case tasks
    case `try`
    case unbind
    case use
    case vault
    case vaults
    case wait
    case warn
    case `while`

    /// Every keyword by its text: one look-up per statement instead of comparing against each case.
    static let byName = WordTable(allCases.map { ($0.rawValue, $0) })

    /// Whether the statement sends requests and produces a result, so that `let x =` may capture it (a switch: a
    /// `Set` hashed the keyword for every `let`).
    var isCommand: Bool {
        switch self {
        case .attach, .backup, .backups, .delete, .detach, .resize, .restore, .servers, .show, .tasks, .use, .vault,
            .vaults, .wait, .policy, .policies, .bind, .unbind, .protect:
            true
        case .assert, .break, .confirm, .continue, .def, .echo, .endpoint, .exit, .for, .if, .let, .on, .param, .profile,
            .region, .retry, .return, .set, .sleep, .source, .try, .warn, .while:
            false
        }
    }
}

extension Parser {
    /// `statement := command | let | set | param | echo | warn | if | for | while | break | continue | assert | sleep |
    /// confirm | source | exit | on error | try | retry | def | return | expression`, where an expression statement
    /// starts with `$`, `(` or `[`;
    /// dispatched on the contextual keyword.
    ///
    /// - Returns: The statement, or `nil` after recording a diagnostic. Either way the caller skips to the end
    ///   of the statement.
    mutating func parseStatement() -> Stmt? {
        if startsExpressionStatement { return parseExpressionStatement().map(Stmt.expression) }
        guard let word = current.word else {
            diagnoseAtCurrent(ExpectedStatement(found: text(of: current)))
            return nil
        }
        guard let keyword = StatementKeyword.byName[word] else {
            if word == "else" || word == "catch" {
                diagnoseAtCurrent(word == "else" ? StaticParserMessage.elseOnItsOwnLine : StaticParserMessage.catchOnItsOwnLine)
                return nil
            }
            let known = StatementKeyword.allCases.map(\.rawValue)
            let suggestion = UnknownStatement.aliases[word] ?? Suggestion.closest(to: word, in: known)
            diagnoseAtCurrent(UnknownStatement(word: word, suggestion: suggestion, known: known))
            return nil
        }
        switch keyword {
        case .attach: return parseAttach().map(Stmt.attach)
        case .backup: return parseBackup().map(Stmt.backup)
        case .protect: return parseProtect().map(Stmt.protect)
        case .vault: return parseVault().map(Stmt.vault)
        case .let: return parseAssignment().map(Stmt.let)
        case .set: return parseAssignment().map(Stmt.set)
        case .echo, .warn: return parseEcho().map(Stmt.echo)
        case .param: return parseParam().map(Stmt.param)
        case .if: return parseIf().map(Stmt.if)
        case .for: return parseFor().map(Stmt.for)
        case .while: return parseWhile().map(Stmt.while)
        case .break, .continue:
            let token = advance()
            expectStatementEnd(of: keyword.rawValue)
            return keyword == .break ? .break(token.range) : .continue(token.range)
        case .assert: return parseAssert().map(Stmt.assert)
        case .sleep: return parseSleep().map(Stmt.sleep)
        case .confirm: return parseConfirm().map(Stmt.confirm)
        case .source: return parseSource().map(Stmt.source)
        case .exit: return parseExit().map(Stmt.exit)
        case .on: return parseOnError().map(Stmt.onError)
        case .try: return parseTry().map(Stmt.try)
        case .retry: return parseRetry().map(Stmt.retry)
        case .def: return parseDef().map(Stmt.def)
        case .return: return parseReturn().map(Stmt.return)
        case .vaults:
            let keyword = advance()
            expectStatementEnd(of: "vaults")
            return .vaults(keyword.range)
        case .use: return parseVaultReference(of: "use", nameRequired: true).map(Stmt.useVault)
        case .show:
            if tokens[index + 1].word.flatMap(ObjectKind.init(rawValue:)) != nil {
                return parseShowObject().map(Stmt.showObject)
            }
            guard expectNextKeyword(in: ["vault"] + ObjectKind.allCases.map(\.rawValue), after: "show") else { return nil }
            return parseVaultReference(of: "show", nameRequired: false).map(Stmt.showVault)
        case .backups: return parseBackups().map(Stmt.backups)
        case .wait: return parseWait().map(Stmt.wait)
        case .restore: return parseRestore().map(Stmt.restore)
        case .delete:
            if tokens[index + 1].word == "vault" { return parseDeleteVault().map(Stmt.deleteVault) }
            guard expectNextKeyword(in: ["backup", "vault"], after: "delete") else { return nil }
            return parseDeleteBackup().map(Stmt.deleteBackup)
        case .detach: return parseDetach().map(Stmt.detach)
        case .tasks: return parseTasks().map(Stmt.tasks)
        case .resize: return parseResizeVault().map(Stmt.resizeVault)
        case .policy: return parsePolicy().map(Stmt.policy)
        case .policies: return parsePolicies().map(Stmt.policies)
        case .bind: return parsePolicyBinding(of: "bind").map(Stmt.bindPolicy)
        case .unbind: return parsePolicyBinding(of: "unbind").map(Stmt.unbindPolicy)
        case .servers:
            let keyword = advance()
            expectStatementEnd(of: "servers")
            return .servers(keyword.range)
        case .region: return parseContext(.region).map(Stmt.context)
        case .profile: return parseContext(.profile).map(Stmt.context)
        case .endpoint: return parseContext(.endpoint).map(Stmt.context)
        }
    }

    /// Whether the token after the statement's keyword is one of `keywords`; if not, consumes the keyword and
    /// reports `parse.expectedKeyword` naming all of them (with a suggestion when one is close).
    mutating func expectNextKeyword(in keywords: [String], after statement: String) -> Bool {
        if let next = tokens[index + 1].word, keywords.contains(next) { return true }
        advance()
        let found = atStatementEnd ? nil : text(of: current)
        let suggestion = current.word.flatMap { Suggestion.closest(to: $0, in: keywords) }
        diagnoseAtCurrent(ExpectedKeywordOf(keywords: keywords, after: "'\(statement)'", found: found, suggestion: suggestion))
        return false
    }

    /// `use vault NAME` and `show vault [NAME]`.
    mutating func parseVaultReference(of statement: String, nameRequired: Bool) -> VaultReference? {
        let keyword = advance()
        guard let vaultKeyword = consume("vault") else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "vault", after: "'\(statement)'"))
            return nil
        }
        var name: Expr?
        if !atStatementEnd {
            guard let value = parseStringOrWord() else {
                diagnoseAtCurrent(StaticParserMessage.expectedVaultName)
                return nil
            }
            name = value
        } else if nameRequired {
            diagnoseAtCurrent(StaticParserMessage.expectedVaultName)
            return nil
        }
        expectStatementEnd(of: "\(statement) vault")
        return VaultReference(name: name, range: keyword.range.cover(name?.range ?? vaultKeyword.range))
    }

    // MARK: attach

    /// `attach server|disk ID… [name STRING]` where each ID is a bare word, a string, a list or a computed value (which may
    /// be a list of IDs); `name` names one resource only.
    mutating func parseAttach() -> AttachStmt? {
        let keyword = advance()
        guard let kind = parseResourceKind(after: "attach") else { return nil }
        var ids: [Expr] = []
        var progress = LoopProgressCondition()
        // After the first ID, a misspelt `name` ends the list, so that it is reported as such.
        while !atStatementEnd, !at("name"), ids.isEmpty || !(current.word.map(Self.looksLikeName) ?? false),
            progress.evaluate(index), let id = parseResourceIDOperand()
        {
            ids.append(id)
        }
        guard let last = ids.last else {
            diagnoseAtCurrent(StaticParserMessage.expectedResourceID)
            return nil
        }
        var name: Expr?
        if let nameKeyword = consume("name") {
            guard let value = parseString(after: "name") else { return nil }
            if ids.count > 1 {
                diagnose(StaticParserMessage.nameOfSeveralResources, at: nameKeyword.range.cover(value.range))
            }
            name = value
        }
        let attach = AttachStmt(kind: kind, ids: ids, name: name, range: keyword.range.cover((name ?? last).range))
        expectStatementEnd(of: "attach", expected: name == nil ? ["name"] : [])
        return attach
    }

    /// Whether a bare word is a likely typo of `name` (`nam`, `nmae`).
    static func looksLikeName(_ word: String) -> Bool {
        Suggestion.closest(to: word, in: ["name"]) != nil
    }

    /// `server` or `disk`, or `nil` after `parse.expectedResourceKind` (with a suggestion when one is close).
    mutating func parseResourceKind(after statement: String) -> ResourceKind? {
        guard let kind = current.word.flatMap(ResourceKind.init(rawValue:)) else {
            let kinds = ResourceKind.allCases.map(\.rawValue)
            let found = current.isStatementEnd ? nil : text(of: current)
            let suggestion = current.word.flatMap { Suggestion.closest(to: $0, in: kinds) }
            diagnoseAtCurrent(ExpectedResourceKind(statement: statement, found: found, suggestion: suggestion))
            return nil
        }
        advance()
        return kind
    }

    // MARK: backup

    /// `backup (name STRING | description STRING | full | incremental | server ID… | disk ID… | wait [timeout D])*`,
    /// options in any order, each once; `full` and `incremental` exclude each other.
    mutating func parseBackup() -> BackupStmt? {
        let options = ["name", "description", "full", "incremental", "server", "disk", "wait"]
        let keyword = advance()
        var range = keyword.range
        var firstUse = OptionUses()
        var name: Expr?
        var description: Expr?
        var incremental: Bool?
        var resources: [Expr] = []
        var wait: WaitClause?
        var progress = LoopProgressCondition()
        while let option = current.word, options.contains(option), progress.evaluate(index) {
            let optionToken = advance()
            range = range.cover(optionToken.range)
            noteRepeated(option, at: optionToken.range, in: "backup", firstUse: &firstUse)
            switch option {
            case "name", "description":
                guard let value = parseString(after: option) else { return nil }
                if option == "name" { name = value } else { description = value }
                range = range.cover(value.range)
            case "full", "incremental":
                noteConflict(option, with: option == "full" ? "incremental" : "full", at: optionToken.range, firstUse: firstUse)
                incremental = option == "incremental"
            case "server", "disk":
                guard let ids = parseResourceIDs(after: option, stoppingAt: options + ["timeout"]) else { return nil }
                resources += ids
                range = range.cover(ids.last?.range ?? optionToken.range)
            default:
                guard let clause = parseWaitClause(keyword: optionToken) else { return nil }
                wait = clause
                range = range.cover(clause.range)
            }
        }
        if wait == nil, at("timeout") {
            diagnoseAtCurrent(StaticParserMessage.timeoutWithoutWait)
            skipToStatementEnd()
            return nil
        }
        expectStatementEnd(of: "backup", expected: options.filter { firstUse[$0] == nil }, given: firstUse)
        return BackupStmt(
            name: name, description: description, incremental: incremental, resources: resources, wait: wait,
            range: range
        )
    }

    /// One or more resource IDs after `server` or `disk`, up to the end of the statement or the next option
    /// keyword; each a bare word, a string or a computed value (which may be a list of IDs).
    mutating func parseResourceIDs(after option: String, stoppingAt keywords: [String]) -> [Expr]? {
        var ids: [Expr] = []
        var progress = LoopProgressCondition()
        while !atStatementEnd, !(current.word.map(keywords.contains) ?? false), progress.evaluate(index) {
            guard let id = parseResourceIDOperand() else { break }
            ids.append(id)
        }
        guard !ids.isEmpty else {
            diagnoseAtCurrent(ExpectedOptionValue(option: option, what: "one or more IDs of the vault's resources"))
            return nil
        }
        return ids
    }

    /// `wait [timeout DURATION]`, after `wait` has been consumed.
    mutating func parseWaitClause(keyword: Token) -> WaitClause? {
        guard let timeoutKeyword = consume("timeout") else {
            if let word = current.word, let suggestion = Suggestion.closest(to: word, in: ["timeout"]) {
                diagnoseAtCurrent(UnexpectedToken(found: word, statement: "wait", suggestion: suggestion))
                return nil
            }
            return WaitClause(timeout: nil, range: keyword.range)
        }
        let timeout: Expr
        if case .duration(let value) = current.kind {
            timeout = .duration(value, advance().range)
        } else if startsComputedValue, let value = parseOperand() {
            timeout = value
        } else {
            diagnoseAtCurrent(StaticParserMessage.expectedDuration)
            return nil
        }
        if at("timeout") {
            let note = Diagnostic.Note(FirstGivenHere(option: "timeout"), range: timeoutKeyword.range)
            diagnose(DuplicateOption(option: "timeout", statement: "wait"), at: current.range, notes: [note])
            return nil
        }
        return WaitClause(timeout: timeout, range: keyword.range.cover(timeout.range))
    }

    // MARK: Values

    /// Whether the current token starts a value only known at run time: a variable, an interpolated string or
    /// a parenthesised expression.
    var startsComputedValue: Bool {
        switch current.kind {
        case .variable, .interpolatedString, .punctuation(.leftParen): true
        default: false
        }
    }

    /// Parses a string, a bare word or a computed value, or returns `nil` without consuming or diagnosing.
    mutating func parseStringOrWord() -> Expr? {
        switch current.kind {
        case .string, .word: parseOperand()
        default: startsComputedValue ? parseOperand() : nil
        }
    }

    /// Parses one operand of a statement's resource IDs: a string, a bare word, a computed value or a list literal
    /// (`attach server [ID, ID]`, as `let fleet = [ID, ID]; attach server $fleet`), or returns `nil` without
    /// consuming or diagnosing.
    mutating func parseResourceIDOperand() -> Expr? {
        at(.leftBracket) ? parseOperand() : parseStringOrWord()
    }

    /// Parses a string or a computed value, or diagnoses `parse.expectedString` and returns `nil`.
    mutating func parseString(after option: String) -> Expr? {
        if case .string = current.kind { return parseOperand() }
        guard startsComputedValue else {
            diagnoseAtCurrent(ExpectedString(after: option))
            return nil
        }
        return parseOperand()
    }

    /// Consumes an integer, or returns `nil` after a diagnostic: `parse.expectedInteger` when the token looks
    /// like a number that is not whole (`5m`, `1.5`, `200GB`), `missing` otherwise.
    mutating func parseInteger(orDiagnose missing: any DiagnosticMessage, unit: String) -> Expr? {
        switch current.kind {
        case .integer(let value):
            return .integer(value, advance().range)
        case _ where startsComputedValue:
            return parseOperand()
        case .duration:
            diagnoseAtCurrent(ExpectedInteger(found: text(of: current), unit: unit))
        case .word(let word) where word.first?.isNumber == true:
            diagnoseAtCurrent(ExpectedInteger(found: word, unit: unit))
        default:
            diagnoseAtCurrent(missing)
        }
        return nil
    }
}

extension Token.Kind {
    var isInteger: Bool {
        if case .integer = self { true } else { false }
    }
}
