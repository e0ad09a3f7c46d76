import ArgumentParser
import CSBSClient
import CSBSEmulatorInterface
import CSBSPlatform
import CSBSScript
import FoundationEssentials

extension CSBSCommand {
    /// `csbs manual`: the manual page csbs(1) in roff, made from the same definitions as `--help` (every command's
    /// help text) and the language reference embedded for the shell's `help` (each statement's synopses and first
    /// paragraph). `scripts/install` installs it; `man -l <(csbs manual)` reads it in place.
    struct Manual: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "manual",
            abstract: "Print the manual page csbs(1) in roff (what scripts/install installs).",
            shouldDisplay: false
        )

        func run() {
            print(ManualPage.roff(), terminator: "")
        }
    }
}

/// The manual page csbs(1).
enum ManualPage {
    /// - Parameters:
    ///   - reference: The language reference.
    ///   - serveHelp: `csbs serve --help` (``CSBSCommand/Serve/help(columns:)``), or `nil` when the emulator is not
    ///     installed beside csbs.
    static func roff(
        reference: LanguageHelp = .reference, serveHelp: String? = CSBSCommand.Serve.help(columns: 100)
    ) -> String {
        var page = [
            #".TH CSBS 1 "" "csbs \#(escaped(CSBSVersion.current))" "User Commands""#,
            ".SH NAME",
            #"csbs \- "# + escaped(CSBSCommand.configuration.abstract),
            ".SH SYNOPSIS",
            ".nf",
            "csbs [OPTIONS] [FILE [ARGS...]]",
            "csbs [OPTIONS] -c TEXT [ARGS...]",
            "csbs run [OPTIONS] FILE [ARGS...]",
            "csbs check FILE...",
            "csbs fmt [--check] [FILE...]",
            "csbs lsp",
            "csbs serve [OPTIONS]",
            ".fi",
            ".SH DESCRIPTION",
        ]
        page += verbatim(CSBSCommand.helpMessage(columns: 100))
        for (name, command) in [("run", CSBSCommand.Run.self), ("check", CSBSCommand.Check.self),
                                ("fmt", CSBSCommand.Format.self),
                                ("lsp", CSBSCommand.LanguageServerCommand.self)] as [(String, any ParsableCommand.Type)] {
            page.append(".SH COMMAND: " + name.uppercased())
            page += verbatim(CSBSCommand.helpMessage(for: command, columns: 100))
        }
        page.append(".SH COMMAND: SERVE")
        page += verbatim(
            serveHelp ?? BuiltInEmulator.serveAbstract + "\n\nIts options: csbs serve --help (the program "
                + BuiltInEmulator.executableName + ", installed beside csbs)."
        )
        page.append(".SH LANGUAGE")
        page.append(escaped("A script is a list of statements, one a line or separated by ';'. In the interactive shell, "
            + "'help STATEMENT' shows the whole text of each; the full reference is docs/LANGUAGE.md."))
        for section in reference.sections {
            page.append(".TP")
            page.append(".B " + escaped(section.synopses.joined(separator: ", ")))
            let firstParagraph = section.body.split(separator: "\n\n", maxSplits: 1).first.map(String.init) ?? ""
            page.append(escaped(HelpLayout.plainProse(firstParagraph.replacingAll("\n", with: " "))))
        }
        page += [".SH EXIT STATUS", escaped(ExitStatus.helpText.replacingAll("\n", with: " "))]
        page += [
            ".SH FILES",
            ".TP", #".I $XDG_STATE_HOME/csbs/"#, "the built-in emulator's state and the shell's history (mode 0700)",
            ".TP", #".I $XDG_CACHE_HOME/csbs/tokens/"#, "cached IAM tokens (mode 0700, files 0600)",
            ".SH SEE ALSO",
            "The README (connecting, security notes) and docs/LANGUAGE.md (the language reference).",
        ]
        return page.joined(separator: "\n") + "\n"
    }

    /// Text kept as it is laid out (help texts): no filling, every line escaped.
    private static func verbatim(_ text: String) -> [String] {
        [".nf"] + text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) } + [".fi"]
    }

    /// `text` safe as roff input: backslashes as `\e`, characters beyond ASCII as `\[uXXXX]` (roff reads
    /// bytes), and a leading `.` or `'` (a request) neutralised.
    static func escaped(_ text: String) -> String {
        var body = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": body += "\\e"
            case _ where scalar.isASCII: body.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                body += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            }
        }
        return body.hasPrefix(".") || body.hasPrefix("'") ? "\\&" + body : body
    }
}
