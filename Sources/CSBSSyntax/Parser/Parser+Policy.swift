import CSBSPlatform

extension Parser {
    // MARK: policy

    /// `policy NAME every (day | WEEKDAY[,WEEKDAY…]) at HH:MM [keep N | retain D] [update]`, the optional parts
    /// in this order.
    mutating func parsePolicy() -> PolicyStmt? {
        let keyword = advance()
        // `policy every day …` is a missing name, not a policy called "every".
        guard !at("every"), let name = parseStringOrWord() else {
            diagnoseAtCurrent(PolicyParserMessage.expectedPolicyName)
            return nil
        }
        guard consume("every") != nil else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "every", after: "the policy name"))
            return nil
        }
        guard let schedule = parsePolicySchedule() else { return nil }
        guard consume("at") != nil else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "at", after: "the days of the policy"))
            return nil
        }
        guard let (time, timeRange) = parsePolicyTime() else { return nil }
        var range = keyword.range.cover(timeRange)
        var retention: PolicyRetention?
        if consume("keep") != nil {
            guard let count = parseInteger(orDiagnose: PolicyParserMessage.expectedKeepCount, unit: "backups") else {
                return nil
            }
            retention = .keep(count)
            range = range.cover(count.range)
            if at("retain") {
                diagnoseAtCurrent(PolicyParserMessage.keepAndRetain)
                skipToStatementEnd()
                return nil
            }
        } else if consume("retain") != nil {
            let days: Expr
            if case .duration(let value) = current.kind {
                days = .duration(value, current.range)
                let (seconds, attoseconds) = value.components
                guard attoseconds == 0, seconds > 0, seconds % 86_400 == 0 else {
                    diagnoseAtCurrent(PolicyParserMessage.expectedRetainDays)
                    return nil
                }
                advance()
            } else if startsComputedValue, let value = parseOperand() {
                days = value
            } else {
                diagnoseAtCurrent(PolicyParserMessage.expectedRetainDays)
                return nil
            }
            retention = .retain(days)
            range = range.cover(days.range)
            if at("keep") {
                diagnoseAtCurrent(PolicyParserMessage.keepAndRetain)
                skipToStatementEnd()
                return nil
            }
        }
        var update = false
        if let token = consume("update") {
            update = true
            range = range.cover(token.range)
        }
        var expected = update ? [] : ["update"]
        if retention == nil { expected += ["keep", "retain"] }
        expectStatementEnd(of: "policy", expected: expected)
        return PolicyStmt(name: name, schedule: schedule, time: time, retention: retention, update: update, range: range)
    }

    /// `day`, or weekdays `mo`…`su` separated by commas, each once.
    mutating func parsePolicySchedule() -> PolicySchedule? {
        if consume("day") != nil { return .daily }
        var days: [Weekday] = []
        var progress = LoopProgressCondition()
        while progress.evaluate(index) {
            guard let day = current.word.flatMap({ Weekday(rawValue: $0.lowercased()) }) else {
                let found = current.isStatementEnd ? nil : text(of: current)
                diagnoseAtCurrent(ExpectedPolicyDays(found: found))
                return nil
            }
            if days.contains(day) {
                diagnoseAtCurrent(PolicyParserMessage.repeatedDay)
                return nil
            }
            days.append(day)
            advance()
            if consume(.comma) == nil { break }
        }
        return .weekly(days)
    }

    /// `HH:MM` as a bare word or a string, in UTC.
    mutating func parsePolicyTime() -> (PolicyTime, SourceRange)? {
        let text: String
        switch current.kind {
        case .word(let value), .string(let value): text = value
        case .integer(let value): text = "\(value)"
        default:
            diagnoseAtCurrent(PolicyParserMessage.expectedTime)
            return nil
        }
        guard let time = PolicyTime(text) else {
            diagnoseAtCurrent(PolicyParserMessage.expectedTime)
            return nil
        }
        return (time, advance().range)
    }

    // MARK: policies

    /// `policies [vault NAME]`, NAME a string, a bare word or a computed value.
    mutating func parsePolicies() -> PoliciesStmt? {
        let keyword = advance()
        var vault: Expr?
        if let optionToken = consume("vault") {
            guard let name = parseStringOrWord() else {
                diagnoseAtCurrent(ExpectedOptionValue(option: "vault", what: Self.optionMeaning["vault"] ?? "a vault's name or ID"))
                return nil
            }
            vault = name
            expectStatementEnd(of: "policies", given: ["vault": optionToken.range])
        } else {
            expectStatementEnd(of: "policies", expected: ["vault"])
        }
        return PoliciesStmt(vault: vault, range: keyword.range.cover(vault?.range ?? keyword.range))
    }

    // MARK: bind policy, unbind policy

    /// `bind policy NAME` or `unbind policy NAME`, NAME a string, a bare word or a computed value.
    mutating func parsePolicyBinding(of statement: String) -> PolicyBindingStmt? {
        let keyword = advance()
        guard consume("policy") != nil else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "policy", after: "'\(statement)'"))
            return nil
        }
        guard let name = parseStringOrWord() else {
            diagnoseAtCurrent(PolicyParserMessage.expectedPolicyName)
            return nil
        }
        expectStatementEnd(of: "\(statement) policy")
        return PolicyBindingStmt(name: name, range: keyword.range.cover(name.range))
    }
}

/// The policy statements' fixed parser messages. Each ID is `parse.` plus the member's name.
struct PolicyParserMessage: DiagnosticMessage {
    let message: String
    let id: MessageID
    var severity: DiagnosticSeverity { .error }

    private init(_ message: String, name: String = #function) {
        self.message = message
        self.id = MessageID(domain: "parse", name: name)
    }

    static var expectedKeepCount: Self {
        .init("expected the number of backups to keep after 'keep', such as 'keep 7'")
    }

    static var expectedPolicyName: Self {
        .init("expected a policy name, a string or a bare word, after 'policy'")
    }

    static var expectedRetainDays: Self {
        .init("expected a whole number of days after 'retain', such as 'retain 30d'")
    }

    static var expectedTime: Self {
        .init("expected a time of day in UTC after 'at', as HH:MM such as 02:00")
    }

    static var keepAndRetain: Self {
        .init("'keep' and 'retain' exclude each other: a policy keeps a number of backups or keeps them some days")
    }

    static var repeatedDay: Self {
        .init("this day is already listed in the policy's days")
    }
}

/// A policy schedule that is neither `day` nor weekdays: `parse.expectedPolicyDays`.
struct ExpectedPolicyDays: DiagnosticMessage {
    let found: String?
    var id: MessageID { MessageID(domain: "parse", name: "expectedPolicyDays") }
    var severity: DiagnosticSeverity { .error }
    var message: String {
        var text = "expected 'day' or weekdays such as 'mo,we,fr' (mo tu we th fr sa su) after 'every'"
        if let found {
            text += ", found '\(found.abbreviated())'"
            if let meant = Self.meant(found) { text += "; did you mean '\(meant)'?" }
        }
        return text
    }

    /// What a found word most likely means: `day` for a typo of it or `daily`, a weekday for its English name or an
    /// abbreviation of it (`monday`, `Tue`, `thurs`).
    static func meant(_ found: String) -> String? {
        let word = found.lowercased()
        if word == "daily" || word == "everyday" { return "day" }
        if let day = Suggestion.closest(to: word, in: ["day"]) { return day }
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        guard word.count >= 2, let index = names.firstIndex(where: { $0.hasPrefix(word) }) else { return nil }
        return Weekday.allCases[index].rawValue
    }
}
