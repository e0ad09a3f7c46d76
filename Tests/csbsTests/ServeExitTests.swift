import CSBSScript
import Testing

@testable import csbs_emulator

/// `csbs serve` keeps its own copy of the exit statuses it uses (csbs-emulator does not link CSBSScript); they are
/// csbs's documented ones.
@Suite struct ServeExitTests {
    @Test func theEmulatorExitsAsCsbsDocuments() {
        let documented: [ServeExit: CSBSScript.ExitStatus] = [
            .syntaxError: .syntaxError, .noInput: .noInput, .commandFailed: .commandFailed, .configuration: .configuration,
        ]
        #expect(documented.count == ServeExit.allCases.count)
        for (copy, original) in documented {
            #expect(copy.rawValue == original.rawValue, "\(copy)")
        }
    }
}
