import CSBSClient
import Testing

@testable import csbs

/// A real cloud gets the fan-out pace by default; the built-in emulator and services on this machine do not.
@Suite("Backend pacing")
struct BackendPacingTests {
    private let cloud = [
        "HUAWEICLOUD_SDK_AK": "AKEXAMPLE", "HUAWEICLOUD_SDK_SK": "sk-example-secret",
        "HUAWEICLOUD_SDK_PROJECT_ID": "0605767b5780d5762fc5c0118072a564", "HUAWEICLOUD_SDK_REGION": "cn-north-4",
        "XDG_CONFIG_HOME": "/nonexistent-csbs-config", "XDG_STATE_HOME": "/nonexistent-csbs-state",
    ]

    @Test func aCloudConfigurationIsPacedForFanOuts() throws {
        let configuration = try #require(
            try Backend.cloudConfiguration(
                overrides: ConfigurationOverrides(region: "cn-north-4"), environment: cloud, trace: nil
            )
        )
        #expect(configuration.pacing == .realCloudFanOut)
    }

    @Test func servicesOnThisMachineAreNotPaced() throws {
        for endpoint in ["http://127.0.0.1:8080", "http://localhost:9000", "http://[::1]:8443"] {
            let configuration = try #require(
                try Backend.cloudConfiguration(
                    overrides: ConfigurationOverrides(endpoint: endpoint), environment: cloud, trace: nil
                )
            )
            #expect(configuration.pacing == nil, "\(endpoint)")
        }
    }

    @Test func aCloudReachedPartlyThroughThisMachineIsStillPaced() throws {
        let configuration = try #require(
            try Backend.cloudConfiguration(
                overrides: ConfigurationOverrides(region: "cn-north-4", cbrEndpoint: "http://127.0.0.1:8080"),
                environment: cloud, trace: nil
            )
        )
        #expect(configuration.pacing == .realCloudFanOut)
    }

    @Test func nothingConfiguredMeansTheEmulatorAndNoCloudConfiguration() throws {
        let none = ["XDG_CONFIG_HOME": "/nonexistent-csbs-config", "XDG_STATE_HOME": "/nonexistent-csbs-state"]
        #expect(try Backend.cloudConfiguration(overrides: ConfigurationOverrides(), environment: none, trace: nil) == nil)
    }
}
