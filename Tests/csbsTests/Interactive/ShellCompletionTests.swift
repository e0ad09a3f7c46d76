import CSBSShell
import Testing

@testable import csbs

/// Completion with the shell's real vocabulary: the keywords that may come next are read from the synopses of
/// docs/LANGUAGE.md (embedded in the binary), so these hold as long as the reference says so.
@Suite struct ShellCompletionTests {
    private func complete(_ text: String) -> [String] {
        Completer().complete(CompletionRequest(textBeforeCursor: text), catalog: ShellVocabulary.catalog).candidates
    }

    @Test func keywordsFollowTheReferenceSynopses() {
        #expect(complete("show backup 1234 ") == [])
        #expect(complete("show ") == ["backup", "checkpoint", "vault"])
        #expect(complete("delete backup 1234 ") == ["wait"])
        #expect(complete("delete backup 1234 wait ") == ["timeout"])
        #expect(complete("on ") == ["error"])
        #expect(complete("on error ") == ["continue", "stop"])
        #expect(complete("for x ") == ["in"])
        #expect(complete("for x in $servers ") == ["parallel"])
        #expect(!complete("backup ").contains("timeout"))
        #expect(complete("backup wait ").contains("timeout"))
        #expect(complete("if $x { echo 1 } el") == ["else"])
        #expect(complete("history ") == ["save"])
    }

    @Test func letAndSetAreStatementsAndACaptureIsOffered() {
        #expect(complete("le") == ["let"])
        #expect(complete("se").contains("set"))
        let capture = complete("let x = ")
        #expect(capture.contains("backups") && capture.contains("$error") && !capture.contains("let"))
    }

    @Test func valuesFromTheirTables() {
        #expect(complete("region cn-north-").contains("cn-north-4"))
        #expect(complete("policy p every ").contains("mo"))
        #expect(!complete("retry 3 every ").contains("mo"))
        #expect(complete("backups status avail") == ["available"])
        #expect(complete("echo $ar") == ["$args"])
    }
}
