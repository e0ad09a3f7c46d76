import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// The policy statements: `policy NAME every … at HH:MM [keep N | retain D] [update]`, `bind policy`,
/// `unbind policy`, `policies [vault NAME]`.
@Suite struct ParserPolicyTests {
    private func dump(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let file = SourceFile(name: "test.csbs", text: text)
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.text))", sourceLocation: sourceLocation)
        return result.script.debugDump(file)
    }

    @Test func dailyPolicyWithKeep() {
        #expect(dump("let p = policy \"nightly\" every day at 02:00 keep 7") == """
            Script
              Let p @1:1-1:51
                Policy every day at 02:00 @1:9-1:51
                  name: string "nightly" @1:16-1:25
                  keep: integer 7 @1:50-1:51

            """)
    }

    @Test func weeklyPolicyWithRetainAndUpdate() {
        #expect(dump("policy weekly every mo,Fr, su at 7:05 retain 30d update") == """
            Script
              Policy every mo,fr,su at 07:05 update @1:1-1:56
                name: word weekly @1:8-1:14
                retain: duration 2592000s @1:46-1:49

            """)
        #expect(dump("policy $name every day at \"23:59\"\nbind policy $name\nunbind policy \"x\"") == """
            Script
              Policy every day at 23:59 @1:1-1:34
                name: variable $name @1:8-1:13
              BindPolicy @2:1-2:18
                name: variable $name @2:13-2:18
              UnbindPolicy @3:1-3:18
                name: string "x" @3:15-3:18

            """)
    }

    @Test func policyTimesAreCheckedAsUTCClockTimes() {
        #expect(PolicyTime("2:00") == PolicyTime(hour: 2, minute: 0))
        #expect(PolicyTime("23:59")?.text == "23:59")
        for bad in ["24:00", "12:60", "1:5", "123:00", "12", "a:bc", ":30", "-1:00", "１２:００"] {
            #expect(PolicyTime(bad) == nil, "\(bad)")
        }
        assertDiagnostics("policy p every day at 1️⃣24:00", [
            DiagSpec("1️⃣", id: "parse.expectedTime", message: "expected a time of day in UTC after 'at', as HH:MM such as 02:00")
        ])
        assertDiagnostics("policy p every day at1️⃣", [DiagSpec("1️⃣", id: "parse.expectedTime")])
    }

    @Test func scheduleErrorsAreLocated() {
        assertDiagnostics("policy 1️⃣every day at 02:00", [DiagSpec("1️⃣", id: "parse.expectedPolicyName")])
        assertDiagnostics("policy p 1️⃣daily at 02:00", [
            DiagSpec("1️⃣", id: "parse.expectedKeyword", message: "expected 'every' after the policy name")
        ])
        assertDiagnostics("policy p every 1️⃣monday at 02:00", [
            DiagSpec(
                "1️⃣", id: "parse.expectedPolicyDays",
                message: "expected 'day' or weekdays such as 'mo,we,fr' (mo tu we th fr sa su) after 'every', found 'monday'; "
                    + "did you mean 'mo'?"
            )
        ])
        for (found, meant) in [("dya", "day"), ("daily", "day"), ("Tue", "tu"), ("thurs", "th"), ("sunday", "su")] {
            let text = "policy p every \(found) at 02:00"
            let message = Parser.parse(SourceFile(name: "p", text: text)).diagnostics.first?.message.message
            #expect(message?.hasSuffix("found '\(found)'; did you mean '\(meant)'?") == true, "\(message ?? "")")
        }
        assertDiagnostics("policy p every mo, 1️⃣at 02:00", [DiagSpec("1️⃣", id: "parse.expectedPolicyDays")])
        assertDiagnostics("policy p every mo,tu,1️⃣mo at 02:00", [DiagSpec("1️⃣", id: "parse.repeatedDay")])
        assertDiagnostics("policy p every day 1️⃣02:00", [
            DiagSpec("1️⃣", id: "parse.expectedKeyword", message: "expected 'at' after the days of the policy")
        ])
    }

    @Test func retentionErrorsAreLocated() {
        assertDiagnostics("policy p every day at 02:00 keep 1️⃣7d", [DiagSpec("1️⃣", id: "parse.expectedInteger")])
        assertDiagnostics("policy p every day at 02:00 keep1️⃣", [DiagSpec("1️⃣", id: "parse.expectedKeepCount")])
        assertDiagnostics("policy p every day at 02:00 retain 1️⃣36h", [DiagSpec("1️⃣", id: "parse.expectedRetainDays")])
        assertDiagnostics("policy p every day at 02:00 retain 1️⃣30", [DiagSpec("1️⃣", id: "parse.expectedRetainDays")])
        assertDiagnostics("policy p every day at 02:00 keep 7 1️⃣retain 30d", [DiagSpec("1️⃣", id: "parse.keepAndRetain")])
        assertDiagnostics("policy p every day at 02:00 keep 7 1️⃣updat", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken", message: "unexpected 'updat' in 'policy' statement; did you mean 'update'?")
        ])
    }

    @Test func bindingErrorsAreLocated() {
        assertDiagnostics("bind 1️⃣nightly", [
            DiagSpec("1️⃣", id: "parse.expectedKeyword", message: "expected 'policy' after 'bind'")
        ])
        assertDiagnostics("unbind policy1️⃣", [DiagSpec("1️⃣", id: "parse.expectedPolicyName")])
        assertDiagnostics("bind policy a 1️⃣b", [DiagSpec("1️⃣", id: "parse.unexpectedToken")])
    }

    @Test func policiesOfAllOrOfOneVault() {
        #expect(dump("policies\nlet p = policies vault \"v1\"") == """
            Script
              Policies @1:1-1:9
              Let p @2:1-2:28
                Policies @2:9-2:28
                  vault: string "v1" @2:24-2:28

            """)
        assertDiagnostics("policies vault1️⃣", [DiagSpec("1️⃣", id: "parse.expectedOptionValue")])
        assertDiagnostics("policies 1️⃣vualt v1", [
            DiagSpec("1️⃣", id: "parse.unexpectedToken", message: "unexpected 'vualt' in 'policies' statement; did you mean 'vault'?")
        ])
        assertDiagnostics("policies vault v1 1️⃣vault v2", [DiagSpec("1️⃣", id: "parse.duplicateOption")])
    }

    @Test func policyStatementsAreCommands() {
        let file = SourceFile(name: "test.csbs", text: "let a = bind policy p\nlet b = unbind policy p")
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty)
        #expect(result.script.statements.count == 2)
    }
}
