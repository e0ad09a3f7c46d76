import CSBSClient
import CSBSScript
import CSBSSyntax

/// The shell's `session` view (psql's `\conninfo` and `\set` in one): the connection, the selected vault, the
/// `on error` mode, the display settings and the variables. Every value passes `shown`, so a variable holding a
/// secret is masked and one holding control characters cannot drive the terminal.
struct SessionView {
    var label: String
    var configuration: ClientConfiguration
    var connection: ConnectionChange
    var vault: Vault?
    var lastCheckpointID: String?
    var onError: ErrorMode
    var lastError: Value
    var variables: [(name: String, value: Value)]
    var timing: Bool
    var expanded: Bool
    /// The pager's command, `nil` when off.
    var pager: String?

    /// How much of a value a line shows.
    static let valueLimit = TerminalText.cellLimit

    /// - Parameters:
    ///   - shown: Masks and escapes a value for the terminal.
    ///   - width: The window's columns: each line is cut to it (`nil`: not a terminal, values cut at ``valueLimit``).
    func render(shown: (String) -> String, width: Int? = nil) -> String {
        func fitted(_ line: String) -> String {
            guard let width else { return line }
            return DisplayWidth.cut(line, to: width)
        }
        var rows: [(String, String)] = [("backend", label)]
        rows.append(("region", configuration.region ?? "-"))
        if let profile = connection.profile { rows.append(("profile", profile)) }
        rows.append(("cbr endpoint", configuration.endpoints.cbr))
        if configuration.endpoints.iam != configuration.endpoints.cbr {
            rows.append(("iam endpoint", configuration.endpoints.iam))
        }
        rows.append(("credentials", Self.credentials(configuration.credentials)))
        rows.append(("vault", vault.map { "\($0.name) (\($0.id))" } ?? "- (none selected: 'use vault NAME')"))
        if let lastCheckpointID { rows.append(("last backup", "checkpoint \(lastCheckpointID)")) }
        rows.append(("on error", onError.rawValue))
        if lastError != .null { rows.append(("$error", Self.cut(lastError.description))) }
        rows.append(("timing", timing ? "on" : "off"))
        rows.append(("expanded", expanded ? "on" : "auto (when a table does not fit)"))
        rows.append(("pager", pager.map { "on (\($0)) for results taller than the window" } ?? "off"))
        let labelWidth = rows.map(\.0.count).max() ?? 0
        var lines = rows.map { name, value in
            fitted(name + String(repeating: " ", count: labelWidth - name.count) + "  " + shown(value))
        }
        if variables.isEmpty {
            lines.append("variables: none ('let NAME = VALUE' makes one)")
        } else {
            lines.append("variables:")
            let nameWidth = variables.map { $0.name.count + 1 }.max() ?? 0
            for (name, value) in variables {
                let shownName = "$" + name
                let padding = String(repeating: " ", count: nameWidth - shownName.count)
                lines.append(fitted("  " + shownName + padding + "  " + shown(Self.cut(value.description))))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The kind of credentials and whose, never the secret.
    static func credentials(_ credentials: Credentials) -> String {
        switch credentials {
        case .password(let password): "password of user \(password.userName) (domain \(password.domainName))"
        case .token(_, let projectID): "token for project \(projectID)"
        case .accessKey(let key): "access key \(key.accessKey)"
        }
    }

    private static func cut(_ text: String) -> String {
        text.count <= valueLimit ? text : String(text.prefix(valueLimit - 1)) + "…"
    }
}
