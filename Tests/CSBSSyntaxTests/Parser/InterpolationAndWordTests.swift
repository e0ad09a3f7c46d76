import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// `$name` and `$1` inside strings, and `#` inside words, as a shell user expects them.
@Suite struct InterpolationAndWordTests {
    /// The value of the first `echo`'s first operand.
    private func echoed(_ text: String) -> Expr? {
        let parsed = Parser.parse(SourceFile(name: "t", text: text))
        #expect(!parsed.hasErrors, "\(parsed.diagnostics.map(\.text))")
        for case .echo(let echo) in parsed.script.statements { return echo.values.first }
        return nil
    }

    /// The parts of an interpolated string: literal text as is, expressions as `$name`, `$name.field`.
    private func parts(_ text: String) -> [String] {
        guard case .interpolated(let parts, _)? = echoed(text) else { return ["not interpolated"] }
        return parts.map { part in
            switch part {
            case .literal(let text): return text
            case .expression(let expr): return Self.describe(expr)
            }
        }
    }

    private static func describe(_ expr: Expr) -> String {
        switch expr {
        case .variable(let name, _): "$" + name
        case .field(let base, let name, _): describe(base) + "." + name
        default: "\(expr)"
        }
    }

    @Test func bracedNumbersAreArgumentsNotLiterals() {
        #expect(parts(#"echo "first=${1}""#) == ["first=", "$1"])
        #expect(parts(#"echo "${0}""#) == ["$0"])
    }

    @Test func dollarNamesInterpolateAsInShells() {
        #expect(parts(#"echo "item $x""#) == ["item ", "$x"])
        #expect(parts(#"echo "$v.used_gb of $v.size_gb GB""#) == ["$v.used_gb", " of ", "$v.size_gb", " GB"])
        #expect(parts(#"echo "first=$1, all: $args""#) == ["first=", "$1", ", all: ", "$args"])
        #expect(parts(#"echo "done: $name.""#) == ["done: ", "$name", "."], "a sentence's full stop is no field")
        #expect(parts(#"echo "$1.5""#) == ["$1", ".5"], "arguments take no fields")
    }

    /// `${name}` and `${name.field.field}` read as a variable with its fields (each field's range the whole word,
    /// the variable's its name); any other word inside `${…}` is a variable no script declares (an error where
    /// names are resolved), never text.
    @Test func bracedNamesAreVariablesWithTheirFields() {
        func code(_ text: String) -> Expr? {
            guard case .interpolated(let parts, _)? = echoed(text), case .expression(let expr)? = parts.first else { return nil }
            return expr
        }
        #expect(code(#"echo "${a.b.c}""#) == .field(.field(.variable("a", SourceRange(8, 9)), "b", SourceRange(8, 13)), "c", SourceRange(8, 13)))
        #expect(code(#"echo "${cp.id}""#) == .field(.variable("cp", SourceRange(8, 10)), "id", SourceRange(8, 13)))
        #expect(code(#"echo "${_x1}""#) == .variable("_x1", SourceRange(8, 11)))
        #expect(code(#"echo "${a.}""#) == .variable("a.", SourceRange(8, 10)))
        #expect(code(#"echo "${.a}""#) == .variable(".a", SourceRange(8, 10)))
        #expect(code(#"echo "${1a.b}""#) == .variable("1a.b", SourceRange(8, 12)))
        #expect(code(#"echo "${-n}""#) == .variable("-n", SourceRange(8, 10)))
        #expect(code(#"echo "${-3}""#) == .integer(-3, SourceRange(8, 10)))
        #expect(parts(#"echo "${v.used_gb} of ${v.size_gb}""#) == ["$v.used_gb", " of ", "$v.size_gb"])
    }

    /// A name anywhere inside `${…}` is a variable, checked like one: a name that is not defined is an error of
    /// `csbs check` at its place in the string, where it was the text of the name (`${x ?? none}` printed "none").
    @Test func namesInsideBracesAreCheckedAsVariablesInEveryOperand() {
        assertCheckDiagnostics(#"let x = 1; echo "${x ?? 1️⃣none} ${[2️⃣items]} ${x + 3️⃣y}""#, [
            DiagSpec("1️⃣", id: "resolve.undefinedVariable"),
            DiagSpec("2️⃣", id: "resolve.undefinedVariable"),
            DiagSpec("3️⃣", id: "resolve.undefinedVariable"),
        ])
        // A word no `let` can declare is told apart: quote it for the text.
        assertCheckDiagnostics(#"echo "${1️⃣web-01}""#, [
            DiagSpec(
                "1️⃣", id: "resolve.undefinedVariable",
                message: #"'web-01' is no variable: inside '${…}' a bare word is a variable's name; write "web-01" for the text"#
            )
        ])
        // So is one that starts like no name: it printed as text ("${-n}" printed -n).
        assertCheckDiagnostics(#"let n = 1; echo "${1️⃣-n} ${2️⃣8d3f-a1} ${n - 3️⃣-}""#, [
            DiagSpec(
                "1️⃣", id: "resolve.undefinedVariable",
                message: #"'-n' is no variable: inside '${…}' a bare word is a variable's name; write "-n" for the text, or 0 - n for its negative"#
            ),
            DiagSpec("2️⃣", id: "resolve.undefinedVariable"),
            DiagSpec("3️⃣", id: "resolve.undefinedVariable"),
        ])
        // A whole number is an argument only on its own; a range's bound may be a name.
        assertCheckDiagnostics(#"let n = 1; echo "${n + 1} ${2} ${[n, 1]} ${n..3}""#, [])
    }

    @Test func aDollarBeforeAnythingElseOrEscapedIsText() {
        #expect(echoed(#"echo "cost $ 5, $-1, 100$""#) == .string("cost $ 5, $-1, 100$", SourceRange(5, 26)))
        #expect(echoed(#"echo "\$x and \${y}""#) == .string("$x and ${y}", SourceRange(5, 20)))
    }

    @Test func namesInStringsAreResolvedWithACaretInTheString() {
        assertCheckDiagnostics(#"let x = 1; echo "item $x and 1️⃣$nope.field""#, [
            DiagSpec("1️⃣", id: "resolve.undefinedVariable")
        ])
        assertCheckDiagnostics(#"echo "${1} $2""#, [])
    }

    @Test func hashInsideAWordIsText() {
        #expect(echoed("echo run#5 # a comment") == .word("run#5", SourceRange(5, 10)))
        #expect(echoed("echo abc#def") == .word("abc#def", SourceRange(5, 12)))
        let parsed = Parser.parse(SourceFile(name: "t", text: "vault v size 10 tag build=run#5\nprotect server abc#def"))
        #expect(!parsed.hasErrors)
        guard case .vault(let vault)? = parsed.script.statements.first,
            case .protect(let protect)? = parsed.script.statements.last
        else {
            Issue.record("not parsed: \(parsed.script.statements)")
            return
        }
        #expect(vault.tags.first?.value == .word("run#5", SourceRange(26, 31)))
        #expect(protect.server == .word("abc#def", SourceRange(47, 54)))
    }

    @Test func hashAtTheStartOfAWordStillStartsAComment() {
        #expect(Parser.parse(SourceFile(name: "t", text: "echo a #b\necho c;#d\n# e\nif true {# f\n}")).diagnostics.isEmpty)
        #expect(echoed("echo a\t#b") == .word("a", SourceRange(5, 6)))
    }

    @Test func recordKeysAreGivenOnce() {
        assertDiagnostics("let r = {1️⃣a: 1, b: 2, 2️⃣a: 3}", [
            DiagSpec(
                "2️⃣", id: "parse.duplicateRecordKey", message: "the field 'a' is given more than once in this record",
                notes: [DiagSpec("1️⃣", id: "parse.firstGivenHere")])
        ])
        assertDiagnostics("let r = {a: {a: 1}, b: [{a: 1}, {a: 2}]}", [])
    }
}
