@testable import CSBSDryRun
import Testing

/// A dry run prints each request as it would be sent: percent-encoded by the client's one encoder, never decoded
/// for reading (a decoded `name=a b&c=d#e` reads as three parameters; a NUL would reach the terminal raw).
@Suite("Dry-run requests as sent")
struct DryRunEncodingTests {
    @Test func queryValuesArePrintedPercentEncodedAsSent() async {
        let outcome = await DryRun.run(#"use vault "a b&c=d#e""#, fileName: "t.csbs")
        let paths = outcome.requests.map(\.path)
        #expect(paths.first == "/v3/{project_id}/vaults?name=a%20b%26c%3Dd%23e", "\(paths)")
    }

    @Test func aNulInAPathSegmentIsPrintedEncoded() async {
        let outcome = await DryRun.run(#"show checkpoint "a\u{0}b/c""#, fileName: "t.csbs")
        let path = outcome.requests.first?.path ?? ""
        #expect(path == "/v3/{project_id}/checkpoints/a%00b%2Fc", "\(outcome.requests)")
        #expect(!path.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func placeholderIdsKeepTheirBracketsAndWhatTheScriptNamedStaysEncoded() {
        #expect(DryRunRequest.showingPlaceholders("/v3/p/vaults/%3Cvault-1%3E") == "/v3/p/vaults/<vault-1>")
        #expect(
            DryRunRequest.showingPlaceholders("/v3/p/vaults/%3Cvault%3Amy%20vault%3E?x=%3C")
                == "/v3/p/vaults/<vault:my%20vault>?x=%3C"
        )
        #expect(DryRunRequest.showingPlaceholders("/a?name=%3CB%3E") == "/a?name=%3CB%3E")
    }
}

/// A computed `since` longer than the time since 1970 lists everything: its start is clamped to the epoch. (A literal
/// that long is refused by `check`.)
@Suite("A huge since")
struct HugeSinceTests {
    @Test func startsAtTheEpoch() async {
        let script = """
            let d = "9223372036854775807s"
            backups vault prod since $d
            """
        let outcome = await DryRun.run(script, fileName: "t.csbs")
        let listing = outcome.requests.last?.path ?? ""
        #expect(listing.contains("start_time=1970-01-01T00%3A00%3A00Z"), "\(outcome.requests)")
    }
}
