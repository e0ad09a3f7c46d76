import CSBSShell
import Foundation

/// The words the interactive shell completes and explains: the language's statements from its reference
/// (``LanguageHelp``), plus the shell's own commands.
enum ShellVocabulary {
    /// A shell command (not part of the language).
    struct Command {
        var name: String
        var synopsis: String
        var summary: String
        var keywords: [String]
    }

    static let shellCommands: [Command] = [
        Command(name: "help", synopsis: "help [STATEMENT]", summary: "Lists the statements, or explains one.", keywords: []),
        Command(name: "history", synopsis: "history | history save FILE",
                summary: "Lists the shell's history, or writes this session's inputs as a runnable script.",
                keywords: ["save"]),
        Command(name: "quit", synopsis: "quit", summary: "Leaves the shell (as do `exit` and Ctrl-D).", keywords: []),
    ]

    /// The static part of the completion catalog.
    static var catalog: CompletionCatalog {
        let reference = LanguageHelp.reference
        var options = reference.keywords
        for command in shellCommands { options[command.name] = command.keywords }
        let statements = Set(reference.statementNames + shellCommands.map(\.name) + ["exit"])
        return CompletionCatalog(statements: statements.sorted(), options: options)
    }

    /// `help` and `help TOPIC`.
    static func help(topic: String?, reference: LanguageHelp = .reference) -> String {
        if let topic {
            if let command = shellCommands.first(where: { $0.name == topic }) {
                return "\(command.synopsis)\n    \(command.summary)\n"
            }
            let sections = reference.sections(for: topic)
            guard !sections.isEmpty else {
                return "no statement named '\(topic)'; 'help' lists them\n"
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
