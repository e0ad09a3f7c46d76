/// The keywords that start a statement. Adding a statement means adding a case here and its `parseX()`.
enum StatementKeyword: String, CaseIterable {
    case attach
    case backup
    case vault
}

extension Parser {
    /// `statement := vault | attach | backup`, dispatched on the contextual keyword.
    ///
    /// - Returns: The statement, or `nil` after recording a diagnostic. Either way the caller skips to the end
    ///   of the statement.
    mutating func parseStatement() -> Stmt? {
        guard let word = current.word else {
            diagnoseAtCurrent(ExpectedStatement(found: text(of: current)))
            return nil
        }
        guard let keyword = StatementKeyword(rawValue: word) else {
            let known = StatementKeyword.allCases.map(\.rawValue)
            let suggestion = Suggestion.closest(to: word, in: known)
            diagnoseAtCurrent(UnknownStatement(word: word, suggestion: suggestion, known: known))
            return nil
        }
        switch keyword {
        case .attach: return parseAttach().map(Stmt.attach)
        case .backup: return parseBackup().map(Stmt.backup)
        case .vault: return parseVault().map(Stmt.vault)
        }
    }

    // MARK: vault

    /// `vault NAME size GB` where NAME is a string or a bare word and GB an integer.
    mutating func parseVault() -> VaultStmt? {
        let keyword = advance()
        // `vault size 10` is a missing name, not a vault called "size".
        let sizeFollows = at("size") && tokens[index + 1].kind.isInteger
        guard !sizeFollows, let name = parseStringOrWord() else {
            diagnoseAtCurrent(StaticParserMessage.expectedVaultName)
            return nil
        }
        guard consume("size") != nil else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "size", after: "the vault name"))
            return nil
        }
        guard let size = parseInteger(orDiagnose: StaticParserMessage.expectedSize, unit: "GB") else { return nil }
        let vault = VaultStmt(name: name, size: size, range: keyword.range.cover(size.range))
        expectStatementEnd(of: "vault")
        return vault
    }

    // MARK: attach

    /// `attach server|disk ID [name STRING]` where ID is a bare word or a string.
    mutating func parseAttach() -> AttachStmt? {
        let keyword = advance()
        guard let kind = current.word.flatMap(ResourceKind.init(rawValue:)) else {
            let kinds = ResourceKind.allCases.map(\.rawValue)
            let found = current.isStatementEnd ? nil : text(of: current)
            let suggestion = current.word.flatMap { Suggestion.closest(to: $0, in: kinds) }
            diagnoseAtCurrent(ExpectedResourceKind(found: found, suggestion: suggestion))
            return nil
        }
        advance()
        guard let id = parseStringOrWord() else {
            diagnoseAtCurrent(StaticParserMessage.expectedResourceID)
            return nil
        }
        var name: Expr?
        if consume("name") != nil {
            guard let value = parseString(after: "name") else { return nil }
            name = value
        }
        let attach = AttachStmt(kind: kind, id: id, name: name, range: keyword.range.cover((name ?? id).range))
        expectStatementEnd(of: "attach", expected: name == nil ? ["name"] : [])
        return attach
    }

    // MARK: backup

    /// `backup [name STRING] [description STRING] [wait [timeout DURATION]]`, options in any order, each once.
    mutating func parseBackup() -> BackupStmt? {
        let options = ["name", "description", "wait"]
        let keyword = advance()
        var range = keyword.range
        var firstUse: [String: SourceRange] = [:]
        var name: Expr?
        var description: Expr?
        var wait: WaitClause?
        var progress = LoopProgressCondition()
        while let option = current.word, options.contains(option), progress.evaluate(index) {
            let optionToken = advance()
            if let first = firstUse[option] {
                let note = Diagnostic.Note(FirstGivenHere(option: option), range: first)
                diagnose(DuplicateOption(option: option, statement: "backup"), at: optionToken.range, notes: [note])
            } else {
                firstUse[option] = optionToken.range
            }
            switch option {
            case "name":
                guard let value = parseString(after: option) else { return nil }
                name = value
                range = range.cover(value.range)
            case "description":
                guard let value = parseString(after: option) else { return nil }
                description = value
                range = range.cover(value.range)
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
        expectStatementEnd(of: "backup", expected: options.filter { firstUse[$0] == nil })
        return BackupStmt(name: name, description: description, wait: wait, range: range)
    }

    /// `wait [timeout DURATION]`, after `wait` has been consumed.
    mutating func parseWaitClause(keyword: Token) -> WaitClause? {
        guard consume("timeout") != nil else {
            return WaitClause(timeout: nil, range: keyword.range)
        }
        guard case .duration(let value) = current.kind else {
            diagnoseAtCurrent(StaticParserMessage.expectedDuration)
            return nil
        }
        let timeout = Expr.duration(value, advance().range)
        return WaitClause(timeout: timeout, range: keyword.range.cover(timeout.range))
    }

    // MARK: Values

    /// Consumes a string or a bare word, or returns `nil` without consuming or diagnosing.
    mutating func parseStringOrWord() -> Expr? {
        switch current.kind {
        case .string(let value): .string(value, advance().range)
        case .word(let value): .word(value, advance().range)
        default: nil
        }
    }

    /// Consumes a string, or diagnoses `parse.expectedString` and returns `nil`.
    mutating func parseString(after option: String) -> Expr? {
        guard case .string(let value) = current.kind else {
            diagnoseAtCurrent(ExpectedString(after: option))
            return nil
        }
        return .string(value, advance().range)
    }

    /// Consumes an integer, or returns `nil` after a diagnostic: `parse.expectedInteger` when the token looks
    /// like a number that is not whole (`5m`, `1.5`, `200GB`), `missing` otherwise.
    mutating func parseInteger(orDiagnose missing: any DiagnosticMessage, unit: String) -> Expr? {
        switch current.kind {
        case .integer(let value):
            return .integer(value, advance().range)
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
