import CSBSClient
import CSBSTestSupport
import Foundation
import Testing

@Suite("Configuration precedence: flags > environment > profile > emulator")
struct ConfigurationPrecedenceTests {
    /// Writes `text` as a private profiles file and returns an environment pointing at it.
    private func withProfiles(_ text: String, _ body: ([String: String]) throws -> Void) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/config"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try body(["CSBS_CONFIG_FILE": path])
    }

    private let profiles = """
        [default]
        region = cn-north-4
        auth = password
        user = profile-user
        domain = acme
        password = profile-Secret-1

        [profile lab]
        auth = access-key
        access_key = LABAK
        secret_key = lab-Secret-2
        project_id = lab-project
        region = ap-southeast-1
        cbr_endpoint = https://cbr.lab.example.com
        iam_endpoint = https://iam.lab.example.com
        """

    private func resolve(_ environment: [String: String], _ overrides: ConfigurationOverrides = .init()) throws
        -> ClientConfiguration?
    {
        try ClientConfiguration.resolve(overrides: overrides, environment: environment, tokenCacheDirectory: nil)
    }

    @Test func theDefaultProfileIsUsedWhenTheEnvironmentHasNoCredentials() throws {
        try withProfiles(profiles) { environment in
            let configuration = try #require(try resolve(environment))
            guard case .password(let password) = configuration.credentials else {
                Issue.record("expected password credentials")
                return
            }
            #expect(password.userName == "profile-user")
            #expect(password.project == .name("cn-north-4"))
            #expect(configuration.endpoints.cbr == "https://cbr.cn-north-4.myhuaweicloud.com")
            #expect(configuration.sources["credentials"] == "profile default")
        }
    }

    @Test func environmentCredentialsWinOverTheProfile() throws {
        try withProfiles(profiles) { environment in
            let env = environment.merging(["OS_AUTH_TOKEN": "MIIenv", "OS_PROJECT_ID": "p-env"]) { $1 }
            let configuration = try #require(try resolve(env))
            #expect(configuration.credentials == .token("MIIenv", projectID: "p-env"))
            // The profile still supplies what the environment does not: the region.
            #expect(configuration.region == "cn-north-4")
        }
    }

    @Test func flagsWinOverEnvironmentAndProfile() throws {
        try withProfiles(profiles) { environment in
            let env = environment.merging(["OS_REGION_NAME": "cn-south-1", "CSBS_PROFILE": "lab"]) { $1 }
            let configuration = try #require(
                try resolve(env, ConfigurationOverrides(region: "eu-west-101", profile: "lab", cbrEndpoint: "https://flag.example.com"))
            )
            #expect(configuration.region == "eu-west-101")
            #expect(configuration.endpoints.cbr == "https://flag.example.com")
            #expect(configuration.endpoints.iam == "https://iam.lab.example.com")
            #expect(configuration.sources["cbr"] == "--cbr-endpoint")
            #expect(configuration.sources["region"] == "--region")
        }
    }

    @Test func theSDKPerServiceEndpointVariableWinsOverTheProfile() throws {
        try withProfiles(profiles) { environment in
            let env = environment.merging([
                "CSBS_PROFILE": "lab", "HUAWEICLOUD_SDK_REGION_CBR_AP_SOUTHEAST_1": "https://a.example.com,https://b.example.com",
            ]) { $1 }
            let configuration = try #require(try resolve(env))
            #expect(configuration.endpoints.cbr == "https://a.example.com")
            #expect(configuration.credentials == .accessKey(.init(accessKey: "LABAK", secretKey: "lab-Secret-2", projectID: "lab-project")))
            #expect(configuration.endpoints.csbs == "https://csbs.ap-southeast-1.myhuaweicloud.com")
        }
    }

    @Test func anUnknownProfileIsAConfigurationError() throws {
        try withProfiles(profiles) { environment in
            let error = #expect(throws: ClientError.self) { try resolve(environment, ConfigurationOverrides(profile: "nope")) }
            #expect(error?.message.contains("lab") == true)
            #expect(error?.message.contains("did you mean") == false)
            // A typo of a profile's name is named, as a typo of a setting is
            let typo = #expect(throws: ClientError.self) { try resolve(environment, ConfigurationOverrides(profile: "lba")) }
            #expect(typo?.message.contains("no profile 'lba' in ") == true, "\(typo?.message ?? "")")
            #expect(typo?.message.contains("; did you mean 'lab'? (it has: ") == true, "\(typo?.message ?? "")")
        }
    }

    @Test func aMissingCABundleAndBadBooleansAreConfigurationErrors() throws {
        try withProfiles(profiles) { environment in
            #expect(throws: ClientError.self) {
                try resolve(environment, ConfigurationOverrides(caBundlePath: "/nonexistent/ca.pem"))
            }
            #expect(throws: ClientError.self) {
                try resolve(environment.merging(["CSBS_INSECURE_SKIP_TLS_VERIFICATION": "maybe"]) { $1 })
            }
            let insecure = try #require(try resolve(environment, ConfigurationOverrides(insecureSkipTLSVerification: true)))
            #expect(insecure.tls.insecureSkipTLSVerification)
            #expect(try #require(try resolve(environment)).tls.insecureSkipTLSVerification == false)
        }
    }

    @Test func noCredentialsAnywhereMeansTheEmulator() throws {
        try withProfiles("[default]\nregion = cn-north-4\n") { environment in
            let resolved = try resolve(environment)
            #expect(resolved == nil)
        }
    }
}
