import CSBSPlatform
import CSBSSyntax

/// The values of a script's `param` declarations, from `--var NAME=VALUE`, bound before anything runs.
///
/// A declared param takes its `--var` text converted to the type of its default by the one conversion rule
/// (``Value/integerConversion``, ``Value/durationConversion``; `true`/`false` for a boolean default); a param
/// without a default takes the text. Every problem is found at once: a value that does not convert, a param with
/// neither default nor `--var`, a `--var` that names no param (with a did-you-mean) or is given twice.
public enum ScriptParameters {
    /// One `--var NAME=VALUE`, as given.
    public struct Given: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        /// `NAME=VALUE` split at the first `=`; `nil` without one or with an empty name.
        public init?(_ argument: String) {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
            self.init(name: String(argument[..<equals]), value: String(argument[argument.index(after: equals)...]))
        }
    }

    /// A problem with the parameters; the run ends with ``ExitStatus/usage`` before anything is sent.
    public struct Problem: Sendable {
        public var message: SimpleDiagnosticMessage
        /// The `param` statement it concerns and its file; `nil` for a `--var` that names no param.
        public var location: (file: SourceFile, range: SourceRange)?
    }

    /// Why the `--var` values cannot be bound: every problem, in order.
    public struct Refusal: Error, Sendable {
        public var problems: [Problem]
    }

    /// The params declared at the top level of the program's files, in order.
    public static func declarations(in program: CheckedProgram) -> [(ParamStmt, SourceFile)] {
        program.files.flatMap { parsed in
            parsed.script.statements.compactMap { statement in
                if case .param(let param) = statement { (param, parsed.file) } else { nil }
            }
        }
    }

    /// The `--var` values by param name, converted; or every problem.
    public static func bind(_ given: [Given], to program: CheckedProgram) -> Result<[String: Value], Refusal> {
        let declared = declarations(in: program)
        var values: [String: Value] = [:]
        var problems: [Problem] = []
        var seen: Set<String> = []
        for entry in given {
            guard seen.insert(entry.name).inserted else {
                problems.append(Problem(message: message("varTwice", "--var \(entry.name) is given twice")))
                continue
            }
            guard let (param, file) = declared.first(where: { $0.0.name == entry.name }) else {
                let suggestion = Suggestion.closest(to: entry.name, in: declared.map(\.0.name))
                let hint = suggestion.map { "; did you mean '\($0)'?" } ?? (declared.isEmpty ? "; it declares none" : "")
                problems.append(Problem(message: message("unknownVar", "--var \(entry.name): the script declares no param '\(entry.name)'\(hint)")))
                continue
            }
            switch convert(entry.value, like: param.defaultValue) {
            case .some(let value): values[param.name] = value
            case .none:
                let text = String(entry.value.prefix(60))
                problems.append(Problem(
                    message: message("badVar", "--var \(param.name)=\(text): not \(typeName(of: param.defaultValue)), as the default of param \(param.name) is"),
                    location: (file, param.range)
                ))
            }
        }
        for (param, file) in declared where param.defaultValue == nil && values[param.name] == nil && !seen.contains(param.name) {
            problems.append(Problem(
                message: message("missingVar", "param \(param.name) has no default: give it with --var \(param.name)=VALUE"),
                location: (file, param.range)
            ))
        }
        return problems.isEmpty ? .success(values) : .failure(Refusal(problems: problems))
    }

    /// `text` as a value of the default's type; `nil` when it does not convert.
    static func convert(_ text: String, like defaultValue: Expr?) -> Value? {
        let string = Value.string(text)
        switch defaultValue {
        case .integer: return string.integerConversion.map(Value.integer)
        case .duration: return string.durationConversion.map(Value.duration)
        case .bool: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
        default: return string
        }
    }

    private static func typeName(of defaultValue: Expr?) -> String {
        switch defaultValue {
        case .integer: "a whole number"
        case .duration: "a duration (30s, 5m, 7d)"
        case .bool: "true or false"
        default: "text"
        }
    }

    private static func message(_ name: String, _ text: String) -> SimpleDiagnosticMessage {
        SimpleDiagnosticMessage(id: MessageID(domain: "param", name: name), message: text)
    }
}
