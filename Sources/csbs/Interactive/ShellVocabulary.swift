import CSBSShell
import Foundation

/// The words the interactive shell completes and explains: the language's statements and their keywords,
/// plus the shell's own commands.
enum ShellVocabulary {
    struct Entry {
        var name: String
        var synopsis: String
        var summary: String
        var options: [String]
    }

    static let entries: [Entry] = [
        Entry(name: "assert", synopsis: "assert CONDITION [\"message\"]",
              summary: "Stops the script with the assertion exit status when CONDITION is false.", options: []),
        Entry(name: "attach", synopsis: "attach server|disk ID [name \"NAME\"]",
              summary: "Adds a server or disk to the selected vault; already attached is fine.",
              options: ["server", "disk", "name"]),
        Entry(name: "backup", synopsis: "backup [name \"NAME\"] [wait [timeout DURATION]]",
              summary: "Creates a restore point of the selected vault's resources; `wait` follows it to the end.",
              options: ["name", "wait", "timeout"]),
        Entry(name: "echo", synopsis: "echo VALUE...", summary: "Prints values.", options: []),
        Entry(name: "exit", synopsis: "exit [N]", summary: "Leaves the script (or the shell) with status N.", options: []),
        Entry(name: "for", synopsis: "for NAME in LIST { ... }", summary: "Runs the block once per item.", options: ["in"]),
        Entry(name: "if", synopsis: "if CONDITION { ... } [else { ... }]", summary: "Runs a block conditionally.",
              options: ["else"]),
        Entry(name: "let", synopsis: "let NAME = COMMAND | EXPRESSION",
              summary: "Defines a variable; a command's result record becomes its value ($x.id).", options: []),
        Entry(name: "on", synopsis: "on error stop|continue",
              summary: "What a failing statement does to the rest of the script.", options: ["error", "stop", "continue"]),
        Entry(name: "set", synopsis: "set NAME = EXPRESSION", summary: "Changes an existing variable.", options: []),
        Entry(name: "sleep", synopsis: "sleep DURATION", summary: "Waits, e.g. `sleep 30s`.", options: []),
        Entry(name: "source", synopsis: "source \"FILE\"",
              summary: "Runs another script, relative to the including one.", options: []),
        Entry(name: "vault", synopsis: "vault \"NAME\" size GB [server|disk] [crash|app]",
              summary: "Creates the vault if it is missing, selects it if present.",
              options: ["size", "server", "disk", "crash", "app"]),
    ]

    static let shellCommands: [Entry] = [
        Entry(name: "help", synopsis: "help [STATEMENT]", summary: "Lists the statements, or explains one.", options: []),
        Entry(name: "history", synopsis: "history | history save FILE",
              summary: "Lists this shell's history, or writes this session's inputs as a runnable script.",
              options: ["save"]),
        Entry(name: "quit", synopsis: "quit", summary: "Leaves the shell (as do `exit` and Ctrl-D).", options: []),
    ]

    /// The static part of the completion catalog.
    static var catalog: CompletionCatalog {
        let all = entries + shellCommands
        return CompletionCatalog(
            statements: all.map(\.name).sorted(),
            options: Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0.options) })
        )
    }

    /// `help` and `help TOPIC`.
    static func help(topic: String?) -> String {
        let all = entries + shellCommands
        if let topic {
            guard let entry = all.first(where: { $0.name == topic }) else {
                return "no statement named '\(topic)'; 'help' lists them\n"
            }
            return "\(entry.synopsis)\n    \(entry.summary)\n"
        }
        let width = all.map(\.name.count).max() ?? 0
        let lines = all.map { $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary }
        return "Statements (one per line or separated by ';'); 'help NAME' shows one in full:\n"
            + lines.map { "  " + $0 + "\n" }.joined()
    }
}
