/// What the front end knows of a function a script may call: its name and how many arguments it takes. The
/// built-in functions' signatures come from the interpreter's table (`CheckOptions.standard`), so the check and
/// the run read the same names; a script's own procedures are declared to the ``Resolver`` beside them, and
/// ``Resolver/function(named:)`` is the one place a call's name is looked up.
public struct FunctionSignature: Sendable, Hashable {
    /// The name a call writes: `len` in `len($x)`.
    public let name: String
    /// The fewest arguments a call may pass.
    public let minimumArguments: Int
    /// The most arguments a call may pass; `nil` for any number (`format`).
    public let maximumArguments: Int?
    /// How a call is written, for messages and the reference: `len(VALUE)`, `format(TEMPLATE, VALUE…)`.
    public let synopsis: String

    /// Creates a signature.
    ///
    /// - Parameters:
    ///   - name: The name a call writes.
    ///   - minimumArguments: The fewest arguments a call may pass.
    ///   - maximumArguments: The most; `nil` for any number.
    ///   - synopsis: How a call is written.
    public init(name: String, minimumArguments: Int, maximumArguments: Int?, synopsis: String) {
        self.name = name
        self.minimumArguments = minimumArguments
        self.maximumArguments = maximumArguments
        self.synopsis = synopsis
    }

    /// Whether a call may pass `count` arguments.
    public func accepts(_ count: Int) -> Bool {
        count >= minimumArguments && count <= (maximumArguments ?? .max)
    }

    /// How many arguments a call takes, in words: `1 argument`, `2 or 3 arguments`, `at least 1 argument`.
    public var expectedCount: String {
        func arguments(_ count: Int) -> String { "\(count) argument\(count == 1 ? "" : "s")" }
        guard let maximum = maximumArguments else {
            return minimumArguments == 0 ? "any number of arguments" : "at least \(arguments(minimumArguments))"
        }
        if maximum == minimumArguments { return minimumArguments == 0 ? "no arguments" : arguments(maximum) }
        if maximum == minimumArguments + 1 { return "\(minimumArguments) or \(arguments(maximum))" }
        return "\(minimumArguments) to \(arguments(maximum))"
    }
}
