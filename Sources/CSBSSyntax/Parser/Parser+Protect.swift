extension Parser {
    /// `protect server ID (name STRING | description STRING | incremental | wait [timeout D])*`, options in any
    /// order, each once.
    mutating func parseProtect() -> ProtectStmt? {
        let options = ["name", "description", "incremental", "wait"]
        let keyword = advance()
        guard consume("server") != nil else {
            diagnoseAtCurrent(ExpectedKeyword(keyword: "server", after: "'protect'"))
            return nil
        }
        guard let server = parseStringOrWord() else {
            diagnoseAtCurrent(ExpectedOptionValue(option: "server", what: "the server's ID"))
            return nil
        }
        var range = keyword.range.cover(server.range)
        var firstUse = OptionUses()
        var name: Expr?
        var description: Expr?
        var incremental = false
        var wait: WaitClause?
        var progress = LoopProgressCondition()
        while let option = current.word, options.contains(option), progress.evaluate(index) {
            let optionToken = advance()
            noteRepeated(option, at: optionToken.range, in: "protect", firstUse: &firstUse)
            switch option {
            case "name", "description":
                guard let value = parseString(after: option) else { return nil }
                if option == "name" { name = value } else { description = value }
                range = range.cover(value.range)
            case "incremental":
                incremental = true
                range = range.cover(optionToken.range)
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
        expectStatementEnd(of: "protect", expected: options.filter { firstUse[$0] == nil }, given: firstUse)
        return ProtectStmt(
            server: server, name: name, description: description, incremental: incremental, wait: wait, range: range
        )
    }
}
