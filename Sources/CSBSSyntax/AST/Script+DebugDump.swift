extension Script {
    /// An indented tree of the script for tests and debugging, one node per line with its range as
    /// `@startLine:startColumn-endLine:endColumn`. Lines and columns are 1-based, columns count UTF-8 bytes,
    /// and the end is exclusive (the position just after the node's last byte).
    ///
    /// - Parameter file: The file the script was parsed from, used to turn offsets into lines and columns.
    /// - Returns: The dump, ending with a newline.
    public func debugDump(_ file: SourceFile) -> String {
        var dumper = TreeDumper(converter: SourceLocationConverter(file.text))
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
    var output = ""

    mutating func dump(_ statement: Stmt, depth: Int) {
        switch statement {
        case .vault(let vault):
            line("Vault", vault.range, depth: depth)
            dump(vault.name, label: "name", depth: depth + 1)
            dump(vault.size, label: "size", depth: depth + 1)
        case .attach(let attach):
            line("Attach \(attach.kind.rawValue)", attach.range, depth: depth)
            dump(attach.id, label: "id", depth: depth + 1)
            dump(attach.name, label: "name", depth: depth + 1)
        case .backup(let backup):
            line("Backup", backup.range, depth: depth)
            dump(backup.name, label: "name", depth: depth + 1)
            dump(backup.description, label: "description", depth: depth + 1)
            if let wait = backup.wait {
                line("Wait", wait.range, depth: depth + 1)
                dump(wait.timeout, label: "timeout", depth: depth + 2)
            }
        }
    }

    mutating func dump(_ expr: Expr?, label: String, depth: Int) {
        guard let expr else { return }
        let text =
            switch expr {
            case .string(let value, _): "string \(Self.quoted(value))"
            case .integer(let value, _): "integer \(value)"
            case .duration(let value, _): "duration \(Self.format(value))"
            case .word(let value, _): "word \(value)"
            }
        line("\(label): \(text)", expr.range, depth: depth)
    }

    mutating func line(_ text: String, _ range: SourceRange? = nil, depth: Int) {
        output += String(repeating: "  ", count: depth) + text
        if let range {
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
