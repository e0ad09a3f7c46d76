import CSBSPlatform

/// The check of the values a statement writes literally, before anything runs: every literal the service or the
/// language would refuse at run time (``ServiceRules``, the region table of ``CheckOptions/knownRegions``) is an
/// error of `csbs check`, so a script never fails half-way on something visible in its text. Values computed at
/// run time are checked by the evaluator with the same rules.
///
/// The resolver calls it for every statement it visits, sourced files included.
struct LiteralCheck {
    /// The regions `region NAME` may name; `nil` leaves literal regions unchecked.
    let knownRegions: [String]?

    /// The problems with the literal arguments of `statement` (not of the statements in its blocks).
    func diagnostics(for statement: Stmt) -> [Diagnostic] {
        var found: [Diagnostic] = []
        func report(_ name: String, _ text: String, at range: SourceRange) {
            found.append(Diagnostic(LiteralMessage(name: name, message: text), range: range))
        }
        func checkName(_ expr: Expr?, _ kind: ServiceRules.NameKind) {
            guard let expr, let text = expr.literalArgument, let problem = ServiceRules.nameProblem(text, of: kind)
            else { return }
            report("invalidName", problem, at: expr.range)
        }
        func checkFilter(_ expr: Expr?, _ kind: ServiceRules.FilterKind) {
            guard let expr, let text = expr.literalArgument, let problem = ServiceRules.filterProblem(text, of: kind)
            else { return }
            report("invalidFilter", problem, at: expr.range)
        }
        func checkDescription(_ expr: Expr?) {
            guard let expr, let text = expr.literalArgument, let problem = ServiceRules.descriptionProblem(text)
            else { return }
            report("invalidDescription", problem, at: expr.range)
        }
        func checkDuration(_ expr: Expr?, what: String) {
            guard let expr else { return }
            switch expr {
            case .duration(let duration, let range):
                if let problem = ServiceRules.durationProblem(duration) { report("invalidDuration", problem, at: range) }
            case .word(let text, let range) where text.utf8.first == UInt8(ascii: "-") && Self.isDuration(text.dropFirst()):
                report("invalidDuration", "\(what) cannot be negative", at: range)
            case .string(let text, _) where Self.isDuration(Substring(text)):
                break  // text that reads as a duration: the evaluator's conversion rules decide
            case .word, .integer, .string, .bool, .null, .list, .record:
                report("expectedDuration", "\(what) must be a duration such as 30s, 5m or 2h, not \(Self.describe(expr))", at: expr.range)
            default:
                break
            }
        }
        func checkInteger(_ expr: Expr?, in range: ClosedRange<Int>, name: String, what: String) {
            guard let expr else { return }
            switch expr {
            case .integer(let value, _) where range.contains(value):
                break
            case .string(let text, _) where Int(text).map({ range.contains($0) }) == true:
                break  // text that reads as a number in range: the evaluator's conversion rules decide
            case .integer, .string, .word, .duration, .bool, .null, .list, .record:
                let rule = range.upperBound == .max
                    ? "of at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
                report(name, "\(what) \(rule), not \(Self.describe(expr))", at: expr.range)
            default:
                break
            }
        }

        func checkCondition(_ expr: Expr, of statement: String) {
            switch expr {
            case .string, .integer, .duration, .word, .null, .list, .record, .interpolated, .integerRange:
                report(
                    "expectedCondition",
                    "the condition of '\(statement)' must be true or false, such as $x == 1, not \(Self.describe(expr))",
                    at: expr.range
                )
            case .binary(let op, _, _, _) where op.isArithmetic:
                report(
                    "expectedCondition",
                    "the condition of '\(statement)' must be true or false, such as $x == 1, not \(Self.describe(expr))",
                    at: expr.range
                )
            default:
                break
            }
        }

        switch statement {
        case .if(let statement):
            checkCondition(statement.condition, of: "if")
        case .while(let statement):
            checkCondition(statement.condition, of: "while")
        case .exit(let exit):
            checkInteger(exit.code, in: ServiceRules.exitStatuses, name: "exitStatusOutOfRange", what: "'exit' takes a status")
        case .sleep(let sleep):
            checkDuration(sleep.duration, what: "'sleep'")
        case .retry(let retry):
            checkInteger(
                retry.attempts, in: 1...RetryStmt.maximumAttempts, name: "retryAttemptsOutOfRange",
                what: "'retry' takes how many attempts in all"
            )
            checkDuration(retry.interval, what: "'every'")
        case .for(let loop):
            switch loop.sequence {
            case .string, .integer, .duration, .word, .bool, .null, .interpolated:
                report(
                    "expectedList", "'for' goes over a list, such as [1, 2] or $vaults, not \(Self.describe(loop.sequence))",
                    at: loop.sequence.range
                )
            default:
                break
            }
        case .vault(let vault):
            checkName(vault.name, .vault)
            checkInteger(vault.size, in: ServiceRules.vaultSizesGB, name: "vaultSizeOutOfRange", what: "a vault's size is in GB")
            for pair in vault.tags {
                guard let key = pair.key.literalArgument, let value = pair.value.literalArgument else { continue }
                let trimmed = (key.trimmingBlanks, value.trimmingBlanks)
                if let problem = ServiceRules.tagProblem(key: trimmed.0, value: trimmed.1) {
                    report("invalidTag", problem, at: pair.range)
                }
            }
        case .resizeVault(let resize):
            checkInteger(resize.size, in: ServiceRules.resizeSizesGB, name: "vaultSizeOutOfRange", what: "a vault's size is in GB")
        case .backup(let backup):
            checkName(backup.name, .backup)
            checkDescription(backup.description)
            checkDuration(backup.wait?.timeout, what: "'timeout'")
        case .protect(let protect):
            checkName(protect.name, .csbsBackup)
            checkDescription(protect.description)
            checkDuration(protect.wait?.timeout, what: "'timeout'")
        case .restore(let restore):
            checkDuration(restore.wait?.timeout, what: "'timeout'")
        case .deleteBackup(let delete):
            checkDuration(delete.wait?.timeout, what: "'timeout'")
        case .wait(let wait):
            checkDuration(wait.timeout, what: "'timeout'")
        case .backups(let backups):
            checkFilter(backups.status, .backupStatus)
            checkDuration(backups.since, what: "'since'")
            checkInteger(backups.limit, in: 1...Int.max, name: "limitOutOfRange", what: "'limit' takes a count")
        case .tasks(let tasks):
            checkFilter(tasks.type, .taskType)
            checkFilter(tasks.status, .taskStatus)
            checkInteger(tasks.limit, in: 1...Int.max, name: "limitOutOfRange", what: "'limit' takes a count")
        case .policy(let policy):
            checkName(policy.name, .policy)
            switch policy.retention {
            case .keep(let count):
                checkInteger(count, in: ServiceRules.keptBackups, name: "keepOutOfRange", what: "'keep' takes a number of backups")
            case .retain(let days):
                if case .duration(let duration, let range) = days {
                    let (seconds, attoseconds) = duration.components
                    if attoseconds != 0 || seconds % 86_400 != 0 || !ServiceRules.retainedDays.contains(Int(seconds / 86_400)) {
                        report(
                            "retainOutOfRange",
                            "'retain' takes whole days from \(ServiceRules.retainedDays.lowerBound)d to "
                                + "\(ServiceRules.retainedDays.upperBound)d, such as 30d", at: range
                        )
                    }
                }
            case nil:
                break
            }
        case .context(let context):
            if context.kind == .region, let knownRegions, let region = context.value.literalText,
                !knownRegions.contains(region)
            {
                let suggestion = Suggestion.closest(to: region, in: knownRegions)
                found.append(Diagnostic(ResolveMessage.unknownRegion(region, suggestion: suggestion), range: context.value.range))
            }
        default:
            break
        }
        return found
    }

    /// Whether `text` is digits followed by a duration unit, as `5s` or `10m`.
    private static func isDuration(_ text: Substring) -> Bool {
        let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
        return !digits.isEmpty && ["ms", "s", "m", "h", "d"].contains(String(text.dropFirst(digits.count)))
    }

    /// How a message names a literal that has the wrong kind or value: `"256"`, `256`, `the word abc`, `a list`.
    private static func describe(_ expr: Expr) -> String {
        switch expr {
        case .integer(let value, _): String(value)
        case .string(let text, _): "the string \"\(text.abbreviated())\""
        case .word(let text, _): "'\(text.abbreviated())'"
        case .duration: "a duration"
        case .bool(let value, _): String(value)
        case .null: "null"
        case .list: "a list"
        case .record: "a record"
        case .interpolated: "a string"
        case .integerRange: "a range"
        case .binary(let op, _, _, _) where op.isArithmetic: "a result of '\(op.rawValue)'"
        default: "this value"
        }
    }
}

/// A literal the service or the language refuses: `check.<name>`.
struct LiteralMessage: DiagnosticMessage {
    let name: String
    let message: String
    var id: MessageID { MessageID(domain: "check", name: name) }
    var severity: DiagnosticSeverity { .error }
}

extension Expr {
    /// The text a literal argument is sent as: a bare word, a plain string, or a whole number written where text
    /// is expected (`tier=1`); `nil` for a value only known at run time.
    var literalArgument: String? {
        switch self {
        case .word(let text, _), .string(let text, _): text
        case .integer(let value, _): String(value)
        default: nil
        }
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs, as the service trims tags.
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: blank).reversed().drop(while: blank).reversed())
    }
}
