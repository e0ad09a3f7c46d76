import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import csbs

@Suite struct PagerTests {
    @Test func csbsPagerThenPagerThenLessAnEmptyValueTurnsItOff() {
        let installed: (String) -> Bool = { $0 == "/usr/bin/less" }
        #expect(Pager.configured(environment: ["CSBS_PAGER": "most", "PAGER": "more"], fileExists: installed)?.command == "most")
        #expect(Pager.configured(environment: ["PAGER": " more "], fileExists: installed)?.command == "more")
        #expect(Pager.configured(environment: [:], fileExists: installed)?.command == "less -FX")
        #expect(Pager.configured(environment: ["PAGER": ""], fileExists: installed) == nil)
        #expect(Pager.configured(environment: ["CSBS_PAGER": "", "PAGER": "more"], fileExists: installed) == nil)
        #expect(Pager.configured(environment: [:], fileExists: { _ in false }) == nil)
    }

    /// A pager the shell cannot find (a mistyped `PAGER`) is not a pager: the caller prints the text.
    @Test func aMissingPagerShowsNothingSoTheTextIsPrinted() {
        signal(SIGPIPE, SIG_IGN)  // as the shell does: a pager gone before it read is a failed write, not a kill
        #expect(!Pager(command: "csbs-no-such-pager-\(getpid())").show("text"))
        #expect(!Pager(command: "exit 126").show("text"))
        #expect(Pager(command: "cat > /dev/null").show("text"))
        #expect(Pager(command: "exit 1").show("text"))
    }

    @Test func onlyTextTallerThanTheWindowIsPaged() {
        #expect(!Pager.needsPaging("one\ntwo", rows: 3))
        #expect(Pager.needsPaging("one\ntwo\nthree", rows: 3))
    }
}
