import CSBSClient
import CSBSPlatform
import CSBSShell
import CSBSSyntax
import FoundationEssentials

/// The words the interactive shell completes and explains: the language's statements from its reference
/// (``LanguageHelp``), plus the shell's own commands.
enum ShellVocabulary {
    /// A shell command (not part of the language).
    struct Command {
        var name: String
        var synopsis: String
        var summary: String
    }

    static let shellCommands: [Command] = [
        Command(name: "help", synopsis: "help [STATEMENT|TOPIC]", summary: "Lists the statements and topics, or explains one."),
        Command(name: "history", synopsis: "history [N] | history save FILE",
                summary: "Lists the shell's history, or writes this session's inputs as a runnable script."),
        Command(name: "quit", synopsis: "quit [STATUS]", summary: "Leaves the shell (as do `exit` and Ctrl-D)."),
        Command(name: "edit", synopsis: "edit",
                summary: "Writes the input in $VISUAL or $EDITOR (the unfinished block, else the last entry), then runs it (also \\e)."),
        Command(name: "session", synopsis: "session",
                summary: "Shows the connection, the selected vault, `on error`, the settings and the variables (also \\conninfo, \\set)."),
        Command(name: "timing", synopsis: "timing [on|off]", summary: "Prints how long each input took (also \\timing)."),
        Command(name: "pager", synopsis: "pager [on|off]",
                summary: "Shows results taller than the window through CSBS_PAGER, PAGER or less (on by default)."),
        Command(name: "expanded", synopsis: "expanded [on|off]",
                summary: "Shows every table one block per row, not only those too wide (also \\x)."),
    ]

    /// Words that lead to a chapter of the reference rather than a statement.
    static let guideTopics: [String: String] = [
        "let": "variables", "set": "variables", "$env": "variables", "$error": "variables", "$args": "variables",
        "arguments": "variables", "string": "values", "list": "values", "record": "values", "duration": "values",
        "null": "values", "conditions": "expressions", "and": "expressions", "or": "expressions",
        "not": "expressions", "comments": "lexical structure", "dry run": "dry runs", "--dry-run": "dry runs",
        "variables": "variables", "values": "values", "expressions": "expressions", "limits": "limits",
        "running scripts": "running scripts", "dry runs": "dry runs", "lexical structure": "lexical structure",
    ]

    /// The static part of the completion catalog.
    static var catalog: CompletionCatalog {
        let reference = LanguageHelp.reference
        let synopses = reference.sections.flatMap(\.synopses) + shellCommands.map(\.synopsis)
        // `let` and `set` are explained in a chapter of the reference, not in a statement's section.
        let statements = Set(reference.statementNames + shellCommands.map(\.name) + ["exit", "let", "set"])
        let values = [
            "region": RegionTable.knownRegions, "every": Weekday.allCases.map(\.rawValue),
            "backups status": ServiceRules.FilterKind.backupStatus.values,
            "tasks status": ServiceRules.FilterKind.taskStatus.values, "tasks type": ServiceRules.FilterKind.taskType.values,
        ]
        // Always there: `$env.NAME`, `$error`, `$args`.
        return CompletionCatalog(
            statements: statements.sorted(), synopses: synopses, variables: ["args", "env", "error"], values: values
        )
    }

    /// Whether a name from outside (an environment variable, a profile) may be offered as it is: letters,
    /// digits, `_`, `-` and `.` only, at most 128 characters.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128
            && name.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || "_-.".unicodeScalars.contains(scalar)
            }
    }

    /// `help` and `help TOPIC`.
    static func help(topic: String?, reference: LanguageHelp = .reference) -> String {
        if let topic {
            let wanted = topic.lowercased()
            if let command = shellCommands.first(where: { $0.name == wanted }) {
                return "\(command.synopsis)\n    \(command.summary)\n"
            }
            let words = wanted.split(separator: " ").map(String.init)
            var sections = reference.sections(for: words.first ?? wanted)
            // `help show backup`: the sections whose synopsis starts with the words typed, when there are any.
            let narrowed = sections.filter { section in section.synopses.contains { $0.lowercased().hasPrefix(wanted) } }
            if words.count > 1, !narrowed.isEmpty { sections = narrowed }
            if sections.isEmpty, let chapter = reference.guide(titled: guideTopics[wanted] ?? wanted) {
                return chapter.synopses[0] + "\n\n" + terminalText(chapter.body) + "\n"
            }
            guard !sections.isEmpty else {
                let known = reference.statementNames + shellCommands.map(\.name) + guideTopics.keys.sorted()
                let hint = Suggestion.closest(to: wanted, in: known).map { "did you mean '\($0)'? " } ?? ""
                return "no help on '\(topic)'; \(hint)'help' lists the statements and topics\n"
            }
            return sections.map { section in
                section.synopses.joined(separator: "\n") + "\n\n" + terminalText(section.body) + "\n"
            }.joined(separator: "\n")
        }
        var lines = ["Statements (one per line or separated by ';'); 'help NAME' explains one:"]
        for section in reference.sections {
            lines.append("  " + section.synopses.joined(separator: ", "))
        }
        lines.append("Shell commands:")
        for command in shellCommands { lines.append("  \(command.synopsis)  — \(command.summary)") }
        lines.append("Topics: 'help variables' (let, set, $1, $env, $error), 'help values', 'help expressions', "
            + "'help running scripts', 'help dry runs', 'help limits'.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Markdown as plain terminal text: code fences dropped and their lines indented.
    static func terminalText(_ markdown: String) -> String {
        var inCode = false
        var lines: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inCode.toggle()
                continue
            }
            lines.append(inCode ? "    " + line : String(line))
        }
        return lines.joined(separator: "\n")
    }
}
