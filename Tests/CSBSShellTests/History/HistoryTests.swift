import CSBSShell
import Foundation
import Testing

@Suite struct HistoryTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("csbs-history-\(UUID().uuidString)/history").path
    }

    @Test func keptEntriesSurviveASaveAndALoad() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        var first = History(path: path)
        first.record("vaults")
        first.record("vault \"a\" size 10\nattach server x")
        try first.save()

        var second = History(path: path)
        try second.load()
        #expect(second.entries == ["vaults", "vault \"a\" size 10\nattach server x"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func aLineHoldingAConfiguredSecretIsNotKeptWhateverItIsCalled() {
        let environment = ["OS_PASSWORD": "correct-horse-battery", "HUAWEICLOUD_SDK_SK": "sk0123456789abcdef", "OS_REGION_NAME": "cn-north-4"]
        var history = History(path: nil, policy: HistoryPolicy(environment: environment))
        let password = history.record(#"let pw = "correct-horse-battery""#)
        let secretKey = history.record("echo sk0123456789abcdef")
        // Values of variables that are not secrets, and secrets too short to recognise, do not hide input.
        let region = history.record("region cn-north-4")
        var short = History(path: nil, policy: HistoryPolicy(knownSecrets: ["abc"]))
        let shortSecret = short.record("echo abc")
        #expect([password, secretKey, region, shortSecret] == [false, false, true, true])
        #expect(history.entries == ["region cn-north-4"])
    }

    @Test func duplicatesLeadingSpaceAndSecretsAreNotKept() {
        var history = History(path: nil)
        let kept = [
            history.record("vaults"), history.record("vaults"), history.record(" backup wait"),
            history.record(#"set password = "hunter2""#),
        ]
        #expect(kept == [true, false, false, false])
        #expect(history.entries == ["vaults"])
        #expect(!history.sessionScript().contains("hunter2"))
        #expect(history.sessionScript().contains("# (input 4 left out: holds a secret)"))
    }

    @Test func theLimitDropsTheOldestEntries() {
        var history = History(path: nil, policy: HistoryPolicy(limit: 2))
        for entry in ["a", "b", "c"] { history.record(entry) }
        #expect(history.entries == ["b", "c"])
    }

    @Test func environmentSetsThePolicy() {
        let policy = HistoryPolicy(environment: ["CSBS_HISTSIZE": "5", "CSBS_HISTCONTROL": "ignorespace"])
        #expect(policy == HistoryPolicy(limit: 5, ignoreDuplicates: false, ignoreLeadingSpace: true))
    }

    @Test func backslashesAndNewlinesRoundTrip() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        var history = History(path: path)
        history.record(#"echo "a\nb" \"#)
        try history.save()
        var loaded = History(path: path)
        try loaded.load()
        #expect(loaded.entries == [#"echo "a\nb" \"#])
    }
}
