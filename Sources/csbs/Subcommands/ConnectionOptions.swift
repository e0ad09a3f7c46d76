import ArgumentParser
import CSBSClient

/// Where to send requests; flags win over the environment.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Service endpoint URL (IAM and CBR); needs credentials in the environment.", valueName: "URL"))
    var endpoint: String?

    @Option(name: .long, help: ArgumentHelp("Region, e.g. cn-north-4; picks the public endpoints.", valueName: "REGION"))
    var region: String?

    func validate() throws {
        if let endpoint, !(endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://")) {
            throw ValidationError("--endpoint must start with http:// or https://")
        }
    }

    func overrides(environment: [String: String]) -> ConfigurationOverrides {
        ConfigurationOverrides(endpoint: endpoint ?? environment["CSBS_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }, region: region)
    }
}
