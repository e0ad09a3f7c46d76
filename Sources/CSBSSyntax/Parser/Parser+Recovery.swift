import CSBSPlatform

extension Parser {
    // MARK: try, retry

    /// `try block 'catch' NAME? block`; `catch` follows the body's `}` on the same line, as `else` does.
    mutating func parseTry() -> TryStmt? {
        let keyword = advance()
        guard let body = parseBlock(of: "try") else { return nil }
        guard consume("catch") != nil else {
            var next = index
            while tokens[next].kind == .newline { next += 1 }
            if next != index, tokens[next].word == "catch" {
                // `}` then `catch` on the next line: one message, at the `catch`, and its block is skipped with it.
                while index < next { advance() }
                diagnoseAtCurrent(StaticParserMessage.catchOnItsOwnLine)
                return nil
            }
            diagnoseAtCurrent(ExpectedKeyword(keyword: "catch", after: "the block of 'try'"))
            return nil
        }
        var name: (String, SourceRange)?
        if !at(.leftBrace), !atStatementEnd {
            guard let parsed = parseVariableName(after: "catch") else { return nil }
            name = parsed
        }
        guard let handler = parseBlock(of: "catch") else { return nil }
        expectStatementEnd(of: "try")
        return TryStmt(
            body: body, errorName: name?.0, errorNameRange: name?.1, handler: handler,
            range: keyword.range.cover(handler.range)
        )
    }

    /// `retry operand ('every' operand | 'backoff')* block`, the options in any order, each once; `backoff` needs
    /// `every`. Literal values are checked by ``LiteralCheck``.
    mutating func parseRetry() -> RetryStmt? {
        let options = ["every", "backoff"]
        let keyword = advance()
        guard !atStatementEnd, !at(.leftBrace) else {
            diagnoseAtCurrent(StaticParserMessage.expectedRetryAttempts)
            return nil
        }
        guard let attempts = parseOperand() else { return nil }
        var firstUse = OptionUses()
        var interval: Expr?
        var progress = LoopProgressCondition()
        while let option = current.word, options.contains(option), progress.evaluate(index) {
            let optionToken = advance()
            noteRepeated(option, at: optionToken.range, in: "retry", firstUse: &firstUse)
            guard option == "every" else { continue }
            guard !atStatementEnd, !at(.leftBrace) else {
                diagnoseAtCurrent(ExpectedOptionValue(option: "every", what: "how long to wait between attempts, such as 30s"))
                return nil
            }
            guard let value = parseOperand() else { return nil }
            interval = value
        }
        if let backoff = firstUse["backoff"], interval == nil {
            diagnose(StaticParserMessage.backoffWithoutEvery, at: backoff)
            return nil
        }
        if !at(.leftBrace), let word = current.word,
            let suggestion = Suggestion.closest(to: word, in: options)
        {
            diagnoseAtCurrent(UnexpectedToken(found: word, statement: "retry", suggestion: suggestion))
            return nil
        }
        guard let body = parseBlock(of: "retry") else { return nil }
        expectStatementEnd(of: "retry")
        return RetryStmt(
            attempts: attempts, interval: interval, backoff: firstUse["backoff"] != nil, body: body,
            range: keyword.range.cover(body.range)
        )
    }

    // MARK: Values as statements

    /// A value on its own line, such as `$r`, `$r.name`, `$list[0]` or `($a == $b)`: the statement prints it.
    /// `$x = …` gets `parse.assignmentWithoutKeyword`, pointing at `let` and `set`.
    mutating func parseExpressionStatement() -> Expr? {
        guard let expr = parseExpression() else { return nil }
        if at(.assign) {
            let name = if case .variable(let name, _) = expr { name } else { "NAME" }
            diagnoseAtCurrent(AssignmentWithoutKeyword(name: name))
            return nil
        }
        expectStatementEnd(of: "value")
        return expr
    }

    /// Whether the current token starts a value that may stand as a statement: a variable, `(`, `[`, or a call
    /// (`len($x)`: a name that is not a statement's keyword, directly followed by `(`).
    var startsExpressionStatement: Bool {
        switch current.kind {
        case .variable, .punctuation(.leftParen), .punctuation(.leftBracket): true
        case .word(let word):
            // The cheap test first: nearly every statement starts with a word not followed by `(`.
            tokens[index + 1].kind == .punctuation(.leftParen)
                && tokens[index + 1].range.lowerBound == current.range.upperBound && StatementKeyword.byName[word] == nil
        default: false
        }
    }
}

/// `$x = 5`, a value followed by `=`: `parse.assignmentWithoutKeyword`.
struct AssignmentWithoutKeyword: DiagnosticMessage {
    let name: String
    var id: MessageID { MessageID(domain: "parse", name: "assignmentWithoutKeyword") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        "'=' needs 'let' or 'set': 'let \(name.abbreviated()) = …' declares a variable, "
            + "'set \(name.abbreviated()) = …' changes one"
    }
}
