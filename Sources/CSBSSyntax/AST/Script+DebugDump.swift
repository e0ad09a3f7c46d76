extension Script {
    /// An indented tree of the script for tests and debugging, one node per line with its range as
    /// `@startLine:startColumn-endLine:endColumn`. Lines and columns are 1-based, columns count UTF-8 bytes,
    /// and the end is exclusive (the position just after the node's last byte).
    ///
    /// - Parameters:
    ///   - file: The file the script was parsed from, used to turn offsets into lines and columns.
    ///   - ranges: Whether each line ends with its range; without them two layouts of the same script (the
    ///     formatter's input and output) dump alike.
    /// - Returns: The dump, ending with a newline.
    public func debugDump(_ file: SourceFile, ranges: Bool = true) -> String {
        var dumper = TreeDumper(converter: SourceLocationConverter(file.text), ranges: ranges)
        dumper.line("Script", depth: 0)
        for statement in statements {
            dumper.dump(statement, depth: 1)
        }
        return dumper.output
    }
}

/// Writes the lines of ``Script/debugDump(_:)``.
private struct TreeDumper {
    let converter: SourceLocationConverter
    let ranges: Bool
    var output = ""

    mutating func dump(_ statement: Stmt, depth: Int) {
        if let command = statement.commandSyntax {
            dump(command, depth: depth)
            return
        }
        switch statement {
        case .let(let assign), .set(let assign):
            line("\(statement.isLet ? "Let" : "Set") \(assign.name)", assign.range, depth: depth)
            switch assign.value {
            case .expression(let expr): dump(expr, label: "value", depth: depth + 1)
            case .command(let command): dump(command, depth: depth + 1)
            }
        case .echo(let echo):
            line(echo.stream == .standardError ? "Warn" : "Echo", echo.range, depth: depth)
            for value in echo.values { dump(value, label: "value", depth: depth + 1) }
        case .param(let param):
            line("Param \(param.name)", param.range, depth: depth)
            if let value = param.defaultValue { dump(value, label: "default", depth: depth + 1) }
        case .if(let statement):
            line("If", statement.range, depth: depth)
            dump(statement.condition, label: "condition", depth: depth + 1)
            dump(statement.then, label: "then", depth: depth + 1)
            if let otherwise = statement.otherwise { dump(otherwise, label: "else", depth: depth + 1) }
        case .for(let statement):
            line("For \(statement.name)", statement.range, depth: depth)
            dump(statement.sequence, label: "in", depth: depth + 1)
            if let parallel = statement.parallel { dump(parallel.width, label: "parallel", depth: depth + 1) }
            dump(statement.body, label: "body", depth: depth + 1)
        case .while(let statement):
            line("While", statement.range, depth: depth)
            dump(statement.condition, label: "condition", depth: depth + 1)
            dump(statement.body, label: "body", depth: depth + 1)
        case .break(let range):
            line("Break", range, depth: depth)
        case .continue(let range):
            line("Continue", range, depth: depth)
        case .assert(let statement):
            line("Assert", statement.range, depth: depth)
            dump(statement.condition, label: "condition", depth: depth + 1)
            dump(statement.message, label: "message", depth: depth + 1)
        case .confirm(let statement):
            line("Confirm", statement.range, depth: depth)
            dump(statement.message, label: "message", depth: depth + 1)
        case .sleep(let statement):
            line("Sleep", statement.range, depth: depth)
            dump(statement.duration, label: "duration", depth: depth + 1)
        case .source(let statement):
            line("Source", statement.range, depth: depth)
            dump(statement.path, label: "path", depth: depth + 1)
        case .exit(let statement):
            line("Exit", statement.range, depth: depth)
            dump(statement.code, label: "code", depth: depth + 1)
        case .onError(let statement):
            line("OnError \(statement.mode.rawValue)", statement.range, depth: depth)
        case .try(let statement):
            line("Try", statement.range, depth: depth)
            dump(statement.body, label: "body", depth: depth + 1)
            dump(statement.handler, label: statement.errorName.map { "catch $\($0)" } ?? "catch", depth: depth + 1)
        case .retry(let statement):
            line("Retry\(statement.backoff ? " backoff" : "")", statement.range, depth: depth)
            dump(statement.attempts, label: "attempts", depth: depth + 1)
            dump(statement.interval, label: "every", depth: depth + 1)
            dump(statement.body, label: "body", depth: depth + 1)
        case .def(let statement):
            line("Def \(statement.name)(\(statement.parameters.map(\.name).joined(separator: ", ")))", statement.range, depth: depth)
            dump(statement.body, label: "body", depth: depth + 1)
        case .return(let statement):
            line("Return", statement.range, depth: depth)
            dump(statement.value, label: "value", depth: depth + 1)
        case .expression(let expr):
            line("Value", expr.range, depth: depth)
            dump(expr, label: "value", depth: depth + 1)
        case .vaults(let range):
            line("Vaults", range, depth: depth)
        case .useVault(let reference):
            line("UseVault", reference.range, depth: depth)
            dump(reference.name, label: "name", depth: depth + 1)
        case .showVault(let reference):
            line("ShowVault", reference.range, depth: depth)
            dump(reference.name, label: "name", depth: depth + 1)
        case .servers(let range):
            line("Servers", range, depth: depth)
        case .policy(let statement):
            dumpPolicy(statement, depth: depth)
        case .bindPolicy(let statement):
            line("BindPolicy", statement.range, depth: depth)
            dump(statement.name, label: "name", depth: depth + 1)
        case .unbindPolicy(let statement):
            line("UnbindPolicy", statement.range, depth: depth)
            dump(statement.name, label: "name", depth: depth + 1)
        case .context(let statement):
            line("Context \(statement.kind.rawValue)", statement.range, depth: depth)
            dump(statement.value, label: "value", depth: depth + 1)
        default:
            break  // the command statements of `Stmt.commandSyntax`, dumped above
        }
    }

    mutating func dump(_ command: any CommandSyntax, depth: Int) {
        line(command.dumpTitle, command.range, depth: depth)
        for part in command.parts {
            switch part {
            case .expression(let expr, let label): dump(expr, label: label, depth: depth + 1)
            case .wait(let wait): dump(wait, depth: depth + 1)
            }
        }
    }

    mutating func dumpPolicy(_ statement: PolicyStmt, depth: Int) {
        let days = switch statement.schedule {
        case .daily: "day"
        case .weekly(let days): days.map(\.rawValue).joined(separator: ",")
        }
        line("Policy every \(days) at \(statement.time.text)\(statement.update ? " update" : "")", statement.range, depth: depth)
        dump(statement.name, label: "name", depth: depth + 1)
        switch statement.retention {
        case .keep(let count): dump(count, label: "keep", depth: depth + 1)
        case .retain(let days): dump(days, label: "retain", depth: depth + 1)
        case nil: break
        }
    }

    mutating func dump(_ wait: WaitClause?, depth: Int) {
        guard let wait else { return }
        line("Wait", wait.range, depth: depth)
        dump(wait.timeout, label: "timeout", depth: depth + 1)
    }

    mutating func dump(_ block: Block, label: String, depth: Int) {
        line("\(label): Block", block.range, depth: depth)
        for statement in block.statements { dump(statement, depth: depth + 1) }
    }

    mutating func dump(_ expr: Expr?, label: String, depth: Int) {
        guard let expr else { return }
        let text: String
        switch expr {
        case .string(let value, _): text = "string \(Self.quoted(value))"
        case .integer(let value, _): text = "integer \(value)"
        case .duration(let value, _): text = "duration \(Self.format(value))"
        case .word(let value, _): text = "word \(value)"
        case .bool(let value, _): text = "bool \(value)"
        case .null: text = "null"
        case .variable(let name, _): text = "variable $\(name)"
        case .interpolated(let parts, _):
            line("\(label): interpolated", expr.range, depth: depth)
            for part in parts {
                switch part {
                case .literal(let value): line("literal \(Self.quoted(value))", depth: depth + 1)
                case .expression(let inner): dump(inner, label: "code", depth: depth + 1)
                }
            }
            return
        case .field(let base, let name, _):
            line("\(label): field \(name)", expr.range, depth: depth)
            dump(base, label: "of", depth: depth + 1)
            return
        case .index(let base, let index, _):
            line("\(label): index", expr.range, depth: depth)
            dump(base, label: "of", depth: depth + 1)
            dump(index, label: "at", depth: depth + 1)
            return
        case .list(let elements, _):
            line("\(label): list", expr.range, depth: depth)
            for element in elements { dump(element, label: "element", depth: depth + 1) }
            return
        case .record(let entries, _):
            line("\(label): record", expr.range, depth: depth)
            for entry in entries { dump(entry.value, label: entry.name, depth: depth + 1) }
            return
        case .not(let operand, _):
            line("\(label): not", expr.range, depth: depth)
            dump(operand, label: "operand", depth: depth + 1)
            return
        case .binary(let op, let left, let right, _):
            line("\(label): \(op.rawValue)", expr.range, depth: depth)
            dump(left, label: "left", depth: depth + 1)
            dump(right, label: "right", depth: depth + 1)
            return
        case .integerRange(let first, let last, _):
            line("\(label): range", expr.range, depth: depth)
            dump(first, label: "from", depth: depth + 1)
            dump(last, label: "to", depth: depth + 1)
            return
        case .call(let name, let arguments, _):
            line("\(label): call \(name)", expr.range, depth: depth)
            for argument in arguments { dump(argument, label: "argument", depth: depth + 1) }
            return
        }
        line("\(label): \(text)", expr.range, depth: depth)
    }

    mutating func line(_ text: String, _ range: SourceRange? = nil, depth: Int) {
        output += String(repeating: "  ", count: depth) + text
        if ranges, let range {
            let start = converter.location(ofOffset: range.lowerBound)
            let end = converter.location(ofOffset: range.upperBound)
            output += " @\(start.line):\(start.column)-\(end.line):\(end.column)"
        }
        output += "\n"
    }

    /// `"…"` with quotes, backslashes and control characters escaped.
    static func quoted(_ value: String) -> String {
        "\"" + value.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
    }

    /// Whole seconds as `Ns`, anything else as `Nms`.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds)s" }
        return "\(seconds * 1_000 + attoseconds / 1_000_000_000_000_000)ms"
    }
}

extension Stmt {
    fileprivate var isLet: Bool {
        if case .let = self { true } else { false }
    }
}
