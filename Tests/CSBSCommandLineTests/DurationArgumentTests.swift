import CSBSCommandLine
import Testing

@Suite struct DurationArgumentTests {
    /// csbs hands `CSBS_EMULATOR_BACKUP_DURATION` to its emulator as an argument: every duration the flag reads
    /// comes back as itself, the largest included.
    @Test(arguments: ["0s", "500ms", "1500ms", "2s", "90s", "5m", "1h", "999999ms", "999999s", "3"])
    func anArgumentReadsBackAsTheSameDuration(_ text: String) throws {
        let duration = try #require(DurationArgument(argument: text))
        let again = try #require(DurationArgument(argument: duration.argument), "\(duration.argument)")
        #expect(again.duration == duration.duration)
    }

    @Test func wholeSecondsAreWrittenInSeconds() {
        #expect(DurationArgument(.seconds(3600)).argument == "3600s")
        #expect(DurationArgument(.milliseconds(250)).argument == "250ms")
    }
}
