import ArgumentParser
import CSBSScript

/// What the command line gives the script: `--var NAME=VALUE` (repeatable), the values of its `param`
/// declarations, and `--yes`, the answer to its `confirm`s.
struct VariableOptions: ParsableArguments {
    @Option(
        name: .customLong("var"),
        help: ArgumentHelp(
            "Give the script's `param NAME` the value VALUE, converted to the type of its default (repeatable).",
            valueName: "NAME=VALUE"
        ),
        transform: { argument in
            guard let given = ScriptParameters.Given(argument) else {
                throw ValidationError("--var needs NAME=VALUE, such as --var retention=14d; got '\(argument)'")
            }
            return given
        }
    )
    var variables: [ScriptParameters.Given] = []

    @Flag(
        name: [.customShort("y"), .long],
        help: "Answer yes to every `confirm` of the script without asking (without it a run with no terminal stops at one, exit 64)."
    )
    var yes = false
}
