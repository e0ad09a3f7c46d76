import ArgumentParser
import CSBSScript

/// `--var NAME=VALUE` (repeatable): the values of the script's `param` declarations.
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
}
