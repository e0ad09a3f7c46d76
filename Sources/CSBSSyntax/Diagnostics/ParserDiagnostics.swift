/// A parser message whose text never changes. Its ID is `parse.` plus the name of the static member.
struct StaticParserMessage: DiagnosticMessage {
    let message: String
    let id: MessageID
    var severity: DiagnosticSeverity { .error }

    private init(_ message: String, name: String = #function) {
        self.message = message
        self.id = MessageID(domain: "parse", name: name)
    }

    // Alphabetical.

    static var backoffWithoutEvery: Self {
        .init("'backoff' doubles the wait of 'every': write 'retry 3 every 10s backoff'")
    }

    static var catchOnItsOwnLine: Self {
        .init("'catch' must follow the '}' of its 'try' on the same line: '} catch e {'")
    }

    static var chainedComparison: Self {
        .init("comparisons do not chain; join them with 'and'")
    }

    static var elseOnItsOwnLine: Self {
        .init("'else' must follow the '}' of its 'if' on the same line: '} else {'")
    }

    static var expectedConfirmMessage: Self {
        .init("expected the question to ask after 'confirm', such as confirm \"delete 12 backups?\"")
    }

    static var expectedDuration: Self {
        .init("expected a duration such as 30s, 5m or 2h after 'timeout'")
    }

    static var expectedErrorMode: Self {
        .init("expected 'stop' or 'continue' after 'on error'")
    }

    static var expectedFieldName: Self {
        .init("expected a field name after '.', such as $cp.id")
    }

    static var expectedRecordKey: Self {
        .init("expected a field name followed by ':' in the record, such as {name: \"x\"}")
    }

    static var expectedRetryAttempts: Self {
        .init("expected how many attempts in all after 'retry', such as 'retry 3 { … }'")
    }

    static var expectedResourceID: Self {
        .init("expected the ID of the resource to attach, such as a server's UUID")
    }

    static var expectedSize: Self {
        .init("expected the vault size in GB after 'size'")
    }

    static var expectedSleepDuration: Self {
        .init("expected a duration such as 30s after 'sleep'")
    }

    static var expectedSourcePath: Self {
        .init("expected the path of the script to source, as a string")
    }

    static var expectedVaultName: Self {
        .init("expected a vault name, a string or a bare word, after 'vault'")
    }

    static var nameOfSeveralResources: Self {
        .init("'name' names one resource; attach several without it")
    }

    static var nestingTooDeep: Self {
        .init("blocks, brackets, calls or 'not' nest too deeply here (the limit is \(Parser.maximumDepth) levels)")
    }

    /// (Beside the message whose ID it shares.) `parse.nestingTooDeep` reached at a binary operator: a flat chain such as `a + b + c + …` nests one level per
    /// operator, which the message about blocks and brackets did not say.
    static var tooManyOperators: Self {
        .init(
            "too many operators in one expression: each operator, like each bracket, nests one level, and the limit is "
                + "\(Parser.maximumDepth); compute part of it in a 'let' first",
            name: "nestingTooDeep"
        )
    }

    static var paramDefaultNotLiteral: Self {
        .init("a param's default is a literal: a string, a whole number, a duration or true/false (it sets the type of --var)")
    }

    static var timeoutWithoutWait: Self {
        .init("'timeout' belongs to 'wait': write 'wait timeout 30m'")
    }

    static var unexpectedClosingBrace: Self {
        .init("unexpected '}' with no block open")
    }
}

/// A missing `{` after `if`, `else` or `for`: `parse.expectedBlock`.
struct ExpectedBlock: DiagnosticMessage {
    let statement: String
    var id: MessageID { MessageID(domain: "parse", name: "expectedBlock") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "expected '{' to start the block of '\(statement)'" }
}

/// A list, record, index or parenthesis without its closing bracket: `parse.expectedClosing`.
struct ExpectedClosing: DiagnosticMessage {
    let punctuation: Punctuation
    let what: String
    var opener: SourceRange?
    /// Whether the diagnostic points at the opener rather than where the closing bracket was expected.
    var reportedAtOpener = false
    var id: MessageID { MessageID(domain: "parse", name: "expectedClosing") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        reportedAtOpener
            ? "\(what) opened here is never closed; expected '\(punctuation.rawValue)'"
            : "expected '\(punctuation.rawValue)' to close \(what)"
    }

    init(punctuation: Punctuation, what: String, opener: SourceRange? = nil) {
        self.punctuation = punctuation
        self.what = what
        self.opener = opener
    }
}

/// Something that cannot start a value: `parse.expectedExpression`.
struct ExpectedExpression: DiagnosticMessage {
    let found: String?
    var id: MessageID { MessageID(domain: "parse", name: "expectedExpression") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        let text = "expected a value such as \"text\", 42, 5m, true, $name or [a, b]"
        guard let found else { return text }
        return text + ", found '\(found.abbreviated())'" + (operatorHint(found).map { "; " + $0 } ?? "")
    }
}

/// What the writer of an operator where a statement's argument ends probably meant: a statement's arguments are
/// single values (`echo 1 - 2` prints three), so a computation goes in parentheses; a `/` after a word is a path
/// or a URL that wants quotes.
func operatorHint(_ found: String) -> String? {
    switch found {
    case "/", "//": "quote paths and URLs: \"https://example.com/x\""
    case "+", "*", "%", "??", "-": "a statement's arguments are single values; put a computation in parentheses: ($a + 1)"
    default: nil
    }
}

/// `let`, `set` or `for` without a valid variable name: `parse.expectedVariableName`.
struct ExpectedVariableName: DiagnosticMessage {
    let after: String
    let found: String?
    var id: MessageID { MessageID(domain: "parse", name: "expectedVariableName") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        let text = "expected a variable name (letters, digits and '_') after '\(after)'"
        guard let found else { return text }
        return text + ", found '\(found.abbreviated())'"
    }
}

/// Extra text inside `${…}`: `parse.unexpectedInInterpolation`.
struct UnexpectedInInterpolation: DiagnosticMessage {
    let found: String
    var id: MessageID { MessageID(domain: "parse", name: "unexpectedInInterpolation") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "unexpected '\(found.abbreviated())' in '${…}'; it holds one value such as ${cp.id}" }
}

/// A `{` whose `}` never comes: `parse.unterminatedBlock`.
struct UnterminatedBlock: DiagnosticMessage {
    let statement: String
    var id: MessageID { MessageID(domain: "parse", name: "unterminatedBlock") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "the block of '\(statement)' is never closed; add '}'" }
}

/// An option given twice in one statement: `parse.duplicateOption`.
struct DuplicateOption: DiagnosticMessage {
    let option: String
    let statement: String
    var id: MessageID { MessageID(domain: "parse", name: "duplicateOption") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "'\(option)' is given more than once in this '\(statement)' statement" }
}

/// A record literal naming a field twice, `{a: 1, a: 2}`: `parse.duplicateRecordKey`.
struct DuplicateRecordKey: DiagnosticMessage {
    let key: String
    var id: MessageID { MessageID(domain: "parse", name: "duplicateRecordKey") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "the field '\(key.abbreviated())' is given more than once in this record" }
}

/// A procedure naming a parameter twice, `def f(a, a)`: `parse.duplicateParameter`.
struct DuplicateParameter: DiagnosticMessage {
    let name: String
    var id: MessageID { MessageID(domain: "parse", name: "duplicateParameter") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "the parameter '\(name.abbreviated())' is named more than once in this 'def'" }
}

/// `def backup(…)`: a statement's keyword cannot name a procedure: `parse.keywordAsProcedureName`.
struct KeywordAsProcedureName: DiagnosticMessage {
    let name: String
    var id: MessageID { MessageID(domain: "parse", name: "keywordAsProcedureName") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "'\(name)' is a statement of the language; give the procedure another name, such as '\(name)_one'" }
}

/// `def` without a name after it, or with something else there: `parse.expectedProcedureName`.
struct ExpectedProcedureName: DiagnosticMessage {
    let found: String?
    var id: MessageID { MessageID(domain: "parse", name: "expectedProcedureName") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        let expected = "expected the procedure's name after 'def' (letters, digits and _, such as 'def backup_one(server) { … }')"
        return found.map { "\(expected), found '\($0.abbreviated())'" } ?? expected
    }
}

/// The note on a ``DuplicateOption``, ``DuplicateRecordKey`` or ``DuplicateParameter`` that points at the first use: `parse.firstGivenHere`.
struct FirstGivenHere: DiagnosticMessage {
    let option: String
    var id: MessageID { MessageID(domain: "parse", name: "firstGivenHere") }
    var severity: DiagnosticSeverity { .note }
    var message: String { "'\(option)' was first given here" }
}

/// Something numeric-looking that is not a whole number: `parse.expectedInteger`.
struct ExpectedInteger: DiagnosticMessage {
    let found: String
    let unit: String
    var id: MessageID { MessageID(domain: "parse", name: "expectedInteger") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        if unit == "GB", let hint = Self.sizeHint(for: found) {
            return "expected a whole number of GB, found '\(found.abbreviated())'; \(hint)"
        }
        return "expected a whole number of \(unit), found '\(found.abbreviated())'"
    }

    /// What to write instead of a size given with a unit: `200GB` is `size 200`, `2TB` is `size 2048` (the
    /// service counts in binary steps: its largest vault, 10,485,760 GB, is 10 × 1024 × 1024). `nil` for a
    /// word that is no whole number with a unit of bytes (a blank may stand between them).
    static func sizeHint(for word: String) -> String? {
        let digits = word.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let unit: String
        let perUnit: Int
        switch word.dropFirst(digits.count).drop(while: \.isWhitespace).lowercased() {
        case "g", "gb", "gib":
            return "a size is a number of GB, written without a unit: 'size \(number)'"
        case "t", "tb", "tib":
            (unit, perUnit) = ("TB", 1024)
        case "p", "pb", "pib":
            (unit, perUnit) = ("PB", 1024 * 1024)
        case "k", "kb", "kib", "mb", "mib":
            return "a size is a whole number of GB, at least 10"
        default:
            return nil
        }
        let (gigabytes, overflow) = number.multipliedReportingOverflow(by: perUnit)
        guard !overflow else { return nil }
        return "a size is a number of GB: \(number) \(unit) is 'size \(gigabytes)' (1 \(unit) = \(perUnit) GB)"
    }
}

/// A required keyword is missing: `parse.expectedKeyword`.
struct ExpectedKeyword: DiagnosticMessage {
    let keyword: String
    let after: String
    /// What the user may have meant instead, added after a `;`.
    var hint: String?
    var id: MessageID { MessageID(domain: "parse", name: "expectedKeyword") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "expected '\(keyword)' after \(after)" + (hint.map { "; \($0)" } ?? "") }
}

/// `attach` without `server` or `disk`: `parse.expectedResourceKind`.
struct ExpectedResourceKind: DiagnosticMessage {
    var statement = "attach"
    let found: String?
    let suggestion: String?
    var id: MessageID { MessageID(domain: "parse", name: "expectedResourceKind") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        var text = "expected 'server' or 'disk' after '\(statement)'"
        if let found { text += ", found '\(found.abbreviated())'" }
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        return text
    }
}

/// A statement that does not start with a keyword: `parse.expectedStatement`.
struct ExpectedStatement: DiagnosticMessage {
    let found: String
    var id: MessageID { MessageID(domain: "parse", name: "expectedStatement") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        "expected a statement such as 'vault', 'attach' or 'backup', found '\(found.abbreviated())'"
    }
}

/// An option that needs a string value: `parse.expectedString`.
struct ExpectedString: DiagnosticMessage {
    let after: String
    var id: MessageID { MessageID(domain: "parse", name: "expectedString") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "expected a quoted string after '\(after)'" }
}

/// Extra tokens after a complete statement: `parse.unexpectedToken`.
struct UnexpectedToken: DiagnosticMessage {
    let found: String
    let statement: String
    let suggestion: String?
    var id: MessageID { MessageID(domain: "parse", name: "unexpectedToken") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        if let suggestion {
            return "unexpected '\(found.abbreviated())' in '\(statement)' statement; did you mean '\(suggestion)'?"
        }
        if let hint = operatorHint(found) {
            return "unexpected '\(found.abbreviated())' after the end of the '\(statement)' statement; \(hint)"
        }
        return "unexpected '\(found.abbreviated())' after the end of the '\(statement)' statement; "
            + "separate statements with ';' or a newline"
    }
}

/// One of several keywords is missing, as after `show` or `delete`: `parse.expectedKeyword`.
struct ExpectedKeywordOf: DiagnosticMessage {
    let keywords: [String]
    let after: String
    let found: String?
    let suggestion: String?
    var id: MessageID { MessageID(domain: "parse", name: "expectedKeyword") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        let quoted = keywords.map { "'\($0)'" }
        let list = quoted.count > 1 ? quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "") : quoted.joined()
        var text = "expected \(list) after \(after)"
        if let found { text += ", found '\(found.abbreviated())'" }
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        return text
    }
}

/// A statement keyword that does not exist: `parse.unknownStatement`.
struct UnknownStatement: DiagnosticMessage {
    /// Words from other languages, and plurals, that mean a statement of this one.
    static let aliases = [
        "elif": "else if", "elsif": "else if", "elseif": "else if", "policies": "policy", "print": "echo",
        "function": "def", "func": "def", "fn": "def", "proc": "def", "sub": "def", "ask": "confirm",
    ]

    let word: String
    let suggestion: String?
    let known: [String]
    var id: MessageID { MessageID(domain: "parse", name: "unknownStatement") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        if let suggestion {
            return "unknown statement '\(word.abbreviated())'; did you mean '\(suggestion)'?"
        }
        let list = known.map { "'\($0)'" }.joined(separator: ", ")
        return "unknown statement '\(word.abbreviated())'; expected one of \(list)"
    }
}
