extension Parser {
    // MARK: Full expressions

    /// `expression := and ('or' and)*`
    ///
    /// Precedence, loosest first: `or`; `and`; `not`; the comparisons `== != < <= > >=` and `in` (which do not
    /// chain); `??` (grouping to the right); `..`; `+` and `-`; `*`, `/` and `%`; then operands. Every way back
    /// into an expression (a parenthesis, a list, a record, an index, a call, `not`) and every binary operator counts
    /// one level of nesting, so `[[1]]` is two levels deep and `1 + 2 + 3` two, as the limit's documentation says.
    ///
    /// - Returns: The expression, or `nil` after recording a diagnostic.
    mutating func parseExpression() -> Expr? {
        var levels = 0
        defer { depth -= levels }
        guard var left = parseAnd() else { return nil }
        while at("or") {
            guard enter(atOperator: true) else { return nil }
            levels += 1
            advance()
            guard let right = parseAnd() else { return nil }
            left = .binary(.or, left, right, left.range.cover(right.range))
        }
        return left
    }

    /// `and := not ('and' not)*`
    private mutating func parseAnd() -> Expr? {
        var levels = 0
        defer { depth -= levels }
        guard var left = parseNot() else { return nil }
        while at("and") {
            guard enter(atOperator: true) else { return nil }
            levels += 1
            advance()
            guard let right = parseNot() else { return nil }
            left = .binary(.and, left, right, left.range.cover(right.range))
        }
        return left
    }

    /// `not := 'not' not | comparison`
    private mutating func parseNot() -> Expr? {
        guard let keyword = consume("not") else { return parseComparison() }
        guard enter() else { return nil }
        defer { depth -= 1 }
        guard let operand = parseNot() else { return nil }
        return .not(operand, keyword.range.cover(operand.range))
    }

    /// `comparison := coalesce (('==' | '!=' | '<' | '<=' | '>' | '>=' | 'in') coalesce)?`; comparisons do not
    /// chain.
    private mutating func parseComparison() -> Expr? {
        guard let left = parseCoalesce() else { return nil }
        guard let op = comparisonOperator else { return left }
        advance()
        guard let right = parseCoalesce() else { return nil }
        if comparisonOperator != nil {
            diagnoseAtCurrent(StaticParserMessage.chainedComparison)
            return nil
        }
        return .binary(op, left, right, left.range.cover(right.range))
    }

    /// `coalesce := range ('??' coalesce)?`: `a ?? b ?? c` is `a ?? (b ?? c)`.
    private mutating func parseCoalesce() -> Expr? {
        guard let left = parseRange() else { return nil }
        guard at(.questionQuestion) else { return left }
        guard enter(atOperator: true) else { return nil }
        defer { depth -= 1 }
        advance()
        guard let right = parseCoalesce() else { return nil }
        return .binary(.coalesce, left, right, left.range.cover(right.range))
    }

    /// `range := additive ('..' additive)?`. A literal bound must be a whole number (`parse.expectedRangeBound`);
    /// two literal bounds must count up (`parse.descendingRange`) and hold at most ``Expr/maximumRangeCount``
    /// numbers (`parse.rangeTooLarge`). Computed bounds are checked when the range is evaluated.
    private mutating func parseRange() -> Expr? {
        guard let first = parseAdditive() else { return nil }
        guard at(.dotDot) else { return first }
        advance()
        guard let last = parseAdditive() else { return nil }
        if at(.dotDot) {
            diagnoseAtCurrent(ExpectedExpression(found: ".."))
            return nil
        }
        var valid = true
        for bound in [first, last] {
            guard let found = Self.nonIntegerLiteral(bound) else { continue }
            diagnose(LoopMessage.expectedRangeBound(found), at: bound.range)
            valid = false
        }
        let range = first.range.cover(last.range)
        if case .integer(let low, _) = first, case .integer(let high, _) = last {
            if high < low {
                diagnose(LoopMessage.descendingRange(low, high), at: range)
                valid = false
            } else if LoopMessage.rangeCount(low, high) == nil {
                diagnose(LoopMessage.rangeTooLarge(low, high, domain: "parse"), at: range)
                valid = false
            }
        }
        return valid ? .integerRange(first, last, range) : nil
    }

    /// `additive := multiplicative (('+' | '-') multiplicative)*`. `-` is the word `-` on its own: written
    /// against its operands (`$a-1`), it is part of a word or a negative number, as in `web-01`.
    private mutating func parseAdditive() -> Expr? {
        var levels = 0
        defer { depth -= levels }
        guard var left = parseMultiplicative() else { return nil }
        while let op = at(.plus) ? BinaryOperator.add : (at("-") ? .subtract : nil) {
            guard enter(atOperator: true) else { return nil }
            levels += 1
            advance()
            guard let right = parseMultiplicative() else { return nil }
            left = .binary(op, left, right, left.range.cover(right.range))
        }
        return left
    }

    /// `multiplicative := operand (('*' | '/' | '%') operand)*`
    private mutating func parseMultiplicative() -> Expr? {
        var levels = 0
        defer { depth -= levels }
        guard var left = parseOperand() else { return nil }
        while let op = at(.star) ? BinaryOperator.multiply : (at(.slash) ? .divide : (at(.percent) ? .remainder : nil)) {
            guard enter(atOperator: true) else { return nil }
            levels += 1
            advance()
            guard let right = parseOperand() else { return nil }
            left = .binary(op, left, right, left.range.cover(right.range))
        }
        return left
    }

    /// How a message names a literal range bound that is not a whole number, or `nil` for a whole number or a
    /// value computed at run time (a string that reads as a whole number converts, as everywhere).
    private static func nonIntegerLiteral(_ bound: Expr) -> String? {
        switch bound {
        case .string(let text, _): Int(text) == nil ? "the string \"\(text.abbreviated())\"" : nil
        case .word(let text, _): "'\(text.abbreviated())'"
        case .duration: "a duration"
        case .bool(let value, _): String(value)
        case .null: "null"
        case .list: "a list"
        case .record: "a record"
        default: nil
        }
    }

    private var comparisonOperator: BinaryOperator? {
        if at("in") { return .in }
        guard case .punctuation(let punctuation) = current.kind, let op = punctuation.binaryOperator, op.isComparison
        else { return nil }
        return op
    }

    // MARK: Operands

    /// `operand := primary ('.' NAME | '[' expression ']')*`, where the `.` or `[` touches what comes before.
    /// Statement arguments are operands, so `vault $name size 10` reads `size` as a keyword.
    mutating func parseOperand() -> Expr? {
        guard var base = parsePrimary() else { return nil }
        var progress = LoopProgressCondition()
        while current.range.lowerBound == previousEnd, progress.evaluate(index) {
            if let path = current.word, path.utf8.first == UInt8(ascii: ".") {
                let token = advance()
                let rest = path.dropFirst()
                if !rest.isEmpty, !rest.utf8.contains(UInt8(ascii: ".")) {
                    base = .field(base, String(rest), base.range.cover(token.range))
                    continue
                }
                let names = rest.split(separator: ".", omittingEmptySubsequences: false)
                guard names.allSatisfy({ !$0.isEmpty }) else {
                    diagnose(StaticParserMessage.expectedFieldName, at: token.range)
                    return nil
                }
                for name in names {
                    base = .field(base, String(name), base.range.cover(token.range))
                }
            } else if at(.leftBracket) {
                advance()
                guard enter() else { return nil }
                defer { depth -= 1 }
                guard let index = parseExpression() else { return nil }
                guard let close = consume(.rightBracket) else {
                    diagnoseAtCurrent(ExpectedClosing(punctuation: .rightBracket, what: "the index"))
                    return nil
                }
                base = .index(base, index, base.range.cover(close.range))
            } else {
                break
            }
        }
        return base
    }

    /// `primary := STRING | INTEGER | DURATION | call | WORD | '$'NAME | '(' expression ')' | list | record`
    mutating func parsePrimary() -> Expr? {
        switch current.kind {
        case .string(let value):
            return .string(value, advance().range)
        case .interpolatedString(let parts):
            return parseInterpolated(parts, token: advance())
        case .integer(let value):
            return .integer(value, advance().range)
        case .duration(let value):
            return .duration(value, advance().range)
        case .variable(let name):
            return .variable(name, advance().range)
        case .word(let word) where startsCall(word):
            return parseCall(word)
        case .word(let word):
            let range = advance().range
            switch word {
            case "true": return .bool(true, range)
            case "false": return .bool(false, range)
            case "null": return .null(range)
            case _ where word.utf8.first == UInt8(ascii: "-") && word.utf8.count > 1
                && word.utf8.dropFirst().allSatisfy(Lexer.isDigit):
                // A negative whole number such as -1; too long to fit stays a word.
                return Int(word).map { .integer($0, range) } ?? .word(word, range)
            default: return namesAreVariables ? Self.nameAsVariable(word, range: range) : .word(word, range)
            }
        case .punctuation(.leftParen):
            let open = advance()
            guard enter() else { return nil }
            defer { depth -= 1 }
            skipNewlines()
            guard let inner = parseExpression() else { return nil }
            skipNewlines()
            guard let close = consume(.rightParen) else {
                diagnoseUnclosed(ExpectedClosing(punctuation: .rightParen, what: "the parenthesis", opener: open.range))
                return nil
            }
            return inner.withRange(open.range.cover(close.range))
        case .punctuation(.leftBracket):
            return parseList()
        case .punctuation(.leftBrace) where startsRecord:
            return parseRecord()
        default:
            diagnoseAtCurrent(ExpectedExpression(found: atStatementEnd ? nil : text(of: current)))
            return nil
        }
    }

    /// Whether the current word is the name of a call: a name (a letter or `_`, then letters, digits and `_`)
    /// directly followed by `(`. With a space between, `echo f (1)` stays a word and a parenthesis.
    private func startsCall(_ word: String) -> Bool {
        let next = tokens[index + 1]
        return next.kind == .punctuation(.leftParen) && next.range.lowerBound == current.range.upperBound
            && Self.isIdentifier(word)
    }

    /// `call := NAME '(' (expression (',' expression)* ','?)? ')'`, the `(` touching the name; line breaks are
    /// allowed inside. Whether the name is known and the count fits is the resolver's to say.
    private mutating func parseCall(_ name: String) -> Expr? {
        let nameToken = advance()
        let open = advance()
        guard enter() else { return nil }
        defer { depth -= 1 }
        var arguments: [Expr] = []
        var progress = LoopProgressCondition()
        skipNewlines()
        while !at(.rightParen), progress.evaluate(index) {
            guard let argument = parseExpression() else { return nil }
            arguments.append(argument)
            skipNewlines()
            guard consume(.comma) != nil else { break }
            skipNewlines()
        }
        guard let close = consume(.rightParen) else {
            diagnoseUnclosed(
                ExpectedClosing(punctuation: .rightParen, what: "the call of '\(name.abbreviated())'", opener: open.range)
            )
            return nil
        }
        return .call(name, arguments, nameToken.range.cover(close.range))
    }

    /// `list := '[' (expression (',' expression)* ','?)? ']'`; line breaks are allowed inside.
    private mutating func parseList() -> Expr? {
        let open = advance()
        guard enter() else { return nil }
        defer { depth -= 1 }
        var elements: [Expr] = []
        var progress = LoopProgressCondition()
        skipNewlines()
        while !at(.rightBracket), progress.evaluate(index) {
            guard let element = parseExpression() else { return nil }
            elements.append(element)
            skipNewlines()
            guard consume(.comma) != nil else { break }
            skipNewlines()
        }
        guard let close = consume(.rightBracket) else {
            diagnoseUnclosed(ExpectedClosing(punctuation: .rightBracket, what: "the list", opener: open.range))
            return nil
        }
        return .list(elements, open.range.cover(close.range))
    }

    /// Whether a `{` starts a record rather than a block: it must be followed by `NAME:` or `}` (`{}`), so
    /// `if $x == {` reports the missing value instead of reading the block as a record.
    private var startsRecord: Bool {
        var next = index + 1
        while tokens[next].kind == .newline { next += 1 }
        if tokens[next].kind == .punctuation(.rightBrace) { return true }
        guard let word = tokens[next].word else { return false }
        return word.count > 1 && word.hasSuffix(":")
    }

    /// `record := '{' (NAME ':' expression (',' NAME ':' expression)* ','?)? '}'`, where `NAME:` is one word.
    private mutating func parseRecord() -> Expr? {
        let open = advance()
        guard enter() else { return nil }
        defer { depth -= 1 }
        var entries: [RecordEntry] = []
        var keys: [String: SourceRange] = [:]
        var duplicated = false
        var progress = LoopProgressCondition()
        skipNewlines()
        while !at(.rightBrace), progress.evaluate(index) {
            guard let key = current.word, key.count > 1, key.hasSuffix(":") else {
                diagnoseAtCurrent(StaticParserMessage.expectedRecordKey)
                skipPastClosingBrace()
                return nil
            }
            let keyToken = advance()
            let name = String(key.dropLast())
            let nameRange = SourceRange(keyToken.range.lowerBound, keyToken.range.upperBound - 1)
            if let first = keys[name] {
                let note = Diagnostic.Note(FirstGivenHere(option: name), range: first)
                diagnose(DuplicateRecordKey(key: name), at: nameRange, notes: [note])
                duplicated = true
            } else {
                keys[name] = nameRange
            }
            guard let value = parseExpression() else {
                skipPastClosingBrace()
                return nil
            }
            entries.append(RecordEntry(name: name, value: value))
            skipNewlines()
            guard consume(.comma) != nil else { break }
            skipNewlines()
        }
        guard let close = consume(.rightBrace) else {
            diagnoseUnclosed(ExpectedClosing(punctuation: .rightBrace, what: "the record", opener: open.range))
            return nil
        }
        return duplicated ? nil : .record(entries, open.range.cover(close.range))
    }

    /// Parses each `${…}` of a string token with a parser of its own over the code's range.
    private mutating func parseInterpolated(_ parts: [StringPart], token: Token) -> Expr? {
        var result: [InterpolationPart] = []
        result.reserveCapacity(parts.count)
        var failed = false
        for part in parts {
            switch part {
            case .literal(let text):
                result.append(.literal(text))
            case .code(let range):
                if let expr = fieldPath(in: range) ?? parseInterpolation(range) {
                    result.append(.expression(expr))
                } else {
                    failed = true
                }
            }
        }
        return failed ? nil : .interpolated(result, token.range)
    }

    /// The expression of the code `range` of a `${…}`, parsed with a parser of its own, or `nil` after recording
    /// its diagnostics.
    mutating func parseInterpolation(_ range: SourceRange) -> Expr? {
        let codeTokens = Lexer.tokenize(bytes: bytes, from: range.lowerBound, to: range.upperBound)
        var inner = Parser(bytes: bytes, tokens: codeTokens, depth: depth)
        inner.namesAreVariables = true
        let expr = inner.parseExpression()
        if expr != nil, inner.current.kind != .endOfFile {
            inner.diagnoseAtCurrent(UnexpectedInInterpolation(found: inner.text(of: inner.current)))
        }
        for diagnostic in codeTokens.flatMap(\.diagnostics) + inner.diagnostics { record(diagnostic) }
        guard let expr, inner.diagnosticTotal == 0, codeTokens.allSatisfy({ $0.diagnostics.isEmpty }) else { return nil }
        return Self.bareNameAsVariable(expr)
    }

    /// The expression of the code `range` of a `${…}` when it is a name with one or more fields and nothing else
    /// (`${b.id}`, `${vault.billing.size}`), read from the bytes without a parser of its own; `nil` for any
    /// other code, which ``parseInterpolation(_:)`` reads.
    ///
    /// Measured reason: the parser of its own (a lexer, a token array, a descent through every level of the
    /// expression grammar) was 5,300 instructions a `${b.id}`, 7 % of `csbs check` on a runbook that echoes a
    /// field in every other line. Such code is always one word token, which the grammar reads as that word (a
    /// name with a `.` is never `true`, `false`, `null` or `not`), so the answer is the same: a test holds the two
    /// equal.
    func fieldPath(in range: SourceRange) -> Expr? {
        guard range.lowerBound < range.upperBound, range.upperBound <= bytes.count else { return nil }
        var atPieceStart = true
        var hasField = false
        for offset in range.lowerBound..<range.upperBound {
            let byte = bytes[offset]
            if atPieceStart {
                guard Lexer.isIdentifierStart(byte) else { return nil }
                atPieceStart = false
            } else if byte == UInt8(ascii: ".") {
                atPieceStart = true
                hasField = true
            } else if !(Lexer.isIdentifierStart(byte) || Lexer.isDigit(byte)) {
                return nil
            }
        }
        guard hasField, !atPieceStart else { return nil }
        return Self.bareNameAsVariable(.word(text(in: range), range))
    }

    /// Inside `${…}` the whole code when it is a bare whole number is a script argument: `${1}` means `$1` (a
    /// number anywhere else in it is a number, `${n + 1}`); a bare name is a variable, here and wherever the
    /// parser reads one (``namesAreVariables``): `${cp.id}` means `$cp.id`.
    static func bareNameAsVariable(_ expr: Expr) -> Expr {
        switch expr {
        case .integer(let value, let range) where value >= 0:
            return .variable(String(value), range)
        case .word(let word, let range):
            return nameAsVariable(word, range: range)
        case .field(let base, let name, let range):
            return .field(bareNameAsVariable(base), name, range)
        case .index(let base, let index, let range):
            return .index(bareNameAsVariable(base), index, range)
        default:
            return expr
        }
    }

    /// The variable with its fields that `word` names inside `${…}` (``variablePath(_:word:range:)``). A word that
    /// names none (`-n`, `web-01`, an ID starting with a digit) is still read as a variable, one no script can
    /// declare, so that it is `undefinedVariable` where names are resolved instead of text nobody meant: inside
    /// `${…}` a bare word is never text.
    static func nameAsVariable(_ word: String, range: SourceRange) -> Expr {
        // Read as bytes in place: walking the String's UTF-8 view index by index was 4 % of `csbs check` on a
        // runbook with a `${name.field}` in every other line.
        var text = word
        return text.withUTF8 { variablePath($0, word: word, range: range) } ?? .variable(word, range)
    }

    /// The variable with its fields that the word `word` (its UTF-8 `bytes`, at `range`) names inside `${…}`:
    /// `name` or `name.field.field`, every piece non-empty and the first starting like an identifier; `nil` for
    /// any other word.
    private static func variablePath(_ bytes: UnsafeBufferPointer<UInt8>, word: String, range: SourceRange) -> Expr? {
        let dot = UInt8(ascii: ".")
        guard let lead = bytes.first, Lexer.isIdentifierStart(lead) else { return nil }
        guard let firstDot = bytes.firstIndex(of: dot) else {
            // One name, no fields: the common `${name}`.
            return .variable(word, SourceRange(range.lowerBound, range.lowerBound + bytes.count))
        }
        guard bytes.last != dot, !Self.hasEmptyPiece(bytes) else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<firstDot]), as: UTF8.self)
        var result = Expr.variable(name, SourceRange(range.lowerBound, range.lowerBound + firstDot))
        var pieceStart = firstDot + 1
        for index in pieceStart...bytes.count where index == bytes.count || bytes[index] == dot {
            let field = String(decoding: UnsafeBufferPointer(rebasing: bytes[pieceStart..<index]), as: UTF8.self)
            result = .field(result, field, range)
            pieceStart = index + 1
        }
        return result
    }

    /// Whether `bytes` holds `..`: an empty piece of `name.field.field`.
    private static func hasEmptyPiece(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousIsDot = false
        for byte in bytes {
            let isDot = byte == UInt8(ascii: ".")
            if isDot && previousIsDot { return true }
            previousIsDot = isDot
        }
        return false
    }

    /// After an error inside a record, skips to its `}` (nested braces included) and consumes it, so the rest
    /// of the record is not read as statements.
    private mutating func skipPastClosingBrace() {
        var nesting = 0
        var progress = LoopProgressCondition()
        while !tokens.isEndOfFile(at: index), progress.evaluate(index) {
            if at(.leftBrace) { nesting += 1 }
            if at(.rightBrace) {
                if nesting == 0 {
                    advance()
                    return
                }
                nesting -= 1
            }
            advance()
        }
    }

    /// Reports a bracket that is not closed: at the current token when it is on the opener's line (`[1, 2 3]`
    /// points at `3`), otherwise at the opener, since the text lines below it say nothing about the bracket.
    mutating func diagnoseUnclosed(_ message: ExpectedClosing) {
        guard let opener = message.opener, current.kind != .invalid, !abandoned,
            bytes[opener.upperBound..<min(max(current.range.lowerBound, opener.upperBound), bytes.count)]
                .contains(where: Lexer.isLineBreak)
        else {
            diagnoseAtCurrent(message)
            return
        }
        var atOpener = message
        atOpener.reportedAtOpener = true
        diagnose(atOpener, at: opener)
    }

    /// Counts one more level of nesting, or reports `parse.nestingTooDeep` and returns false; `atOperator` for the
    /// level a binary operator adds, which the message then names.
    mutating func enter(atOperator: Bool = false) -> Bool {
        guard depth < Self.maximumDepth else {
            diagnoseTooDeep(at: current.range, atOperator: atOperator)
            return false
        }
        depth += 1
        return true
    }
}

extension Character {
    /// `0`–`9` only.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
