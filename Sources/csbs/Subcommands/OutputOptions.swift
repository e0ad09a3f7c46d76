import ArgumentParser

/// How results are printed.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object per result on stdout (diagnostics stay on stderr).")
    var json = false

    @Flag(name: [.short, .long], help: "Print no results or progress; only `echo`, diagnostics and the exit status.")
    var quiet = false

    @Flag(name: .customLong("dry-run"), help: "Send nothing: print each request the script would send (see `csbs run --help`).")
    var dryRun = false

    var mode: TerminalOutput.Mode {
        TerminalOutput.Mode(json: json, quiet: quiet)
    }
}
