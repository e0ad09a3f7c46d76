import ArgumentParser
import CSBSClient
import CSBSCommandLine
import CSBSSyntax
import FoundationEssentials

/// Where to send requests and how; flags win over the environment and the profiles file.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Service endpoint URL for IAM, CBR and CSBS alike; needs credentials in the environment.", valueName: "URL"))
    var endpoint: String?

    @Option(name: .long, help: ArgumentHelp("Region, e.g. cn-north-4; picks the public endpoints.", valueName: "REGION"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("Profile from the profiles file (default: CSBS_PROFILE, else [default]).", valueName: "NAME"))
    var profile: String?

    @Option(name: .customLong("iam-endpoint"), help: ArgumentHelp("IAM endpoint URL only.", valueName: "URL"))
    var iamEndpoint: String?

    @Option(name: .customLong("cbr-endpoint"), help: ArgumentHelp("CBR endpoint URL only.", valueName: "URL"))
    var cbrEndpoint: String?

    @Option(name: .customLong("csbs-endpoint"), help: ArgumentHelp("CSBS endpoint URL only.", valueName: "URL"))
    var csbsEndpoint: String?

    @Option(name: .customLong("ca-bundle"), help: ArgumentHelp("PEM file of extra CA certificates to trust.", valueName: "PATH"))
    var caBundle: String?

    @Flag(name: .customLong("insecure-skip-tls-verify"), help: "Do not verify TLS certificates. Dangerous; never the default.")
    var insecureSkipTLSVerify = false

    @Flag(name: .customLong("allow-insecure-http"), help: "Send credentials over plain http to a host that is not this machine. Dangerous; never the default.")
    var allowInsecureHTTP = false

    @Flag(name: [.customShort("v"), .long], help: "Trace every request and response on stderr (method, URL, status, time, retries; secrets redacted).")
    var verbose = false

    func validate() throws {
        for (flag, value) in [("--endpoint", endpoint), ("--iam-endpoint", iamEndpoint), ("--cbr-endpoint", cbrEndpoint),
                              ("--csbs-endpoint", csbsEndpoint)] {
            if let value, let problem = Self.endpointProblem(flag: flag, value: value) {
                throw ValidationError(problem)
            }
        }
    }

    /// Why `value` is not a usable endpoint URL for `flag`, or nil when it is.
    static func endpointProblem(flag: String, value: String) -> String? {
        value.hasPrefix("http://") || value.hasPrefix("https://") ? nil : "\(flag) must start with http:// or https://"
    }

    /// The flags as given, without the environment.
    var flags: ConfigurationOverrides {
        ConfigurationOverrides(
            endpoint: endpoint, region: region, profile: profile, iamEndpoint: iamEndpoint, cbrEndpoint: cbrEndpoint,
            csbsEndpoint: csbsEndpoint, caBundlePath: caBundle, insecureSkipTLSVerification: insecureSkipTLSVerify ? true : nil,
            allowInsecureHTTP: allowInsecureHTTP
        )
    }

    /// The flags, with `CSBS_ENDPOINT` (when set and not empty) standing in for a missing `--endpoint`.
    static func merging(_ flags: ConfigurationOverrides, environment: [String: String]) -> ConfigurationOverrides {
        var merged = flags
        if merged.endpoint == nil {
            merged.endpoint = environment["CSBS_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
        }
        return merged
    }

    /// With `--verbose`, prints each trace event (already redacted by the client) on stderr.
    static func trace(verbose: Bool) -> TraceHandler? {
        guard verbose else { return nil }
        return { event in Console.err("csbs: trace: " + TerminalText.escaped(event.description, layout: .multiline, limit: nil)) }
    }
}
