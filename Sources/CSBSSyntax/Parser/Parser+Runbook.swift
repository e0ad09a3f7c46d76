import CSBSPlatform

extension Parser {
    // MARK: backups

    /// `backups (vault NAME | server ID | status S | since DURATION | limit N)*`, options in any order, each once.
    mutating func parseBackups() -> BackupsStmt? {
        let options = ["vault", "server", "status", "since", "limit"]
        let keyword = advance()
        var range = keyword.range
        var values: [String: Expr] = [:]
        var firstUse = OptionUses()
        var progress = LoopProgressCondition()
        while let option = current.word, options.contains(option), progress.evaluate(index) {
            let optionToken = advance()
            noteRepeated(option, at: optionToken.range, in: "backups", firstUse: &firstUse)
            let value: Expr?
            switch option {
            case "since":
                value = parseDurationValue()
                if value == nil { diagnoseAtCurrent(ExpectedOptionValue(option: option, what: "a duration such as 12h or 7d")) }
            case "limit":
                value = parseInteger(
                    orDiagnose: ExpectedOptionValue(option: option, what: "the largest number of backups to list"),
                    unit: "backups"
                )
            default:
                value = parseStringOrWord()
                if value == nil { diagnoseAtCurrent(ExpectedOptionValue(option: option, what: Self.optionMeaning[option] ?? "a value")) }
            }
            guard let value else { return nil }
            values[option] = value
            range = range.cover(value.range)
        }
        expectStatementEnd(of: "backups", expected: options.filter { firstUse[$0] == nil }, given: firstUse)
        return BackupsStmt(
            vault: values["vault"], server: values["server"], status: values["status"], since: values["since"],
            limit: values["limit"], range: range
        )
    }

    /// `tasks (vault NAME | type T | status S | limit N)*`, options in any order, each once.
    mutating func parseTasks() -> TasksStmt? {
        let options = ["vault", "type", "status", "limit"]
        let keyword = advance()
        var range = keyword.range
        var values: [String: Expr] = [:]
        var firstUse = OptionUses()
        var progress = LoopProgressCondition()
        while let option = current.word, options.contains(option), progress.evaluate(index) {
            let optionToken = advance()
            noteRepeated(option, at: optionToken.range, in: "tasks", firstUse: &firstUse)
            let value: Expr?
            if option == "limit" {
                value = parseInteger(
                    orDiagnose: ExpectedOptionValue(option: option, what: "the largest number of tasks to list"), unit: "tasks"
                )
            } else {
                value = parseStringOrWord()
                if value == nil { diagnoseAtCurrent(ExpectedOptionValue(option: option, what: Self.optionMeaning[option] ?? "a value")) }
            }
            guard let value else { return nil }
            values[option] = value
            range = range.cover(value.range)
        }
        expectStatementEnd(of: "tasks", expected: options.filter { firstUse[$0] == nil }, given: firstUse)
        return TasksStmt(vault: values["vault"], type: values["type"], status: values["status"], limit: values["limit"], range: range)
    }

    /// What the string options of the runbook statements expect, for `parse.expectedOptionValue`.
    static let optionMeaning = [
        "vault": "a vault name or ID", "server": "a server's ID", "status": "a status such as available or error",
        "type": "an operation type such as backup, restore or delete",
    ]

    /// Reports `parse.duplicateOption` (with a note at the first use) when `option` was given before.
    mutating func noteRepeated(
        _ option: String, at range: SourceRange, in statement: String, firstUse: inout OptionUses
    ) {
        if let first = firstUse[option] {
            let note = Diagnostic.Note(FirstGivenHere(option: option), range: first)
            diagnose(DuplicateOption(option: option, statement: statement), at: range, notes: [note])
        } else {
            firstUse[option] = range
        }
    }

    // MARK: show backup, show checkpoint

    /// `show (backup | checkpoint) ID`, after checking that the word after `show` is one of the two.
    mutating func parseShowObject() -> ShowObjectStmt? {
        let keyword = advance()
        let kindToken = advance()
        guard let kind = kindToken.word.flatMap(ObjectKind.init(rawValue:)) else { return nil }
        guard let id = parseStringOrWord() else {
            diagnoseAtCurrent(ExpectedOptionValue(option: kind.rawValue, what: "the \(kind.rawValue)'s ID"))
            return nil
        }
        expectStatementEnd(of: "show \(kind.rawValue)")
        return ShowObjectStmt(kind: kind, id: id, range: keyword.range.cover(id.range))
    }

    // MARK: wait

    /// `wait [ID] [timeout DURATION]`: without ID, the session's last backup.
    mutating func parseWait() -> WaitStmt? {
        let keyword = advance()
        var range = keyword.range
        var id: Expr?
        if !atStatementEnd, !at("timeout") {
            if case .duration = tokens[index + 1].kind, let word = current.word,
                let suggestion = Suggestion.closest(to: word, in: ["timeout"])
            {
                // `wait timout 5m`: a misspelt keyword, not a backup called "timout".
                diagnoseAtCurrent(UnexpectedToken(found: word, statement: "wait", suggestion: suggestion))
                return nil
            }
            guard let value = parseStringOrWord() else {
                diagnoseAtCurrent(ExpectedOptionValue(option: "wait", what: "a checkpoint or backup ID, or 'timeout'"))
                return nil
            }
            id = value
            range = range.cover(value.range)
        }
        var timeout: Expr?
        var given = OptionUses()
        if let timeoutKeyword = consume("timeout") {
            guard let value = parseDurationValue() else {
                diagnoseAtCurrent(StaticParserMessage.expectedDuration)
                return nil
            }
            timeout = value
            range = range.cover(value.range)
            given["timeout"] = timeoutKeyword.range
        }
        expectStatementEnd(of: "wait", expected: timeout == nil ? ["timeout"] : [], given: given)
        return WaitStmt(id: id, timeout: timeout, range: range)
    }

    /// A duration literal or a computed value, or `nil` without consuming or diagnosing.
    mutating func parseDurationValue() -> Expr? {
        if case .duration(let value) = current.kind {
            return .duration(value, advance().range)
        }
        return startsComputedValue ? parseOperand() : nil
    }
}

/// An option without its value: `parse.expectedOptionValue`.
struct ExpectedOptionValue: DiagnosticMessage {
    let option: String
    let what: String
    var id: MessageID { MessageID(domain: "parse", name: "expectedOptionValue") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "expected \(what) after '\(option)'" }
}

extension Parser {
    // MARK: restore, delete backup

    /// `restore backup ID (to server ID | power-on | wait [timeout DURATION])*`, options in any order, each once.
    mutating func parseRestore() -> RestoreStmt? {
        let keyword = advance()
        guard let id = parseBackupID(after: "restore") else { return nil }
        let options = ["to", "power-on", "wait"]
        var range = keyword.range.cover(id.range)
        var firstUse = OptionUses()
        var server: Expr?
        var wait: WaitClause?
        var progress = LoopProgressCondition()
        while let option = current.word, options.contains(option), progress.evaluate(index) {
            let optionToken = advance()
            noteRepeated(option, at: optionToken.range, in: "restore", firstUse: &firstUse)
            range = range.cover(optionToken.range)
            switch option {
            case "to":
                guard consume("server") != nil else {
                    diagnoseAtCurrent(ExpectedKeyword(keyword: "server", after: "'to'"))
                    return nil
                }
                guard let value = parseStringOrWord() else {
                    diagnoseAtCurrent(ExpectedOptionValue(option: "to server", what: "the target server's ID"))
                    return nil
                }
                server = value
                range = range.cover(value.range)
            case "wait":
                guard let clause = parseWaitClause(keyword: optionToken) else { return nil }
                wait = clause
                range = range.cover(clause.range)
            default:
                break
            }
        }
        if wait == nil, at("timeout") {
            diagnoseAtCurrent(StaticParserMessage.timeoutWithoutWait)
            return nil
        }
        expectStatementEnd(of: "restore", expected: options.filter { firstUse[$0] == nil }, given: firstUse)
        return RestoreStmt(id: id, server: server, powerOn: firstUse["power-on"] != nil, wait: wait, range: range)
    }

    /// `delete backup ID [wait [timeout DURATION]]`.
    mutating func parseDeleteBackup() -> DeleteBackupStmt? {
        let keyword = advance()
        guard let id = parseBackupID(after: "delete") else { return nil }
        var wait: WaitClause?
        if let waitToken = consume("wait") {
            guard let clause = parseWaitClause(keyword: waitToken) else { return nil }
            wait = clause
        } else if at("timeout") {
            diagnoseAtCurrent(StaticParserMessage.timeoutWithoutWait)
            return nil
        }
        expectStatementEnd(of: "delete backup", expected: wait == nil ? ["wait"] : [])
        return DeleteBackupStmt(id: id, wait: wait, range: keyword.range.cover(wait?.range ?? id.range))
    }

    /// `backup ID` after `restore` or `delete`; diagnoses a missing `backup` keyword or ID.
    mutating func parseBackupID(after statement: String) -> Expr? {
        guard consume("backup") != nil else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "backup", after: "'\(statement)'"))
            return nil
        }
        guard let id = parseStringOrWord() else {
            diagnoseAtCurrent(ExpectedOptionValue(option: "backup", what: "the backup's ID"))
            return nil
        }
        return id
    }
}

extension Parser {
    // MARK: detach, resize vault, delete vault

    /// `detach server|disk ID…`, each ID a bare word, a string, a list or a computed value (which may be a list).
    mutating func parseDetach() -> DetachStmt? {
        let keyword = advance()
        guard let kind = parseResourceKind(after: "detach") else { return nil }
        var ids: [Expr] = []
        var progress = LoopProgressCondition()
        while !atStatementEnd, progress.evaluate(index), let id = parseResourceIDOperand() {
            ids.append(id)
        }
        guard let last = ids.last else {
            diagnoseAtCurrent(ExpectedOptionValue(option: kind.rawValue, what: "the ID of the \(kind.rawValue) to detach"))
            return nil
        }
        expectStatementEnd(of: "detach")
        return DetachStmt(kind: kind, ids: ids, range: keyword.range.cover(last.range))
    }

    /// `resize vault [NAME] size GB`.
    mutating func parseResizeVault() -> ResizeVaultStmt? {
        let keyword = advance()
        guard consume("vault") != nil else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "vault", after: "'resize'"))
            return nil
        }
        var name: Expr?
        // `resize vault size 10` resizes the selected vault; a vault called "size" needs quotes.
        if !at("size"), !atStatementEnd {
            guard let value = parseStringOrWord() else {
                diagnoseAtCurrent(StaticParserMessage.expectedVaultName)
                return nil
            }
            name = value
        }
        guard let sizeKeyword = consume("size") else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "size", after: name == nil ? "'resize vault'" : "the vault name"))
            return nil
        }
        guard let size = parseSize() else { return nil }
        expectStatementEnd(of: "resize vault", given: ["size": sizeKeyword.range])
        return ResizeVaultStmt(name: name, size: size, range: keyword.range.cover(size.range))
    }

    /// `delete vault [NAME] [force]`.
    mutating func parseDeleteVault() -> DeleteVaultStmt? {
        let keyword = advance()
        var range = advance().range
        var name: Expr?
        if !atStatementEnd, !at("force") {
            guard let value = parseStringOrWord() else {
                diagnoseAtCurrent(StaticParserMessage.expectedVaultName)
                return nil
            }
            name = value
            range = range.cover(value.range)
        }
        let force = consume("force")
        if let force { range = range.cover(force.range) }
        expectStatementEnd(of: "delete vault", expected: force == nil ? ["force"] : [])
        return DeleteVaultStmt(name: name, force: force != nil, range: keyword.range.cover(range))
    }
}

/// The options a statement was given so far, each with where it was first written (``Parser/noteRepeated(_:at:in:firstUse:)``).
///
/// A statement takes a handful of options, so they are kept in a list searched in order: a `[String: SourceRange]`
/// cost an allocation and a hash of each option's name (4 % of `csbs check` on a runbook of `vault` and `backup`
/// statements).
struct OptionUses: ExpressibleByDictionaryLiteral {
    private var uses: [(option: String, range: SourceRange)] = []

    init() {}

    init(dictionaryLiteral elements: (String, SourceRange)...) {
        for (option, range) in elements { self[option] = range }
    }

    /// Where `option` was first written, or `nil` when it was not given.
    subscript(option: String) -> SourceRange? {
        get {
            for use in uses where use.option == option { return use.range }
            return nil
        }
        set {
            let found = uses.firstIndex { $0.option == option }
            switch (found, newValue) {
            case (let index?, let range?): uses[index].range = range
            case (let index?, nil): uses.remove(at: index)
            case (nil, let range?): uses.append((option, range))
            case (nil, nil): break
            }
        }
    }
}
