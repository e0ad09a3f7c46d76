import Testing

@testable import CSBSClient

/// Where a URL sends a request: scheme, host, port, `Host` header and request target.
@Suite("HTTP/1.1 request targets")
struct HTTP1TargetTests {
    @Test(arguments: [
        ("http://127.0.0.1:8080/v3/p/vaults?limit=10", false, "127.0.0.1", 8080, "127.0.0.1:8080", "/v3/p/vaults?limit=10"),
        ("https://cbr.example.com/v3/p", true, "cbr.example.com", 443, "cbr.example.com", "/v3/p"),
        ("http://cbr.example.com", false, "cbr.example.com", 80, "cbr.example.com", "/"),
        ("HTTPS://cbr.example.com?x=1", true, "cbr.example.com", 443, "cbr.example.com", "/?x=1"),
        ("https://[::1]:8443/v3#frag", true, "::1", 8443, "[::1]:8443", "/v3"),
        ("http://[fe80::1]/", false, "fe80::1", 80, "[fe80::1]", "/"),
        ("https://user:pw@cbr.example.com/x", true, "cbr.example.com", 443, "cbr.example.com", "/x"),
    ] as [(String, Bool, String, Int, String, String)])
    func aURLNamesItsTarget(url: String, secure: Bool, host: String, port: Int, authority: String, uri: String) throws {
        let target = try #require(HTTP1Target(url: url))
        #expect(target.secure == secure)
        #expect(target.host == host)
        #expect(target.port == port)
        #expect(target.authority == authority)
        #expect(target.requestURI == uri)
    }

    @Test(arguments: [
        "ftp://cbr.example.com/", "cbr.example.com/v3", "http://", "http://:80/", "http://host:0/", "http://host:65536/",
        "http://host:8o/", "http://[::1/", "http://[::1]x/", "http://ho st/",
    ])
    func aURLNoRequestCanGoToHasNoTarget(url: String) {
        #expect(HTTP1Target(url: url) == nil)
    }

    @Test func theOriginLeavesOutThePath() throws {
        let first = try #require(HTTP1Target(url: "https://cbr.example.com/v3/a"))
        let second = try #require(HTTP1Target(url: "https://cbr.example.com/v3/b?c=d"))
        #expect(first.origin == second.origin)
        #expect(first.address == nil)
        #expect(try #require(HTTP1Target(url: "http://127.0.0.1:9/")).address != nil)
    }
}
