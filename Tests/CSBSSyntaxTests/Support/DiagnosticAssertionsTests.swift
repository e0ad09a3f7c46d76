import CSBSSyntaxTestSupport
import Testing

/// The assertion helper must fail on every kind of mismatch, or the diagnostic tests prove nothing.
@Suite struct DiagnosticAssertionsTests {
    @Test func passesOnAnExactMatch() {
        assertDiagnostics("vault x size 1️⃣big", [DiagSpec("1️⃣", id: "parse.expectedSize")])
    }

    @Test func failsOnAWrongID() {
        withKnownIssue {
            assertDiagnostics("vault x size 1️⃣big", [DiagSpec("1️⃣", id: "parse.expectedInteger")])
        }
    }

    @Test func failsOnAWrongPosition() {
        withKnownIssue {
            assertDiagnostics("vault x 1️⃣size big", [DiagSpec("1️⃣", id: "parse.expectedSize")])
        }
    }

    @Test func failsOnAWrongMessage() {
        withKnownIssue {
            assertDiagnostics("vault x size 1️⃣big", [DiagSpec("1️⃣", id: "parse.expectedSize", message: "nope")])
        }
    }

    @Test func failsOnAnUnexpectedDiagnostic() {
        withKnownIssue {
            assertDiagnostics("vault x size big", [])
        }
    }

    @Test func failsOnAMissingDiagnostic() {
        withKnownIssue {
            assertDiagnostics("1️⃣backup", [DiagSpec("1️⃣", id: "parse.unknownStatement")])
        }
    }

    @Test func failsOnWrongNotes() {
        withKnownIssue {
            assertDiagnostics("1️⃣backup wait 2️⃣wait", [
                DiagSpec("2️⃣", id: "parse.duplicateOption", notes: [DiagSpec("2️⃣", id: "parse.firstGivenHere")])
            ])
        }
    }
}
