import CSBSClient
import CSBSTestSupport
import Foundation
import Logging
import Testing

/// Where credentials may go: the endpoint the flags name (IAM included), never plain http to another machine
/// unasked, and a word on stderr when they go to two sites.
@Suite("Credentials go only where they should")
struct CredentialRoutingTests {
    private let password = [
        "OS_USERNAME": "ops", "OS_PASSWORD": "pw-Secret-1", "OS_USER_DOMAIN_NAME": "acme", "OS_PROJECT_NAME": "cn-north-4",
    ]

    private func resolve(_ environment: [String: String], _ overrides: ConfigurationOverrides) throws -> ClientConfiguration? {
        try ClientConfiguration.resolve(overrides: overrides, environment: environment, tokenCacheDirectory: nil)
    }

    @Test func theEndpointFlagReplacesOSAuthURLToo() throws {
        let environment = password.merging(["OS_AUTH_URL": "https://iam.real-cloud.example/v3"]) { $1 }
        let configuration = try #require(try resolve(environment, ConfigurationOverrides(endpoint: "https://other.example")))
        #expect(configuration.endpoints.iam == "https://other.example")
        #expect(configuration.endpoints.cbr == "https://other.example")
        #expect(configuration.sources["iam"] == "--endpoint")
        // --iam-endpoint still names IAM alone.
        let split = try #require(
            try resolve(environment, ConfigurationOverrides(endpoint: "https://other.example", iamEndpoint: "https://iam.flag.example"))
        )
        #expect(split.endpoints.iam == "https://iam.flag.example")
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("LOCALHOST", true), ("::1", true), ("[::1]", true),
        ("::ffff:127.0.0.1", true), ("127.evil.example", false), ("localhost.example", false), ("0.0.0.0", false),
        ("10.0.0.1", false), ("128.0.0.1", false), ("::2", false), ("127.0.0.1.example", false), ("", false),
    ])
    func onlyRealLoopbackAddressesAreThisMachine(host: String, loopback: Bool) {
        #expect(LoopbackHost.isLoopback(host: host) == loopback)
    }

    @Test(arguments: ["http://0.0.0.0:8780", "http://127.evil.example", "http://cbr.example.com"])
    func plainHTTPToAnotherMachineIsRefusedUnlessAllowed(endpoint: String) throws {
        let error = try #require(throws: ClientError.self) {
            try resolve(password, ConfigurationOverrides(endpoint: endpoint))
        }
        #expect(error.kind == .configuration)
        #expect(error.message.contains("--allow-insecure-http"))
        #expect(!error.message.contains("pw-Secret-1"))
        let allowed = try #require(try resolve(password, ConfigurationOverrides(endpoint: endpoint, allowInsecureHTTP: true)))
        #expect(allowed.tls.allowInsecureHTTP)
    }

    @Test(arguments: ["http://127.0.0.1:8780", "http://localhost:1", "http://[::1]:8780", "https://cbr.example.com"])
    func loopbackAndHTTPSNeedNoAllowance(endpoint: String) throws {
        #expect(try resolve(password, ConfigurationOverrides(endpoint: endpoint)) != nil)
    }

    @Test func theTransportRefusesPlainHTTPToAnotherMachineBeforeConnecting() async throws {
        // A configuration built by hand skips `resolve`; the transport still refuses (192.0.2.1 is never reached:
        // TEST-NET-1, and the refusal comes before any connection).
        let configuration = ClientConfiguration(
            endpoints: .single("http://192.0.2.1:9"), credentials: .token("MIItoken", projectID: "p1"), retryPolicy: .none
        )
        let error = try await #require(throws: ClientError.self) {
            try await BackupClient(configuration: configuration, clock: VirtualClock()).listVaults()
        }
        #expect(error.kind == .configuration)
        #expect(error.message.contains("http://192.0.2.1:9"))
        #expect(throws: ClientError.self) { try configuration.checkTransportSecurity() }
    }

    @Test func aClientSaysOnceWhenIAMIsOnAnotherSiteOrPlainHTTPIsAllowed() throws {
        let notices = NoticeRecorder()
        var configuration = ClientConfiguration(
            endpoints: ServiceEndpoints(iam: "https://iam.one.example", cbr: "http://cbr.other.example"),
            credentials: .token("MIItoken", projectID: "p1")
        )
        configuration.tls.allowInsecureHTTP = true
        configuration.notice = notices.handler
        _ = BackupClient(configuration: configuration)
        #expect(
            notices.notices == [
                .iamOnAnotherSite(iam: "https://iam.one.example", services: ["http://cbr.other.example"]),
                .plainHTTPAllowed(["http://cbr.other.example"]),
            ]
        )
        #expect(notices.notices[1].description.contains("anyone on the path"))

        // One region's public endpoints are one site: nothing to say.
        let quiet = NoticeRecorder()
        var regional = ClientConfiguration(endpoints: .region("cn-north-4"), credentials: .token("MIItoken", projectID: "p1"))
        regional.notice = quiet.handler
        _ = BackupClient(configuration: regional)
        #expect(quiet.notices.isEmpty)
    }

    @Test func aProfilesFileOverTheSizeLimitIsAConfigurationErrorNotReadWhole() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/config"
        let line = "# padding padding padding padding padding padding padding padding padding padding\n"
        let text = "[default]\nregion = cn-north-4\n" + String(repeating: line, count: ProfileFile.maximumSize / line.utf8.count + 1)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let error = try #require(throws: ClientError.self) { try ProfileFile.load(path: path) }
        #expect(error.kind == .configuration)
        #expect(error.message.contains("1 MiB"))
    }

    @Test func aCABundleWithoutCertificatesIsAConfigurationError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ca.pem"
        try Data("not a certificate\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ClientError.self) {
            try resolve(password, ConfigurationOverrides(endpoint: "https://cbr.example.com", caBundlePath: path))
        }
        #expect(error.kind == .configuration)
        #expect(error.message.contains("no PEM certificate"))
    }
}
