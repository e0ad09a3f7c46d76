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
        if value("HUAWEICLOUD_SDK_AK") != nil || value("HUAWEICLOUD_SDK_SK") != nil {
            if value("OS_USERNAME") == nil && value("OS_AUTH_TOKEN") == nil {
                throw CSBSError(
                    kind: .configuration,
                    message: "AK/SK credentials (HUAWEICLOUD_SDK_AK/SK) are not supported yet; "
                        + "set OS_USERNAME/OS_PASSWORD (password token) or OS_AUTH_TOKEN instead"
                )
            }
        }
        let credentials: Credentials
        if let token = value("OS_AUTH_TOKEN") {
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
                    message: "--endpoint needs credentials: set OS_USERNAME/OS_PASSWORD/OS_USER_DOMAIN_NAME or OS_AUTH_TOKEN"
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
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
