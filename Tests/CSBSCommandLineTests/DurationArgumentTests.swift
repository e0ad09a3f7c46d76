import CSBSCommandLine
import Testing

@Suite struct DurationArgumentTests {
    /// csbs hands `CSBS_EMULATOR_BACKUP_DURATION` to its emulator as an argument: every duration the flag reads
    /// comes back as itself, the largest included.
    @Test(arguments: [
        "0s", "500ms", "1500ms", "2s", "90s", "5m", "1h", "999999ms", "999999s", "3", "1h30m", "1d", "1m30s500ms",
        "999999h",
    ])
    func anArgumentReadsBackAsTheSameDuration(_ text: String) throws {
        let duration = try #require(DurationArgument(argument: text))
        let again = try #require(DurationArgument(argument: duration.argument), "\(duration.argument)")
        #expect(again.duration == duration.duration)
    }

    /// Written as a script prints a duration, which is also what `--help` shows as a default (it said "2.0 seconds").
    @Test func aDurationIsWrittenAsScriptsWriteIt() {
        #expect(DurationArgument(.seconds(3600)).argument == "1h")
        #expect(DurationArgument(.milliseconds(250)).argument == "250ms")
        #expect(DurationArgument(.milliseconds(1500)).argument == "1s500ms")
        #expect(DurationArgument(.seconds(2)).defaultValueDescription == "2s")
    }

    /// The flags read what a script reads: several units were refused (`1h30m`), and so was `d`.
    @Test func theFormsOfTheLanguageAreRead() {
        #expect(DurationArgument(argument: "1h30m")?.duration == .seconds(5400))
        #expect(DurationArgument(argument: "2d")?.duration == .seconds(2 * 86_400))
        #expect(DurationArgument(argument: "45")?.duration == .seconds(45))
    }

    @Test(arguments: ["", "-1s", "1.5s", "s", "30m1h", "1000000h", "99999999999999999999", "5 s", "5sec"])
    func otherTextIsRefused(_ text: String) {
        #expect(DurationArgument(argument: text) == nil)
    }
}
