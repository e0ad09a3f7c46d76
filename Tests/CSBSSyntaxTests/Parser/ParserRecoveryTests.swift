import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// `try … catch`, `retry` and values as statements: the grammar, and what `csbs check` refuses before anything runs.
@Suite struct ParserRecoveryTests {
    private func dump(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let file = SourceFile(name: "test.csbs", text: text)
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return result.script.debugDump(file)
    }

    @Test func tryAndCatchDump() {
        #expect(dump("try {\n  use vault prod\n} catch e { echo $e.code }\ntry { exit 1 } catch { echo no }") == """
            Script
              Try @1:1-3:27
                body: Block @1:5-3:2
                  UseVault @2:3-2:17
                    name: word prod @2:13-2:17
                catch $e: Block @3:11-3:27
                  Echo @3:13-3:25
                    value: field code @3:18-3:25
                      of: variable $e @3:18-3:20
              Try @4:1-4:33
                body: Block @4:5-4:15
                  Exit @4:7-4:13
                    code: integer 1 @4:12-4:13
                catch: Block @4:22-4:33
                  Echo @4:24-4:31
                    value: word no @4:29-4:31

            """)
    }

    @Test func retryDumpsItsOptionsInAnyOrder() {
        #expect(dump("retry 3 every 10s backoff { backup wait }\nretry $n backoff every $d {\n}\nretry 2 { sleep 1s }") == """
            Script
              Retry backoff @1:1-1:42
                attempts: integer 3 @1:7-1:8
                every: duration 10s @1:15-1:18
                body: Block @1:27-1:42
                  Backup @1:29-1:40
                    Wait @1:36-1:40
              Retry backoff @2:1-3:2
                attempts: variable $n @2:7-2:9
                every: variable $d @2:24-2:26
                body: Block @2:27-3:2
              Retry @4:1-4:21
                attempts: integer 2 @4:7-4:8
                body: Block @4:9-4:21
                  Sleep @4:11-4:19
                    duration: duration 1s @4:17-4:19

            """)
    }

    @Test func aValueOnItsOwnIsAStatement() {
        #expect(dump("$r\n$r.name\n$list[0]\n($a == 1)\n[1, 2]") == """
            Script
              Value @1:1-1:3
                value: variable $r @1:1-1:3
              Value @2:1-2:8
                value: field name @2:1-2:8
                  of: variable $r @2:1-2:3
              Value @3:1-3:9
                value: index @3:1-3:9
                  of: variable $list @3:1-3:6
                  at: integer 0 @3:7-3:8
              Value @4:1-4:10
                value: == @4:1-4:10
                  left: variable $a @4:2-4:4
                  right: integer 1 @4:8-4:9
              Value @5:1-5:7
                value: list @5:1-5:7
                  element: integer 1 @5:2-5:3
                  element: integer 2 @5:5-5:6

            """)
    }

    /// A call on its own is a value statement; a statement's keyword before `(` stays that statement.
    @Test func aCallOnItsOwnIsAStatement() {
        #expect(dump("len($l)\necho(1)") == """
            Script
              Value @1:1-1:8
                value: call len @1:1-1:8
                  argument: variable $l @1:5-1:7
              Echo @2:1-2:8
                value: integer 1 @2:5-2:8

            """)
    }

    @Test func aValueStatementIsOneValue() {
        assertDiagnostics("$x 1️⃣= 5", [
            DiagSpec(
                "1️⃣", id: "parse.assignmentWithoutKeyword",
                message: "'=' needs 'let' or 'set': 'let x = …' declares a variable, 'set x = …' changes one")
        ])
        assertDiagnostics("$x 1️⃣$y", [
            DiagSpec(
                "1️⃣", id: "parse.unexpectedToken",
                message: "unexpected '$y' after the end of the 'value' statement; separate statements with ';' or a newline")
        ])
        assertDiagnostics("1️⃣\"text\"", [DiagSpec("1️⃣", id: "parse.expectedStatement")])
        assertDiagnostics("1️⃣len ($x)", [DiagSpec("1️⃣", id: "parse.unknownStatement")])
        assertDiagnostics("echo(\"a\")", [])
    }

    @Test func catchFollowsTheBlockOfTryOnItsLine() {
        assertDiagnostics("try { echo a }1️⃣", [
            DiagSpec("1️⃣", id: "parse.expectedKeyword", message: "expected 'catch' after the block of 'try'")
        ])
        assertDiagnostics("try { echo a }\n1️⃣catch e { echo b }\necho c", [
            DiagSpec(
                "1️⃣", id: "parse.catchOnItsOwnLine",
                message: "'catch' must follow the '}' of its 'try' on the same line: '} catch e {'")
        ])
        assertDiagnostics("1️⃣catch e { echo b }", [DiagSpec("1️⃣", id: "parse.catchOnItsOwnLine")])
        assertDiagnostics("try 1️⃣echo a", [DiagSpec("1️⃣", id: "parse.expectedBlock", message: "expected '{' to start the block of 'try'")])
        assertDiagnostics("try { echo a } catch 1️⃣$1 { echo b }", [DiagSpec("1️⃣", id: "parse.expectedVariableName")])
        assertDiagnostics("try { echo a } catch e1️⃣", [DiagSpec("1️⃣", id: "parse.expectedBlock")])
        assertDiagnostics("try { echo a } catch e { echo b } 1️⃣x", [DiagSpec("1️⃣", id: "parse.unexpectedToken")])
    }

    @Test func retryNeedsACountAndABlock() {
        assertDiagnostics("retry 1️⃣{ echo a }", [
            DiagSpec("1️⃣", id: "parse.expectedRetryAttempts", message: "expected how many attempts in all after 'retry', such as 'retry 3 { … }'")
        ])
        assertDiagnostics("retry 3 every 1️⃣{ echo a }", [
            DiagSpec("1️⃣", id: "parse.expectedOptionValue", message: "expected how long to wait between attempts, such as 30s after 'every'")
        ])
        assertDiagnostics("retry 3 1️⃣backoff { echo a }", [
            DiagSpec("1️⃣", id: "parse.backoffWithoutEvery", message: "'backoff' doubles the wait of 'every': write 'retry 3 every 10s backoff'")
        ])
        assertDiagnostics("retry 3 every 1s 1️⃣evry 2s { echo a }", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken", message: "unexpected 'evry' in 'retry' statement; did you mean 'every'?")
        ])
        assertDiagnostics("retry 3 2️⃣every 1s 1️⃣every 2s { echo a }", [
            DiagSpec("1️⃣", id: "parse.duplicateOption", notes: [DiagSpec("2️⃣", id: "parse.firstGivenHere")])
        ])
        assertDiagnostics("retry 31️⃣", [DiagSpec("1️⃣", id: "parse.expectedBlock", message: "expected '{' to start the block of 'retry'")])
    }

    @Test func retryValuesWrittenLiterallyAreChecked() {
        assertCheckDiagnostics("retry 1️⃣0 { echo a }\nretry 2️⃣101 every 3️⃣5 { echo b }\nretry 100 every \"30s\" { echo c }\nretry \"2\" { echo d }", [
            DiagSpec(
                "1️⃣", id: "check.retryAttemptsOutOfRange",
                message: "'retry' takes how many attempts in all from 1 to 100, not 0"),
            DiagSpec("2️⃣", id: "check.retryAttemptsOutOfRange"),
            DiagSpec("3️⃣", id: "check.expectedDuration"),
        ])
    }

    @Test func theErrorNameIsDeclaredInTheCatchBlockOnly() {
        assertCheckDiagnostics("try { echo a } catch e { echo $e.code }\necho 1️⃣$e", [
            DiagSpec("1️⃣", id: "resolve.undefinedVariable")
        ])
        assertCheckDiagnostics("try { let x = 1 } catch { echo 1️⃣$x }", [DiagSpec("1️⃣", id: "resolve.undefinedVariable")])
        assertCheckDiagnostics("try { echo a } catch 1️⃣error { echo b }", [DiagSpec("1️⃣", id: "resolve.reservedName")])
        assertCheckDiagnostics("retry 2 { let y = 1 }\necho 1️⃣$y", [DiagSpec("1️⃣", id: "resolve.undefinedVariable")])
        assertCheckDiagnostics("echo 1️⃣$nope\n2️⃣$nope.x", [
            DiagSpec("1️⃣", id: "resolve.undefinedVariable"), DiagSpec("2️⃣", id: "resolve.undefinedVariable"),
        ])
    }

    /// `try` and `retry` are not loops: `break` and `continue` in their blocks end the enclosing loop, and need one.
    @Test func breakAndContinueInTryAndRetryBelongToTheEnclosingLoop() {
        assertCheckDiagnostics("try { 1️⃣break } catch { 2️⃣continue }\nretry 2 { 3️⃣break }\nfor i in [1] { retry 2 { try { continue } catch { break } } }", [
            DiagSpec("1️⃣", id: "resolve.breakOutsideLoop"),
            DiagSpec("2️⃣", id: "resolve.continueOutsideLoop"),
            DiagSpec("3️⃣", id: "resolve.breakOutsideLoop"),
        ])
        assertCheckDiagnostics("for s in [1] 2️⃣parallel 2 { retry 2 { 1️⃣break } }", [
            DiagSpec("1️⃣", id: "resolve.breakInParallel", notes: [DiagSpec("2️⃣", id: "resolve.parallelHere")])
        ])
    }
}
