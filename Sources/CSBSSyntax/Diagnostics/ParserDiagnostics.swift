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

    static var expectedDuration: Self {
        .init("expected a duration such as 30s, 5m or 2h after 'timeout'")
    }

    static var expectedResourceID: Self {
        .init("expected the ID of the resource to attach, such as a server's UUID")
    }

    static var expectedSize: Self {
        .init("expected the vault size in GB after 'size'")
    }

    static var expectedVaultName: Self {
        .init("expected a vault name, a string or a bare word, after 'vault'")
    }

    static var timeoutWithoutWait: Self {
        .init("'timeout' belongs to 'wait': write 'wait timeout 30m'")
    }
}

/// An option given twice in one statement: `parse.duplicateOption`.
struct DuplicateOption: DiagnosticMessage {
    let option: String
    let statement: String
    var id: MessageID { MessageID(domain: "parse", name: "duplicateOption") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "'\(option)' is given more than once in this '\(statement)' statement" }
}

/// The note on a ``DuplicateOption`` that points at the first use: `parse.firstGivenHere`.
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
    var message: String { "expected a whole number of \(unit), found '\(found.abbreviated())'" }
}

/// A required keyword is missing: `parse.expectedKeyword`.
struct ExpectedKeyword: DiagnosticMessage {
    let keyword: String
    let after: String
    var id: MessageID { MessageID(domain: "parse", name: "expectedKeyword") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "expected '\(keyword)' after \(after)" }
}

/// `attach` without `server` or `disk`: `parse.expectedResourceKind`.
struct ExpectedResourceKind: DiagnosticMessage {
    let found: String?
    let suggestion: String?
    var id: MessageID { MessageID(domain: "parse", name: "expectedResourceKind") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        var text = "expected 'server' or 'disk' after 'attach'"
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
        return "unexpected '\(found.abbreviated())' after the end of the '\(statement)' statement; "
            + "separate statements with ';' or a newline"
    }
}

/// A statement keyword that does not exist: `parse.unknownStatement`.
struct UnknownStatement: DiagnosticMessage {
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
