import CSBSPlatform

extension Parser {
    // MARK: let, set

    /// `let NAME = (command | expression)` and `set NAME = (command | expression)`.
    mutating func parseAssignment() -> AssignStmt? {
        let keyword = advance()
        let statement = keyword.word ?? "let"
        guard let (name, nameRange) = parseVariableName(after: statement) else { return nil }
        guard consume(.assign) != nil else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "=", after: "the variable name"))
            return nil
        }
        let value: Binding
        if let word = current.word, let command = StatementKeyword.byName[word], command.isCommand {
            guard let parsed = parseStatement() else { return nil }
            value = .command(parsed)
        } else {
            guard let expr = parseExpression() else { return nil }
            value = .expression(expr)
            expectStatementEnd(of: statement)
        }
        return AssignStmt(name: name, nameRange: nameRange, value: value, range: keyword.range.cover(value.range))
    }

    /// A variable name being declared: a word made of letters, digits and `_` that does not start with a digit.
    /// `$name` is accepted too. Reports `parse.expectedVariableName` otherwise.
    mutating func parseVariableName(after statement: String) -> (String, SourceRange)? {
        let name: String
        switch current.kind {
        case .word(let word): name = word
        case .variable(let variable): name = variable
        default:
            diagnoseAtCurrent(ExpectedVariableName(after: statement, found: atStatementEnd ? nil : text(of: current)))
            return nil
        }
        guard Self.isIdentifier(name) else {
            diagnoseAtCurrent(ExpectedVariableName(after: statement, found: text(of: current)))
            return nil
        }
        declaredNames.append(name)
        return (name, advance().range)
    }

    // MARK: param

    /// `param NAME [= literal]`, the literal a string, a whole number, a duration or `true`/`false`: the type the
    /// `--var` text converts to.
    mutating func parseParam() -> ParamStmt? {
        let keyword = advance()
        guard let (name, nameRange) = parseVariableName(after: "param") else { return nil }
        guard consume(.assign) != nil else {
            expectStatementEnd(of: "param")
            return ParamStmt(name: name, nameRange: nameRange, defaultValue: nil, range: keyword.range.cover(nameRange))
        }
        let start = current.range
        guard let value = parseOperand() else { return nil }
        switch value {
        case .string, .integer, .duration, .bool: break
        default:
            diagnose(StaticParserMessage.paramDefaultNotLiteral, at: start.cover(value.range))
            return nil
        }
        expectStatementEnd(of: "param")
        return ParamStmt(name: name, nameRange: nameRange, defaultValue: value, range: keyword.range.cover(value.range))
    }

    // MARK: echo

    /// `echo operand*` and `warn operand*` (the same, on standard error).
    mutating func parseEcho() -> EchoStmt? {
        let stream: EchoStmt.Stream = current.word == StatementKeyword.warn.rawValue ? .standardError : .standardOutput
        let keyword = advance()
        var values: [Expr] = []
        var progress = LoopProgressCondition()
        while !atStatementEnd, progress.evaluate(index) {
            guard let value = parseOperand() else { return nil }
            values.append(value)
        }
        let range = values.last.map { keyword.range.cover($0.range) } ?? keyword.range
        return EchoStmt(values: values, stream: stream, range: range)
    }

    // MARK: if, for, while

    /// `if expression block ('else' (block | if))?`
    mutating func parseIf() -> IfStmt? {
        let keyword = advance()
        guard let condition = parseExpression(), let then = parseBlock(of: "if") else { return nil }
        var otherwise: Block?
        if consume("else") != nil {
            if at("if") {
                let start = current.range
                guard let nested = parseIf() else { return nil }
                otherwise = Block(statements: [.if(nested)], range: start.cover(nested.range))
            } else {
                guard let block = parseBlock(of: "else") else { return nil }
                otherwise = block
            }
        }
        let end = otherwise?.range ?? then.range
        if otherwise == nil, let word = current.word, UnknownStatement.aliases[word] == "else if" {
            // `} elif … {`: `else if` is the one spelling.
            diagnoseAtCurrent(UnexpectedToken(found: word, statement: "if", suggestion: "else if"))
            return nil
        }
        expectStatementEnd(of: "if")
        return IfStmt(condition: condition, then: then, otherwise: otherwise, range: keyword.range.cover(end))
    }

    /// `for NAME in expression ('parallel' operand)? block`
    mutating func parseFor() -> ForStmt? {
        let keyword = advance()
        guard let (name, nameRange) = parseVariableName(after: "for") else { return nil }
        guard consume("in") != nil else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "in", after: "the loop variable"))
            return nil
        }
        guard let sequence = parseExpression() else { return nil }
        var parallel: ParallelClause?
        if at("parallel") {
            guard let clause = parseParallelClause() else { return nil }
            parallel = clause
        } else if let word = current.word, let suggestion = Suggestion.closest(to: word, in: ["parallel"]) {
            diagnoseAtCurrent(UnexpectedToken(found: word, statement: "for", suggestion: suggestion))
            return nil
        }
        guard let body = parseBlock(of: "for") else { return nil }
        expectStatementEnd(of: "for")
        return ForStmt(
            name: name, nameRange: nameRange, sequence: sequence, parallel: parallel, body: body,
            range: keyword.range.cover(body.range)
        )
    }

    /// `while expression block`
    mutating func parseWhile() -> WhileStmt? {
        let keyword = advance()
        guard let condition = parseExpression(), let body = parseBlock(of: "while") else { return nil }
        expectStatementEnd(of: "while")
        return WhileStmt(condition: condition, body: body, range: keyword.range.cover(body.range))
    }

    /// `'parallel' operand`: the width is any operand; a literal one must be from 1 to
    /// ``ParallelClause/maximumWidth`` (`parse.parallelWidthOutOfRange`).
    mutating func parseParallelClause() -> ParallelClause? {
        let keyword = advance()
        guard !atStatementEnd, !at(.leftBrace) else {
            diagnoseAtCurrent(ParallelWidthMessage(found: nil))
            return nil
        }
        guard let width = parseOperand() else { return nil }
        switch width {
        case .integer(let value, let range) where !(1...ParallelClause.maximumWidth).contains(value):
            diagnose(ParallelWidthMessage(found: String(value)), at: range)
            return nil
        case .string(_, let range), .duration(_, let range), .bool(_, let range), .null(let range),
            .list(_, let range), .record(_, let range):
            diagnose(ParallelWidthMessage(found: text(in: range)), at: range)
            return nil
        default:
            break
        }
        return ParallelClause(width: width, range: keyword.range.cover(width.range))
    }

    /// `block := '{' (statement? (';' | newline))* '}'`. A missing `}` is reported at the `{`.
    mutating func parseBlock(of statement: String) -> Block? {
        guard at(.leftBrace) else {
            diagnoseAtCurrent(ExpectedBlock(statement: statement))
            return nil
        }
        guard depth < Self.maximumDepth else {
            diagnoseTooDeep(at: current.range)
            return nil
        }
        let open = advance()
        depth += 1
        defer { depth -= 1 }
        var statements: [Stmt] = []
        var failed = false
        var progress = LoopProgressCondition()
        while progress.evaluate(index) {
            if let close = consume(.rightBrace) {
                return failed ? nil : Block(statements: statements, range: open.range.cover(close.range))
            }
            if tokens.isEndOfFile(at: index) {
                if !skippedToEndOfFile { diagnose(UnterminatedBlock(statement: statement), at: open.range) }
                return nil
            }
            if tokens.isStatementEnd(at: index) {
                advance()
                continue
            }
            if let statement = parseStatementRecovering() {
                statements.append(statement)
            } else {
                failed = true
            }
        }
        return nil
    }

    // MARK: assert, sleep, source, exit, on error

    /// `assert expression operand?`
    mutating func parseAssert() -> AssertStmt? {
        let keyword = advance()
        guard let condition = parseExpression() else { return nil }
        var message: Expr?
        if !atStatementEnd {
            guard let value = parseOperand() else { return nil }
            message = value
        }
        expectStatementEnd(of: "assert")
        return AssertStmt(condition: condition, message: message, range: keyword.range.cover((message ?? condition).range))
    }

    /// `sleep operand`
    mutating func parseSleep() -> SleepStmt? {
        let keyword = advance()
        guard !atStatementEnd else {
            diagnoseAtCurrent(StaticParserMessage.expectedSleepDuration)
            return nil
        }
        guard let duration = parseOperand() else { return nil }
        expectStatementEnd(of: "sleep")
        return SleepStmt(duration: duration, range: keyword.range.cover(duration.range))
    }

    /// `confirm operand`
    mutating func parseConfirm() -> ConfirmStmt? {
        let keyword = advance()
        guard !atStatementEnd else {
            diagnoseAtCurrent(StaticParserMessage.expectedConfirmMessage)
            return nil
        }
        guard let message = parseOperand() else { return nil }
        expectStatementEnd(of: "confirm")
        return ConfirmStmt(message: message, range: keyword.range.cover(message.range))
    }

    /// `source operand`
    mutating func parseSource() -> SourceStmt? {
        let keyword = advance()
        guard !atStatementEnd else {
            diagnoseAtCurrent(StaticParserMessage.expectedSourcePath)
            return nil
        }
        guard let path = parseOperand() else { return nil }
        expectStatementEnd(of: "source")
        return SourceStmt(path: path, range: keyword.range.cover(path.range))
    }

    /// `exit operand?`
    mutating func parseExit() -> ExitStmt? {
        let keyword = advance()
        var code: Expr?
        if !atStatementEnd {
            guard let value = parseOperand() else { return nil }
            code = value
        }
        expectStatementEnd(of: "exit")
        return ExitStmt(code: code, range: keyword.range.cover((code?.range) ?? keyword.range))
    }

    // MARK: def, return

    /// `def NAME '(' (PARAM (',' PARAM)* ','?)? ')' block`, each name made of letters, digits and `_`; line breaks are
    /// allowed between the parentheses. Where a `def` may stand, and what its body may do, is the resolver's to say.
    mutating func parseDef() -> DefStmt? {
        let keyword = advance()
        guard case .word(let name) = current.kind, Self.isIdentifier(name) else {
            diagnoseAtCurrent(ExpectedProcedureName(found: atStatementEnd ? nil : text(of: current)))
            return nil
        }
        if StatementKeyword.byName[name] != nil {
            // `backup(…)` at the start of a line would be the statement, so the procedure could not be called there.
            diagnoseAtCurrent(KeywordAsProcedureName(name: name))
            return nil
        }
        let nameToken = advance()
        declaredProcedures.insert(name)
        guard let open = consume(.leftParen) else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "(", after: "the name of the procedure"))
            return nil
        }
        var parameters: [DefStmt.Parameter] = []
        var progress = LoopProgressCondition()
        skipNewlines()
        while !at(.rightParen), progress.evaluate(index) {
            guard let (parameter, range) = parseVariableName(after: "'(' of 'def'") else { return nil }
            if let first = parameters.first(where: { $0.name == parameter }) {
                let note = Diagnostic.Note(FirstGivenHere(option: parameter), range: first.range)
                diagnose(DuplicateParameter(name: parameter), at: range, notes: [note])
            }
            parameters.append(DefStmt.Parameter(name: parameter, range: range))
            skipNewlines()
            guard consume(.comma) != nil else { break }
            skipNewlines()
        }
        guard consume(.rightParen) != nil else {
            diagnoseUnclosed(
                ExpectedClosing(punctuation: .rightParen, what: "the parameters of '\(name.abbreviated())'", opener: open.range)
            )
            return nil
        }
        guard let body = parseBlock(of: "def") else { return nil }
        expectStatementEnd(of: "def")
        return DefStmt(
            name: name, nameRange: nameToken.range, parameters: parameters, body: body, range: keyword.range.cover(body.range)
        )
    }

    /// Whether `word` is a name: a letter or `_`, then letters, digits and `_`.
    static func isIdentifier(_ word: String) -> Bool {
        guard let first = word.utf8.first, Lexer.isIdentifierStart(first) else { return false }
        var text = word
        return text.withUTF8 { $0.allSatisfy { Lexer.isIdentifierStart($0) || Lexer.isDigit($0) } }
    }

    /// `return expression?`
    mutating func parseReturn() -> ReturnStmt? {
        let keyword = advance()
        var value: Expr?
        if !atStatementEnd {
            guard let parsed = parseExpression() else { return nil }
            value = parsed
        }
        expectStatementEnd(of: "return")
        return ReturnStmt(value: value, range: keyword.range.cover(value?.range ?? keyword.range))
    }

    /// `on error (stop | continue)`
    mutating func parseOnError() -> OnErrorStmt? {
        let keyword = advance()
        guard consume("error") != nil else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "error", after: "'on'"))
            return nil
        }
        guard let word = current.word, let mode = ErrorMode(rawValue: word) else {
            diagnoseAtCurrent(StaticParserMessage.expectedErrorMode)
            return nil
        }
        let end = advance().range
        expectStatementEnd(of: "on error")
        return OnErrorStmt(mode: mode, range: keyword.range.cover(end))
    }
}

/// A `parallel` with no width, or a literal width that is not an integer from 1 to 256:
/// `parse.expectedParallelWidth` and `parse.parallelWidthOutOfRange`.
struct ParallelWidthMessage: DiagnosticMessage {
    /// The width as written, or `nil` when it is missing.
    let found: String?
    var id: MessageID {
        MessageID(domain: "parse", name: found == nil ? "expectedParallelWidth" : "parallelWidthOutOfRange")
    }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        let range = "from 1 to \(ParallelClause.maximumWidth)"
        guard let found else {
            return "expected how many items run at once after 'parallel' (\(range)), such as 'parallel 8'"
        }
        return "'parallel' takes how many items run at once, \(range), not '\(found.abbreviated())'"
    }
}
