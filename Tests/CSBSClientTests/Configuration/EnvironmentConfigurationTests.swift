import CSBSClient
import Testing

@Suite("Configuration: flags > environment > built-in emulator")
struct EnvironmentConfigurationTests {
    private func resolve(_ environment: [String: String], endpoint: String? = nil, region: String? = nil) throws -> ClientConfiguration? {
        try ClientConfiguration.resolve(
            overrides: ConfigurationOverrides(endpoint: endpoint, region: region), environment: environment, tokenCacheDirectory: nil
        )
    }

    private let password = [
        "OS_USERNAME": "ops", "OS_PASSWORD": "s3cret-Pa55", "OS_USER_DOMAIN_NAME": "acme", "OS_PROJECT_NAME": "cn-north-4",
    ]

    @Test func noCredentialsMeansTheEmulator() throws {
        #expect(try resolve([:]) == nil)
        #expect(try resolve(["OS_REGION_NAME": "cn-north-4"]) == nil)
    }

    @Test func passwordCredentialsWithRegionUseThePublicEndpoints() throws {
        let configuration = try #require(try resolve(password.merging(["OS_REGION_NAME": "cn-north-4"]) { $1 }))
        #expect(
            configuration.endpoints
                == ServiceEndpoints(
                    iam: "https://iam.cn-north-4.myhuaweicloud.com", cbr: "https://cbr.cn-north-4.myhuaweicloud.com",
                    csbs: "https://csbs.cn-north-4.myhuaweicloud.com"
                )
        )
        #expect(!"\(configuration.credentials)".contains("s3cret-Pa55"))
    }

    @Test func endpointFlagWinsOverAuthURLForIAMToo() throws {
        let environment = password.merging(["OS_AUTH_URL": "https://iam.example.com/v3/", "OS_REGION_NAME": "cn-north-4"]) { $1 }
        let configuration = try #require(try resolve(environment, endpoint: "http://127.0.0.1:8780"))
        #expect(configuration.endpoints == .single("http://127.0.0.1:8780"))
    }

    @Test func tokenNeedsProjectIDOrARegionToLookItUp() throws {
        #expect(throws: ClientError.self) { try resolve(["OS_AUTH_TOKEN": "MIItoken"], endpoint: "http://127.0.0.1:1") }
        let lookup = try #require(try resolve(["OS_AUTH_TOKEN": "MIItoken", "OS_REGION_NAME": "r"]))
        #expect(lookup.credentials == .token("MIItoken", projectID: ""))
        #expect(lookup.region == "r")
        let configuration = try #require(try resolve(["OS_AUTH_TOKEN": "MIItoken", "OS_PROJECT_ID": "p1"], region: "cn-north-4"))
        #expect(configuration.credentials == .token("MIItoken", projectID: "p1"))
        #expect(!"\(configuration.credentials)".contains("MIItoken"))
    }

    @Test func incompleteSettingsAreConfigurationErrors() {
        let incomplete: [[String: String]] = [
            ["OS_USERNAME": "ops"], ["OS_USERNAME": "ops", "OS_PASSWORD": "x"], ["HUAWEICLOUD_SDK_AK": "AK"],
            ["HUAWEICLOUD_SDK_SK": "SK", "HUAWEICLOUD_SDK_PROJECT_ID": "p1"],
            ["HUAWEICLOUD_SDK_AK": "AK", "OS_AUTH_TOKEN": "MIItoken", "OS_PROJECT_ID": "p1"],
        ]
        for environment in incomplete {
            let error = #expect(throws: ClientError.self) { try resolve(environment, region: "r") }
            #expect(error?.kind == .configuration)
        }
        // Access keys without a project id need a region to look it up.
        let keysOnly = ["HUAWEICLOUD_SDK_AK": "AK", "HUAWEICLOUD_SDK_SK": "SK"]
        #expect(throws: ClientError.self) { try resolve(keysOnly, endpoint: "http://127.0.0.1:1") }
        #expect(throws: ClientError.self) { try resolve([:], endpoint: "http://127.0.0.1:1") }
    }

    private let accessKeys = [
        "HUAWEICLOUD_SDK_AK": "HPUAEXAMPLEAK0000001", "HUAWEICLOUD_SDK_SK": "sk-Secret-0001",
        "HUAWEICLOUD_SDK_PROJECT_ID": "p1",
    ]

    @Test func accessKeysSignRequestsForTheirProject() throws {
        let configuration = try #require(try resolve(accessKeys, region: "cn-north-4"))
        let expected = AccessKeyCredentials(
            accessKey: "HPUAEXAMPLEAK0000001", secretKey: "sk-Secret-0001", projectID: "p1"
        )
        #expect(configuration.credentials == .accessKey(expected))
        #expect(configuration.endpoints.cbr == "https://cbr.cn-north-4.myhuaweicloud.com")
        let osProject = ["HUAWEICLOUD_SDK_AK": "AK", "HUAWEICLOUD_SDK_SK": "SK", "OS_PROJECT_ID": "p2"]
        let fallback = try #require(try resolve(osProject, endpoint: "http://127.0.0.1:8780"))
        let fallbackKeys = AccessKeyCredentials(accessKey: "AK", secretKey: "SK", projectID: "p2")
        #expect(fallback.credentials == .accessKey(fallbackKeys))
    }

    @Test func accessKeysWinOverPasswordAndTokenAndAreRedacted() throws {
        let environment = accessKeys
            .merging(password) { $1 }
            .merging(["OS_AUTH_TOKEN": "MIItoken", "HUAWEICLOUD_SDK_SECURITY_TOKEN": "sts-Token-0002"]) { $1 }
        let configuration = try #require(try resolve(environment, region: "cn-north-4"))
        guard case .accessKey(let keys) = configuration.credentials else {
            Issue.record("expected access keys, got \(configuration.credentials)")
            return
        }
        #expect(keys.securityToken == "sts-Token-0002")
        #expect(keys.projectID == "p1")
        let text = "\(configuration.credentials)"
        #expect(text.contains("HPUAEXAMPLEAK0000001"))
        #expect(!text.contains("sk-Secret-0001") && !text.contains("sts-Token-0002"))
    }
}
