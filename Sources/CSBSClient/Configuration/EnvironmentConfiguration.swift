import CSBSPlatform
import FoundationEssentials

/// Settings given on the command line; they win over the environment and the profiles file.
public struct ConfigurationOverrides: Sendable, Hashable {
    /// One endpoint for CBR and CSBS (and IAM unless an IAM endpoint is set elsewhere), e.g. the emulator.
    public var endpoint: String?
    public var region: String?
    /// The profile to use from the profiles file (else `CSBS_PROFILE`, else `default` when present).
    public var profile: String?
    public var iamEndpoint: String?
    public var cbrEndpoint: String?
    public var csbsEndpoint: String?
    /// A PEM bundle of extra CA certificates.
    public var caBundlePath: String?
    /// Turn certificate verification off (never the default).
    public var insecureSkipTLSVerification: Bool?
    /// Send credentials over plain http to hosts that are not this machine (`--allow-insecure-http`; never the
    /// default).
    public var allowInsecureHTTP: Bool

    public init(
        endpoint: String? = nil, region: String? = nil, profile: String? = nil, iamEndpoint: String? = nil,
        cbrEndpoint: String? = nil, csbsEndpoint: String? = nil, caBundlePath: String? = nil,
        insecureSkipTLSVerification: Bool? = nil, allowInsecureHTTP: Bool = false
    ) {
        self.allowInsecureHTTP = allowInsecureHTTP
        self.endpoint = endpoint
        self.region = region
        self.profile = profile
        self.iamEndpoint = iamEndpoint
        self.cbrEndpoint = cbrEndpoint
        self.csbsEndpoint = csbsEndpoint
        self.caBundlePath = caBundlePath
        self.insecureSkipTLSVerification = insecureSkipTLSVerification
    }
}

extension ClientConfiguration {
    /// Resolves credentials, region, endpoints and TLS settings in one documented order:
    /// **flags > environment > profiles file > built-in emulator**.
    ///
    /// Credentials come as a whole from the first source that has any:
    /// 1. environment, first match wins:
    ///    - access keys: `HUAWEICLOUD_SDK_AK` + `HUAWEICLOUD_SDK_SK` (+ `HUAWEICLOUD_SDK_SECURITY_TOKEN`), project
    ///      `HUAWEICLOUD_SDK_PROJECT_ID` or `OS_PROJECT_ID`; password/token variables present too are ignored;
    ///    - a token: `OS_AUTH_TOKEN` + `OS_PROJECT_ID`;
    ///    - a password: `OS_USERNAME`, `OS_PASSWORD`, `OS_USER_DOMAIN_NAME`, and `OS_PROJECT_ID`,
    ///      `OS_PROJECT_NAME` or the region as the project name;
    /// 2. the selected profile of the profiles file (see ``ProfileFile``), `auth = password | token | access-key`.
    ///
    /// With access keys or a token but no project id, the project id is looked up by region name in IAM
    /// (`GET /v3/projects?name=<region>`) on first use.
    ///
    /// Each endpoint is taken separately from the first source that sets it:
    /// - CBR: `--cbr-endpoint`, `--endpoint`, `HUAWEICLOUD_SDK_REGION_CBR_<REGION>`, profile `cbr_endpoint`,
    ///   the region table;
    /// - CSBS: `--csbs-endpoint`, `--endpoint`, `HUAWEICLOUD_SDK_REGION_CSBS_<REGION>`, profile `csbs_endpoint`,
    ///   the region table, else the CBR endpoint;
    /// - IAM: `--iam-endpoint`, `--endpoint`, `OS_AUTH_URL`, `HUAWEICLOUD_SDK_IAM_ENDPOINT`,
    ///   `HUAWEICLOUD_SDK_REGION_IAM_<REGION>`, profile `iam_endpoint`, the region table — so `--endpoint` (a flag)
    ///   replaces every endpoint, and a password never goes to one host while its token goes to another unasked.
    ///
    /// Credentials over plain http to a host that is not this machine are refused unless
    /// ``ConfigurationOverrides/allowInsecureHTTP`` (see ``checkTransportSecurity()``).
    ///
    /// `<REGION>` is the region upper-cased with `-` as `_` (the SDK's convention); a comma-separated list uses
    /// its first entry. Region: `--region`, `OS_REGION_NAME`, profile `region`. TLS: `--ca-bundle`,
    /// `CSBS_CA_BUNDLE`, profile `ca_bundle`; `--insecure-skip-tls-verification`,
    /// `CSBS_INSECURE_SKIP_TLS_VERIFICATION=1`, profile `insecure_skip_tls_verification = true`.
    ///
    /// Returns `nil` when no source has credentials, which means "use the built-in emulator".
    /// - Throws: ``ClientError`` `.configuration` when settings are present but incomplete, contradictory, or the
    ///   profiles file is unsafe or malformed.
    public static func resolve(
        overrides: ConfigurationOverrides, environment: [String: String], tokenCacheDirectory: String?
    ) throws -> ClientConfiguration? {
        let env = SettingSource(environment)
        let profile = try selectedProfile(overrides: overrides, environment: environment)
        var sources: [String: String] = [:]
        let region = pick(
            &sources, "region", ("--region", overrides.region), ("OS_REGION_NAME", env["OS_REGION_NAME"]),
            (profile.map { "profile \($0.name)" } ?? "", profile?["region"])
        )
        var credentials = try environmentCredentials(env, region: region)
        if credentials != nil {
            sources["credentials"] = "environment"
        } else if let profile {
            credentials = try profileCredentials(profile, region: region)
            if credentials != nil { sources["credentials"] = "profile \(profile.name)" }
        }
        guard let credentials else {
            if overrides.endpoint != nil || overrides.cbrEndpoint != nil {
                throw ClientError(
                    kind: .configuration,
                    message: "--endpoint needs credentials: set HUAWEICLOUD_SDK_AK/SK, "
                        + "OS_USERNAME/OS_PASSWORD/OS_USER_DOMAIN_NAME or OS_AUTH_TOKEN, or use a profile"
                )
            }
            if let profile, overrides.profile != nil || env["CSBS_PROFILE"] != nil {
                throw ClientError(kind: .configuration, message: "profile '\(profile.name)' has no credentials")
            }
            return nil
        }
        let endpoints = try resolveEndpoints(overrides, env, profile, region: region, sources: &sources)
        var configuration = ClientConfiguration(
            endpoints: endpoints, credentials: credentials, tokenCacheDirectory: tokenCacheDirectory, region: region
        )
        configuration.tls = try resolveTLS(overrides, env, profile, sources: &sources)
        configuration.tls.allowInsecureHTTP = overrides.allowInsecureHTTP
        if let text = profile?["request_timeout"] {
            guard let seconds = Int(text), seconds > 0 else {
                throw ClientError(kind: .configuration, message: "request_timeout must be a positive number of seconds")
            }
            configuration.requestTimeout = .seconds(seconds)
        }
        configuration.sources = sources
        try configuration.checkTransportSecurity()
        return configuration
    }

    /// The profile chosen by `--profile`, `CSBS_PROFILE`, or `default` when the file has it.
    private static func selectedProfile(
        overrides: ConfigurationOverrides, environment: [String: String]
    ) throws -> ProfileFile.Profile? {
        let requested = overrides.profile ?? environment["CSBS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        guard let path = ProfileFile.defaultPath(environment: environment) else {
            if let requested {
                throw ClientError(kind: .configuration, message: "profile '\(requested)' requested but HOME is not set")
            }
            return nil
        }
        guard let file = try ProfileFile.load(path: path) else {
            if let requested {
                throw ClientError(kind: .configuration, message: "profile '\(requested)' requested but \(path) does not exist")
            }
            return nil
        }
        guard let requested else { return file.profiles["default"] }
        guard let profile = file.profiles[requested] else {
            let names = file.profiles.keys.sorted()
            let hint = Suggestion.closest(to: requested, in: names).map { "; did you mean '\($0)'?" } ?? ""
            throw ClientError(
                kind: .configuration,
                message: "no profile '\(requested)' in \(path)\(hint) (it has: \(names.joined(separator: ", ")))"
            )
        }
        return profile
    }

    /// The first non-`nil` candidate, recording its source's name.
    private static func pick(_ sources: inout [String: String], _ key: String, _ candidates: (String, String?)...)
        -> String?
    {
        for (source, value) in candidates {
            if let value, !value.isEmpty {
                sources[key] = source
                return value
            }
        }
        return nil
    }

    private static func resolveEndpoints(
        _ overrides: ConfigurationOverrides, _ env: SettingSource, _ profile: ProfileFile.Profile?, region: String?,
        sources: inout [String: String]
    ) throws -> ServiceEndpoints {
        let regional = region.map(RegionTable.endpoints(for:))
        let profileName = profile.map { "profile \($0.name)" } ?? ""
        func sdk(_ service: String) -> (String, String?) {
            guard let region else { return ("", nil) }
            let name = "HUAWEICLOUD_SDK_REGION_\(service)_" + String(region.uppercased().map { $0 == "-" ? "_" : $0 })
            let first = env[name]?.split(separator: ",").first.map { String($0).trimmed() }
            return (name, first)
        }
        guard
            let cbr = pick(
                &sources, "cbr", ("--cbr-endpoint", overrides.cbrEndpoint), ("--endpoint", overrides.endpoint),
                sdk("CBR"), (profileName, profile?["cbr_endpoint"]), ("region table", regional?.cbr)
            )
        else {
            throw ClientError(kind: .configuration, message: "set OS_REGION_NAME or pass --region or --endpoint")
        }
        let csbs = pick(
            &sources, "csbs", ("--csbs-endpoint", overrides.csbsEndpoint), ("--endpoint", overrides.endpoint),
            sdk("CSBS"), (profileName, profile?["csbs_endpoint"]), ("region table", regional?.csbs)
        ) ?? cbr
        let iam = pick(
            &sources, "iam", ("--iam-endpoint", overrides.iamEndpoint), ("--endpoint", overrides.endpoint),
            ("OS_AUTH_URL", env["OS_AUTH_URL"]), ("HUAWEICLOUD_SDK_IAM_ENDPOINT", env["HUAWEICLOUD_SDK_IAM_ENDPOINT"]),
            sdk("IAM"), (profileName, profile?["iam_endpoint"]), ("region table", regional?.iam)
        ) ?? cbr
        for (name, url) in [("CBR", cbr), ("CSBS", csbs), ("IAM", iam)] {
            guard url.hasPrefix("http://") || url.hasPrefix("https://"), URL(string: url)?.host != nil else {
                throw ClientError(kind: .configuration, message: "the \(name) endpoint '\(url)' is not an http(s) URL")
            }
        }
        return ServiceEndpoints(iam: iam, cbr: cbr, csbs: csbs)
    }

    private static func resolveTLS(
        _ overrides: ConfigurationOverrides, _ env: SettingSource, _ profile: ProfileFile.Profile?,
        sources: inout [String: String]
    ) throws -> TLSOptions {
        let profileName = profile.map { "profile \($0.name)" } ?? ""
        let bundle = pick(
            &sources, "ca_bundle", ("--ca-bundle", overrides.caBundlePath), ("CSBS_CA_BUNDLE", env["CSBS_CA_BUNDLE"]),
            (profileName, profile?["ca_bundle"])
        )
        if let bundle { try TLSOptions.checkCABundle(bundle) }
        let insecureText = pick(
            &sources, "insecure_skip_tls_verification",
            ("--insecure-skip-tls-verification", overrides.insecureSkipTLSVerification.map { $0 ? "true" : "false" }),
            ("CSBS_INSECURE_SKIP_TLS_VERIFICATION", env["CSBS_INSECURE_SKIP_TLS_VERIFICATION"]),
            (profileName, profile?["insecure_skip_tls_verification"])
        )
        let insecure: Bool
        switch insecureText?.lowercased() {
        case nil, "0", "false", "no": insecure = false
        case "1", "true", "yes": insecure = true
        case let other?:
            throw ClientError(
                kind: .configuration, message: "insecure_skip_tls_verification must be true or false, not '\(other)'"
            )
        }
        return TLSOptions(caBundlePath: bundle, insecureSkipTLSVerification: insecure)
    }

    /// Credentials from the environment; `nil` when none of their variables is set.
    private static func environmentCredentials(_ value: SettingSource, region: String?) throws -> Credentials? {
        if let keys = try accessKeyCredentials(value, region: region) {
            return .accessKey(keys)
        }
        if let token = value["OS_AUTH_TOKEN"] {
            guard let projectID = value["OS_PROJECT_ID"] ?? (region == nil ? nil : "") else {
                throw ClientError(kind: .configuration, message: "OS_AUTH_TOKEN needs OS_PROJECT_ID or a region")
            }
            return .token(token, projectID: projectID)
        }
        guard let user = value["OS_USERNAME"] else { return nil }
        guard let password = value["OS_PASSWORD"] else {
            throw ClientError(kind: .configuration, message: "OS_USERNAME is set but OS_PASSWORD is not")
        }
        guard let domain = value["OS_USER_DOMAIN_NAME"] ?? value["OS_DOMAIN_NAME"] else {
            throw ClientError(kind: .configuration, message: "OS_USERNAME needs OS_USER_DOMAIN_NAME (the account name)")
        }
        let project: ProjectScope
        if let id = value["OS_PROJECT_ID"] {
            project = .id(id)
        } else if let name = value["OS_PROJECT_NAME"] ?? region {
            project = .name(name)
        } else {
            throw ClientError(kind: .configuration, message: "set OS_PROJECT_NAME, OS_PROJECT_ID or OS_REGION_NAME")
        }
        return .password(PasswordCredentials(userName: user, password: password, domainName: domain, project: project))
    }

    /// AK/SK from the `HUAWEICLOUD_SDK_*` variables; `nil` when none of them is set.
    private static func accessKeyCredentials(_ value: SettingSource, region: String?) throws -> AccessKeyCredentials? {
        let accessKey = value["HUAWEICLOUD_SDK_AK"]
        let secretKey = value["HUAWEICLOUD_SDK_SK"]
        let securityToken = value["HUAWEICLOUD_SDK_SECURITY_TOKEN"]
        guard accessKey != nil || secretKey != nil || securityToken != nil else { return nil }
        guard let accessKey, let secretKey else {
            throw ClientError(
                kind: .configuration,
                message: "AK/SK credentials need both HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"
                    + (securityToken == nil ? "" : " (HUAWEICLOUD_SDK_SECURITY_TOKEN alone is not enough)")
            )
        }
        guard let projectID = value["HUAWEICLOUD_SDK_PROJECT_ID"] ?? value["OS_PROJECT_ID"] ?? (region == nil ? nil : "")
        else {
            throw ClientError(
                kind: .configuration,
                message: "AK/SK credentials need a project id: set HUAWEICLOUD_SDK_PROJECT_ID (or OS_PROJECT_ID), "
                    + "or a region to look it up"
            )
        }
        return AccessKeyCredentials(
            accessKey: accessKey, secretKey: secretKey, securityToken: securityToken, projectID: projectID
        )
    }

    /// Credentials from a profile; `nil` when it has none.
    private static func profileCredentials(_ profile: ProfileFile.Profile, region: String?) throws -> Credentials? {
        func missing(_ what: String) -> ClientError {
            ClientError(kind: .configuration, message: "profile '\(profile.name)': \(what)")
        }
        let auth = profile["auth"]
            ?? (profile["access_key"] != nil ? "access-key" : profile["token"] != nil ? "token" : profile["user"] != nil ? "password" : nil)
        switch auth {
        case nil:
            return nil
        case "access-key", "access_key", "aksk":
            guard let accessKey = profile["access_key"], let secretKey = profile["secret_key"] else {
                throw missing("auth = access-key needs access_key and secret_key")
            }
            guard let projectID = profile["project_id"] ?? (region == nil ? nil : "") else {
                throw missing("access keys need project_id or a region to look it up")
            }
            return .accessKey(
                AccessKeyCredentials(
                    accessKey: accessKey, secretKey: secretKey, securityToken: profile["security_token"],
                    projectID: projectID
                )
            )
        case "token":
            guard let token = profile["token"] else { throw missing("auth = token needs token") }
            guard let projectID = profile["project_id"] ?? (region == nil ? nil : "") else {
                throw missing("a token needs project_id or a region to look it up")
            }
            return .token(token, projectID: projectID)
        case "password":
            guard let user = profile["user"], let password = profile["password"], let domain = profile["domain"] else {
                throw missing("auth = password needs user, password and domain")
            }
            let project: ProjectScope
            if let id = profile["project_id"] {
                project = .id(id)
            } else if let name = profile["project_name"] ?? region {
                project = .name(name)
            } else {
                throw missing("set project_id, project_name or region")
            }
            return .password(PasswordCredentials(userName: user, password: password, domainName: domain, project: project))
        case let other?:
            throw missing("auth must be password, token or access-key, not '\(other)'")
        }
    }
}

/// Environment variables, trimmed; empty ones count as unset.
struct SettingSource {
    let values: [String: String]

    init(_ values: [String: String]) {
        self.values = values
    }

    subscript(name: String) -> String? {
        guard let value = values[name]?.trimmed(), !value.isEmpty else { return nil }
        return value
    }
}
