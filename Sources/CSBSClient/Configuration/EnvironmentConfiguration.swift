/// Settings given on the command line; they win over the environment.
public struct ConfigurationOverrides: Sendable, Hashable {
    public var endpoint: String?
    public var region: String?

    public init(endpoint: String? = nil, region: String? = nil) {
        self.endpoint = endpoint
        self.region = region
    }
}

extension ClientConfiguration {
    /// Resolves credentials and endpoints from flags, then the environment (OpenStack `OS_*` variables).
    ///
    /// Credentials, first match wins:
    /// 1. access keys: `HUAWEICLOUD_SDK_AK` + `HUAWEICLOUD_SDK_SK` (+ optional `HUAWEICLOUD_SDK_SECURITY_TOKEN`)
    ///    with `HUAWEICLOUD_SDK_PROJECT_ID` (or `OS_PROJECT_ID`). When AK/SK are set, any password or token
    ///    variables that are also present are ignored: AK/SK win.
    /// 2. a token: `OS_AUTH_TOKEN` + `OS_PROJECT_ID`.
    /// 3. a password: `OS_USERNAME`, `OS_PASSWORD`, `OS_USER_DOMAIN_NAME`, and a project (id, name or region).
    ///
    /// Returns `nil` when no credentials are configured at all, which means "use the built-in emulator".
    /// Throws ``CSBSError`` of kind `.configuration` when the settings are present but incomplete or contradictory.
    public static func resolve(
        overrides: ConfigurationOverrides, environment: [String: String], tokenCacheDirectory: String?
    ) throws -> ClientConfiguration? {
        func value(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
            return value
        }
        let region = overrides.region ?? value("OS_REGION_NAME")
        let credentials: Credentials
        if let keys = try accessKeyCredentials(value) {
            credentials = .accessKey(keys)
        } else if let token = value("OS_AUTH_TOKEN") {
            guard let projectID = value("OS_PROJECT_ID") else {
                throw CSBSError(kind: .configuration, message: "OS_AUTH_TOKEN needs OS_PROJECT_ID")
            }
            credentials = .token(token, projectID: projectID)
        } else if let user = value("OS_USERNAME") {
            guard let password = value("OS_PASSWORD") else {
                throw CSBSError(kind: .configuration, message: "OS_USERNAME is set but OS_PASSWORD is not")
            }
            guard let domain = value("OS_USER_DOMAIN_NAME") ?? value("OS_DOMAIN_NAME") else {
                throw CSBSError(kind: .configuration, message: "OS_USERNAME needs OS_USER_DOMAIN_NAME (the account name)")
            }
            let project: ProjectScope
            if let id = value("OS_PROJECT_ID") {
                project = .id(id)
            } else if let name = value("OS_PROJECT_NAME") ?? region {
                project = .name(name)
            } else {
                throw CSBSError(kind: .configuration, message: "set OS_PROJECT_NAME, OS_PROJECT_ID or OS_REGION_NAME")
            }
            credentials = .password(
                PasswordCredentials(userName: user, password: password, domainName: domain, project: project)
            )
        } else {
            if overrides.endpoint != nil {
                throw CSBSError(
                    kind: .configuration,
                    message: "--endpoint needs credentials: set HUAWEICLOUD_SDK_AK/SK, "
                        + "OS_USERNAME/OS_PASSWORD/OS_USER_DOMAIN_NAME or OS_AUTH_TOKEN"
                )
            }
            return nil
        }
        let endpoints: ServiceEndpoints
        if let endpoint = overrides.endpoint {
            endpoints = ServiceEndpoints(iam: value("OS_AUTH_URL") ?? endpoint, cbr: endpoint)
        } else if let region {
            let regional = ServiceEndpoints.region(region)
            endpoints = ServiceEndpoints(iam: value("OS_AUTH_URL") ?? regional.iam, cbr: regional.cbr)
        } else {
            throw CSBSError(kind: .configuration, message: "set OS_REGION_NAME or pass --region or --endpoint")
        }
        return ClientConfiguration(endpoints: endpoints, credentials: credentials, tokenCacheDirectory: tokenCacheDirectory)
    }

    /// AK/SK from the `HUAWEICLOUD_SDK_*` variables; `nil` when none of them is set.
    private static func accessKeyCredentials(_ value: (String) -> String?) throws -> AccessKeyCredentials? {
        let accessKey = value("HUAWEICLOUD_SDK_AK")
        let secretKey = value("HUAWEICLOUD_SDK_SK")
        let securityToken = value("HUAWEICLOUD_SDK_SECURITY_TOKEN")
        guard accessKey != nil || secretKey != nil || securityToken != nil else { return nil }
        guard let accessKey, let secretKey else {
            throw CSBSError(
                kind: .configuration,
                message: "AK/SK credentials need both HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"
                    + (securityToken == nil ? "" : " (HUAWEICLOUD_SDK_SECURITY_TOKEN alone is not enough)")
            )
        }
        guard let projectID = value("HUAWEICLOUD_SDK_PROJECT_ID") ?? value("OS_PROJECT_ID") else {
            throw CSBSError(
                kind: .configuration,
                message: "AK/SK credentials need a project id: set HUAWEICLOUD_SDK_PROJECT_ID (or OS_PROJECT_ID)"
            )
        }
        return AccessKeyCredentials(
            accessKey: accessKey, secretKey: secretKey, securityToken: securityToken, projectID: projectID
        )
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
