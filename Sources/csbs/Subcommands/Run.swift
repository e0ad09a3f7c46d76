import ArgumentParser
import CSBSScript
import FoundationEssentials

extension CSBSCommand {
    /// `csbs run FILE [ARGS…]`: runs a script file with arguments `$1`… (`$args`).
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a script file; ARGS become $1, $2, … and $args.",
            discussion: dryRunHelp + "\n\n" + ExitStatus.helpText
        )

        /// How `--dry-run` behaves; the same rule as the "Dry runs" section of docs/LANGUAGE.md.
        static let dryRunHelp = """
            With --dry-run (before FILE) nothing is sent and no credentials are read: the script runs through the \
            same code against a recorder that prints each request it would send (METHOD /v3/{project_id}/PATH and \
            its JSON body; with --json one {"dry_run_request": …} object each) before the statement's result. \
            Objects the script creates get placeholder ids (<vault-1>, <checkpoint-1>) and are found again by later \
            statements; objects it only names are assumed to exist under an id derived from the name \
            (<vault:prod>), while converging statements (vault NAME size N, policy NAME …) show their creating \
            requests. Every status is final, so waits and sleep end at once; lists show only what the script \
            created. Exit statuses are those of a real run.
            """

        @OptionGroup var output: OutputOptions

        @OptionGroup var connection: ConnectionOptions

        @OptionGroup var variables: VariableOptions

        @Option(help: ReportRequest.help)
        var report: ReportRequest?

        @Argument(help: ArgumentHelp("The script to run; - reads stdin.", valueName: "FILE"))
        var file: String

        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Arguments for the script (csbs options, such as --json, count wherever they stand).", valueName: "ARGS"))
        var arguments: [String] = []

        func run() async throws {
            let status = await scriptRequest.run(environment: ProcessInfo.processInfo.environment)
            if status != 0 { throw ExitCode(status) }
        }

        /// The batch run these options ask for.
        var scriptRequest: ScriptRequest {
            var request = ScriptRequest(
                script: .file(file), arguments: arguments, mode: output.mode, dryRun: output.dryRun,
                verbose: connection.verbose, connection: connection.flags, report: report
            )
            request.variables = variables.variables
            request.assumeYes = variables.yes
            return request
        }
    }
}
