import Testing

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

    @Test func onlyTextTallerThanTheWindowIsPaged() {
        #expect(!Pager.needsPaging("one\ntwo", rows: 3))
        #expect(Pager.needsPaging("one\ntwo\nthree", rows: 3))
    }
}
