import ArgumentParser
import CSBSClient
import CSBSCommandLine
import CSBSScript
import CSBSSyntax
import FoundationEssentials

extension CSBSCommand {
    /// `csbs check FILE...`: parses scripts and resolves their names (following `source`), reporting every
    /// error in every file; sends nothing (``CheckRequest``). The usual lines never reach ArgumentParser:
    /// ``DirectArguments`` reads them and ``Main`` runs the check on the main thread.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check scripts for syntax and name errors without running them (exit 65 on any error).",
            discussion: """
                Also warns (lint.* ids) about what runs but is probably a mistake: a variable never read, a $ in a \
                string that is text, not a value, an ID that is not a UUID, too many tags, 'delete vault … force' \
                without a 'confirm' before it, and $error read in a catch block. Warnings do not change the exit status unless --warnings-as-errors is given.
                """
        )

        @Flag(name: .customLong(CheckRequest.Option.warningsAsErrors), help: "Exit 65 when there is a warning, as for an error.")
        var warningsAsErrors = false

        @Option(name: .customLong(CheckRequest.Option.report), help: ReportRequest.help)
        var report: ReportRequest?

        @Argument(help: ArgumentHelp("Script files to check; - reads stdin.", valueName: "FILE"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one script FILE to check") }
        }

        func run() throws {
            checkRequest.run(environment: ProcessInfo.processInfo.environment)
        }

        /// The check these options ask for.
        var checkRequest: CheckRequest {
            CheckRequest(files: files, warningsAsErrors: warningsAsErrors, report: report)
        }
    }
}
