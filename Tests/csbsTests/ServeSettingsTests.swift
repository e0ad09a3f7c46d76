import ArgumentParser
import CSBSEmulatorInterface
import Testing

@testable import csbs_emulator

/// The built-in emulator reads the line csbs writes for it without ArgumentParser; it must mean what
/// ArgumentParser reads it as, and any other line must go to ArgumentParser.
@Suite struct ServeSettingsTests {
    @Test(arguments: [
        ("/tmp/state dir/emulator.sqlite", nil), ("/s/emulator.sqlite", "0s"), ("/s/e.sqlite", "1500ms"),
        ("relative.sqlite", "3"), ("/s/e.sqlite", "2m"),
    ] as [(String, String?)])
    func theBuiltInLineMeansWhatArgumentParserReads(database: String, backupDuration: String?) throws {
        let line = BuiltInEmulator.arguments(database: database, backupDuration: backupDuration)
        let read = try #require(BuiltInEmulator.parse(arguments: line))
        #expect(read.database == database && read.backupDuration == backupDuration)
        let direct = try #require(ServeSettings(builtIn: read))
        #expect(direct == (try Serve.parse(line)).settings)
        #expect(direct.builtIn && direct.port == 0 && direct.db == database)
    }

    @Test(arguments: [
        [], ["--built-in"], ["--built-in", "--port", "1", "--db", "x"], ["--port", "0", "--built-in", "--db", "x"],
        ["--built-in", "--port", "0", "--db", "x", "--memory"], ["--built-in", "--port", "0", "--db", "-x"],
        ["--built-in", "--port", "0", "--db", ""], ["--built-in", "--port", "0", "--db", "x", "--seed", "1"],
        ["--built-in", "--port", "0", "--db", "x", "--backup-duration", "--memory"],
        ["--built-in", "--port", "0", "--db", "x", "--backup-duration", "1s", "--seed", "1"],
        ["--help"], ["--port", "0", "--memory"],
    ])
    func everyOtherLineGoesToArgumentParser(arguments: [String]) {
        #expect(BuiltInEmulator.parse(arguments: arguments) == nil)
    }

    @Test func aBackupDurationThatDoesNotReadGoesToArgumentParser() {
        #expect(ServeSettings(builtIn: ("x.sqlite", "soon")) == nil)
        #expect(throws: (any Error).self) { try Serve.parse(["--built-in", "--port", "0", "--db", "x", "--backup-duration", "soon"]) }
    }

    @Test func theOptionsDefaultsAreTheSettingsDefaults() throws {
        #expect(try Serve.parse([]).settings == ServeSettings())
    }
}
