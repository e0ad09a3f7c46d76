import CSBSPlatform
import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// Messages that say what the writer meant: misplaced `else`, words from other languages, the options a statement
/// has, options given twice.
@Suite struct HintTests {
    @Test func elseOnItsOwnLineAndElif() {
        assertDiagnostics("if true {\n  echo a\n}\n1️⃣else {\n  echo b\n}", [
            DiagSpec("1️⃣", id: "parse.elseOnItsOwnLine", message: "'else' must follow the '}' of its 'if' on the same line: '} else {'")
        ])
        assertDiagnostics("1️⃣elif true { echo a }", [
            DiagSpec("1️⃣", id: "parse.unknownStatement", message: "unknown statement 'elif'; did you mean 'else if'?")
        ])
    }

    @Test(arguments: [
        ("1️⃣bakup", "parse.unknownStatement", "did you mean 'backup'?"),
        ("1️⃣polcies", "parse.unknownStatement", "did you mean 'policies'?"),
        ("1️⃣function f() { }", "parse.unknownStatement", "did you mean 'def'?"),
        ("1️⃣fn f() { }", "parse.unknownStatement", "did you mean 'def'?"),
        ("1️⃣ask \"go on?\"", "parse.unknownStatement", "did you mean 'confirm'?"),
        ("backup wait 1️⃣timout 5m", "parse.unexpectedToken", "did you mean 'timeout'?"),
        ("wait 1️⃣timout 5m", "parse.unexpectedToken", "did you mean 'timeout'?"),
        ("for x in [1] 1️⃣parralel 3 { echo $x }", "parse.unexpectedToken", "did you mean 'parallel'?"),
        ("show 1️⃣bakup abc", "parse.expectedKeyword", "did you mean 'backup'?"),
        ("delete 1️⃣vualt v", "parse.expectedKeyword", "did you mean 'vault'?"),
    ])
    func typosGetASuggestion(source: String, id: String, suggestion: String) {
        let result = assertDiagnostics(source, [DiagSpec("1️⃣", id: id)])
        #expect(result.diagnostics.first?.text.hasSuffix(suggestion) == true, "\(result.diagnostics.map(\.text))")
    }

    @Test func keywordListsNameEveryOption() {
        assertDiagnostics("show 1️⃣vaults", [
            DiagSpec(
                "1️⃣", id: "parse.expectedKeyword",
                message: "expected 'vault', 'backup' or 'checkpoint' after 'show', found 'vaults'; did you mean 'vault'?")
        ])
        assertDiagnostics("delete 1️⃣thing x", [
            DiagSpec("1️⃣", id: "parse.expectedKeyword", message: "expected 'backup' or 'vault' after 'delete', found 'thing'")
        ])
        assertDiagnostics("show vault v; show backup b; show checkpoint c; show vault; delete vault v; delete backup b", [])
    }

    @Test func anOptionGivenTwiceIsSaidSo() {
        assertDiagnostics("vault v 1️⃣size 10 resize 2️⃣size 20", [
            DiagSpec(
                "2️⃣", id: "parse.duplicateOption", message: "'size' is given more than once in this 'vault' statement",
                notes: [DiagSpec("1️⃣", id: "parse.firstGivenHere")])
        ])
        assertDiagnostics("resize vault v 1️⃣size 10 2️⃣size 20", [
            DiagSpec("2️⃣", id: "parse.duplicateOption", notes: [DiagSpec("1️⃣", id: "parse.firstGivenHere")])
        ])
        assertDiagnostics("wait 1️⃣timeout 5m 2️⃣timeout 3m", [
            DiagSpec("2️⃣", id: "parse.duplicateOption", notes: [DiagSpec("1️⃣", id: "parse.firstGivenHere")])
        ])
        assertDiagnostics("backup wait 1️⃣timeout 5m 2️⃣timeout 3m", [
            DiagSpec("2️⃣", id: "parse.duplicateOption", notes: [DiagSpec("1️⃣", id: "parse.firstGivenHere")])
        ])
    }

    @Test(arguments: [
        ("echo 1️⃣'a'", "strings take double quotes"),
        ("if true 1️⃣&& false { echo a }", "write 'and'"),
        ("let x = $a 1️⃣? 1 : 2", "write 'VALUE ?? DEFAULT' for a default"),
    ])
    func charactersFromOtherLanguagesGetAHint(source: String, hint: String) {
        let marked = MarkedText(source)
        let diagnostics = Parser.parse(SourceFile(name: "t", text: marked.text)).diagnostics
        let first = diagnostics.first { $0.id.description == "lex.unexpectedCharacter" }
        #expect(first?.range.lowerBound == marked.markers["1️⃣"])
        #expect(first?.text.contains(hint) == true, "\(diagnostics.map(\.text))")
    }

    /// A statement's arguments are operands: an operator after one wants parentheses, a `/` quotes.
    @Test(arguments: [
        ("echo \"a\" 1️⃣+ \"b\"", "parse.expectedExpression", "put a computation in parentheses: ($a + 1)"),
        ("echo $a 1️⃣?? \"b\"", "parse.expectedExpression", "put a computation in parentheses"),
        ("sleep $d 1️⃣* 2", "parse.unexpectedToken", "after the end of the 'sleep' statement; a statement's arguments are single values"),
        ("endpoint https:1️⃣//example.com", "parse.unexpectedToken", "quote paths and URLs"),
    ])
    func operatorsInAStatementsArgumentGetAHint(source: String, id: String, hint: String) {
        let marked = MarkedText(source)
        let diagnostics = Parser.parse(SourceFile(name: "t", text: marked.text)).diagnostics
        #expect(diagnostics.first?.id.description == id)
        #expect(diagnostics.first?.range.lowerBound == marked.markers["1️⃣"])
        #expect(diagnostics.first?.text.contains(hint) == true, "\(diagnostics.map(\.text))")
    }

    @Test func anUnclosedBracketIsReportedAtTheBracket() {
        assertDiagnostics("let l = 1️⃣[1,\n  2,\n  3\necho $l", [
            DiagSpec("1️⃣", id: "parse.expectedClosing", message: "the list opened here is never closed; expected ']'")
        ])
        assertDiagnostics("let l = [1, 2 1️⃣3]", [DiagSpec("1️⃣", id: "parse.expectedClosing", message: "expected ']' to close the list")])
    }

    @Test func unicodeEscapesPastTheRangeSaySo() {
        assertDiagnostics(#"echo "1️⃣\u{110000} 2️⃣\u{D800} 3️⃣\u{123456789}""#, [
            DiagSpec(
                "1️⃣", id: "lex.invalidEscape",
                message: "'\\u{110000}' is outside the Unicode range; \\u{…} names a value from 0 to 10FFFF, not a surrogate (D800–DFFF)"),
            DiagSpec("2️⃣", id: "lex.invalidEscape"),
            DiagSpec("3️⃣", id: "lex.invalidEscape", message: "invalid Unicode escape '\\u{123456789}'; write \\u{XXXX} with 1 to 8 hex digits"),
        ])
    }

    @Test func aByteOrderMarkIsSkipped() {
        #expect(Parser.parse(SourceFile(name: "t", text: "\u{FEFF}echo a")).diagnostics.isEmpty)
        #expect(Parser.parse(SourceFile(name: "t", text: "\u{FEFF}#!/usr/bin/env csbs\necho a")).diagnostics.isEmpty)
        assertDiagnostics("echo a 1️⃣\u{FEFF}", [DiagSpec("1️⃣", id: "lex.unexpectedCharacter")])
    }
}
