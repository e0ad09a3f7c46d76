import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// One test per lexer diagnostic ID, seen through the parser.
@Suite struct LexerDiagnosticsTests {
    @Test func integerOverflow() {
        assertDiagnostics("vault x size 1️⃣18446744073709551616", [
            DiagSpec("1️⃣", id: "lex.integerOverflow", message: "number '18446744073709551616' is too large")
        ])
        assertDiagnostics("backup wait timeout 1️⃣9999999999999999999s", [
            DiagSpec("1️⃣", id: "lex.integerOverflow")
        ])
    }

    @Test func invalidEscape() {
        assertDiagnostics(#"backup name "a1️⃣\qb""#, [
            DiagSpec("1️⃣", id: "lex.invalidEscape",
                     message: #"invalid escape '\q'; strings allow \\ \" \n \t \r \$ and \u{XXXX}"#)
        ])
        assertDiagnostics(#"backup name "1️⃣\u{zz}""#, [
            DiagSpec("1️⃣", id: "lex.invalidEscape",
                     message: #"invalid Unicode escape '\u{'; write \u{XXXX} with 1 to 8 hex digits"#)
        ])
    }

    @Test func everyBadEscapeInAStringIsReported() {
        assertDiagnostics(#"backup name "1️⃣\a 2️⃣\b""#, [
            DiagSpec("1️⃣", id: "lex.invalidEscape"), DiagSpec("2️⃣", id: "lex.invalidEscape"),
        ])
    }

    @Test func misplacedLineContinuation() {
        assertDiagnostics("backup 1️⃣\\ wait", [DiagSpec("1️⃣", id: "lex.misplacedLineContinuation")])
    }

    @Test func unexpectedCharacter() {
        assertDiagnostics("attach server 1️⃣@abc2️⃣~", [
            DiagSpec("1️⃣", id: "lex.unexpectedCharacter", message: "unexpected character '@'"),
            DiagSpec("2️⃣", id: "lex.unexpectedCharacter"),
        ])
        assertDiagnostics("backup 1️⃣\u{7}", [
            DiagSpec("1️⃣", id: "lex.unexpectedCharacter", message: "unexpected character '\\u{7}'")
        ])
    }

    @Test func unterminatedStringPointsAtTheOpeningQuote() {
        assertDiagnostics("vault 1️⃣\"nightly size 10\nbackup", [
            DiagSpec("1️⃣", id: "lex.unterminatedString",
                     message: "unterminated string; add a closing '\"' before the end of the line")
        ])
    }
}
