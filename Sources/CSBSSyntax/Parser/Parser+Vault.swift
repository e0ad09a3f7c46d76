extension Parser {
    // MARK: vault

    /// `vault NAME size GB (server | disk | crash | app | tag K=V… | resize)*`, where NAME is a string or a bare
    /// word and GB an integer; the options come in any order, each once, and `server`/`disk` and `crash`/`app`
    /// exclude each other.
    mutating func parseVault() -> VaultStmt? {
        let keyword = advance()
        // `vault size 10` is a missing name, not a vault called "size".
        let sizeFollows = at("size") && tokens[index + 1].kind.isInteger
        guard !sizeFollows, let name = parseStringOrWord() else {
            diagnoseAtCurrent(StaticParserMessage.expectedVaultName)
            return nil
        }
        guard let sizeKeyword = consume("size") else {
            var message = ExpectedKeyword(keyword: "size", after: "the vault name")
            if tokens.isStatementEnd(at: index) {
                // `vault "v1"` on its own reads as selecting the vault; the statement that does is `use vault`.
                message.hint = "to select an existing vault, write 'use vault \(text(in: name.range).abbreviated())'"
            }
            diagnoseAtCurrent(message)
            return nil
        }
        guard let size = parseSize() else { return nil }
        let options = ["server", "disk", "crash", "app", "tag", "resize"]
        var range = keyword.range.cover(size.range)
        var firstUse: OptionUses = ["size": sizeKeyword.range]
        var protection: ResourceKind?
        var consistency: VaultConsistency?
        var tags: [TagPair] = []
        var progress = LoopProgressCondition()
        while let option = current.word, options.contains(option), progress.evaluate(index) {
            let optionToken = advance()
            range = range.cover(optionToken.range)
            noteRepeated(option, at: optionToken.range, in: "vault", firstUse: &firstUse)
            switch option {
            case "server", "disk":
                noteConflict(option, with: option == "server" ? "disk" : "server", at: optionToken.range, firstUse: firstUse)
                protection = ResourceKind(rawValue: option)
            case "crash", "app":
                noteConflict(option, with: option == "crash" ? "app" : "crash", at: optionToken.range, firstUse: firstUse)
                consistency = VaultConsistency(rawValue: option)
            case "tag":
                guard let pairs = parseTagPairs() else { return nil }
                tags += pairs
                range = range.cover(pairs.last?.range ?? optionToken.range)
            default:
                break
            }
        }
        expectStatementEnd(of: "vault", expected: options.filter { firstUse[$0] == nil }, given: firstUse)
        return VaultStmt(
            name: name, size: size, protection: protection, consistency: consistency, tags: tags,
            resize: firstUse["resize"] != nil, range: range
        )
    }

    /// Reports `parse.conflictingOptions` when `other`, which excludes `option`, was given before.
    mutating func noteConflict(_ option: String, with other: String, at range: SourceRange, firstUse: OptionUses) {
        guard let first = firstUse[other] else { return }
        let note = Diagnostic.Note(FirstGivenHere(option: other), range: first)
        diagnose(ConflictingOptions(option: option, other: other), at: range, notes: [note])
    }

    /// `KEY=VALUE (KEY=VALUE)*` after `tag`: one or more pairs, each key once (when written literally).
    ///
    /// A key is a bare word, a string or a computed value; a value is a string, a computed value, or a bare
    /// word or number taken as written (`tier=1` is the text `1`).
    mutating func parseTagPairs() -> [TagPair]? {
        var pairs: [TagPair] = []
        var keys: [String: SourceRange] = [:]
        var progress = LoopProgressCondition()
        repeat {
            guard let key = parseTagKey() else {
                diagnoseAtCurrent(ExpectedTag())
                return nil
            }
            guard consume(.assign) != nil else {
                diagnoseAtCurrent(ExpectedTagValue(key: text(of: tokens[index - 1])))
                return nil
            }
            guard let value = parseTagValue() else {
                diagnoseAtCurrent(ExpectedTagValue(key: text(of: tokens[index - 2])))
                return nil
            }
            if let name = key.literalText {
                if let first = keys[name] {
                    let note = Diagnostic.Note(FirstGivenHere(option: name), range: first)
                    diagnose(DuplicateTag(key: name), at: key.range, notes: [note])
                } else {
                    keys[name] = key.range
                }
            }
            pairs.append(TagPair(key: key, value: value, range: key.range.cover(value.range)))
        } while startsTagPair && progress.evaluate(index)
        return pairs
    }

    /// Whether the current token starts another `KEY=VALUE` pair: a key followed by `=`.
    var startsTagPair: Bool {
        switch current.kind {
        case .word, .string, .variable: tokens[index + 1].kind == .punctuation(.assign)
        default: false
        }
    }

    /// A tag key, or `nil` without consuming or diagnosing.
    mutating func parseTagKey() -> Expr? {
        switch current.kind {
        case .word(let word):
            return .word(word, advance().range)
        case .string:
            return parseOperand()
        default:
            return startsComputedValue ? parseOperand() : nil
        }
    }

    /// A tag value, or `nil` without consuming or diagnosing.
    mutating func parseTagValue() -> Expr? {
        switch current.kind {
        case .word, .integer, .duration:
            let token = advance()
            return .word(text(of: token), token.range)
        case .string:
            return parseOperand()
        default:
            return startsComputedValue ? parseOperand() : nil
        }
    }

    // MARK: region, profile, endpoint

    /// `region NAME`, `profile NAME` or `endpoint URL`: one value, a bare word, a string or a computed value.
    mutating func parseContext(_ kind: ContextKind) -> ContextStmt? {
        let keyword = advance()
        guard let value = parseStringOrWord() else {
            diagnoseAtCurrent(ExpectedOptionValue(option: kind.rawValue, what: Self.contextMeaning[kind] ?? "a value"))
            return nil
        }
        expectStatementEnd(of: kind.rawValue)
        return ContextStmt(kind: kind, value: value, range: keyword.range.cover(value.range))
    }

    /// What each context statement expects, for `parse.expectedOptionValue`.
    static let contextMeaning: [ContextKind: String] = [
        .region: "a region name such as cn-north-4", .profile: "a profile name from the profiles file",
        .endpoint: "a quoted URL such as \"https://cbr.example.com\"",
    ]
}

/// `server` with `disk`, or `crash` with `app`, in one statement: `parse.conflictingOptions`.
struct ConflictingOptions: DiagnosticMessage {
    let option: String
    let other: String
    var id: MessageID { MessageID(domain: "parse", name: "conflictingOptions") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "'\(option)' and '\(other)' exclude each other; give one of them" }
}

/// A tag key given twice in one `tag` option: `parse.duplicateTag`.
struct DuplicateTag: DiagnosticMessage {
    let key: String
    var id: MessageID { MessageID(domain: "parse", name: "duplicateTag") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "the tag '\(key.abbreviated())' is given more than once" }
}

/// A tag key without `=VALUE`: `parse.expectedTagValue`.
struct ExpectedTagValue: DiagnosticMessage {
    let key: String
    var id: MessageID { MessageID(domain: "parse", name: "expectedTagValue") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "expected '=VALUE' after the tag key '\(key.abbreviated())', as in \(key.abbreviated())=prod" }
}

/// `tag` without a `KEY=VALUE` pair: `parse.expectedTag`.
struct ExpectedTag: DiagnosticMessage {
    var id: MessageID { MessageID(domain: "parse", name: "expectedTag") }
    var severity: DiagnosticSeverity { .error }
    var message: String { "expected KEY=VALUE after 'tag', such as env=prod" }
}

extension Expr {
    /// The text of a bare word or plain string, or `nil` for a value only known at run time.
    var literalText: String? {
        switch self {
        case .word(let text, _), .string(let text, _): text
        default: nil
        }
    }
}

extension Parser {
    /// The GB after `size` (`vault`, `resize vault`): a whole number or a computed value. A unit written after
    /// it, `200GB` or `200 GB`, `2TB`, is `parse.expectedInteger` saying what to write instead.
    mutating func parseSize() -> Expr? {
        guard let size = parseInteger(orDiagnose: StaticParserMessage.expectedSize, unit: "GB") else { return nil }
        if case .integer(let number, let range) = size, let unit = current.word,
            ExpectedInteger.sizeHint(for: "\(number)\(unit)") != nil
        {
            let found = range.cover(advance().range)
            diagnose(ExpectedInteger(found: text(in: found), unit: "GB"), at: found)
            return nil
        }
        return size
    }
}
