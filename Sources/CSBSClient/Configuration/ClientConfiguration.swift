import FoundationEssentials

/// Where the services live. The emulator serves IAM and CBR on one endpoint; the cloud uses one host per service.
public struct ServiceEndpoints: Sendable, Hashable {
    /// IAM base URL without the `/v3` suffix, e.g. `https://iam.cn-north-4.myhuaweicloud.com`.
    public var iam: String
    /// CBR base URL, e.g. `https://cbr.cn-north-4.myhuaweicloud.com`.
    public var cbr: String
    /// CSBS base URL, e.g. `https://csbs.cn-north-4.myhuaweicloud.com` (same as ``cbr`` unless given).
    public var csbs: String

    public init(iam: String, cbr: String, csbs: String? = nil) {
        self.iam = Self.trimmed(iam)
        self.cbr = Self.trimmed(cbr)
        self.csbs = Self.trimmed(csbs ?? cbr)
    }

    /// All services on one endpoint (the emulator, a gateway, a test server).
    public static func single(_ url: String) -> ServiceEndpoints {
        ServiceEndpoints(iam: url, cbr: url, csbs: url)
    }

    /// Whether every service is on this machine (see ``LoopbackHost``): `csbs serve`, a test server or a tunnel —
    /// never an API gateway of the cloud itself.
    public var areAllOnThisMachine: Bool {
        [iam, cbr, csbs].allSatisfy(LoopbackHost.isLoopback(url:))
    }

    /// Whether IAM (where a password goes) is on another site than CBR or CSBS (where its token goes): hosts that
    /// differ beyond their first label (`iam.example.com` and `cbr.example.com` are one site; `iam.example.com`
    /// and `cbr.other.net` are not). Services all on this machine are one site.
    public var iamIsOnAnotherSite: Bool {
        guard !areAllOnThisMachine else { return false }
        let iamSite = Self.site(of: iam)
        return [cbr, csbs].contains { Self.site(of: $0) != iamSite }
    }

    /// The host of `url` without its first label when it is a name of three labels or more (`cbr.example.com`
    /// → `example.com`); an address literal or a short name as it is.
    static func site(of url: String) -> String {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return url }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        let isAddress = host.contains(":") || labels.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        guard !isAddress, labels.count >= 3 else { return host }
        return labels.dropFirst().joined(separator: ".")
    }

    /// The public Huawei Cloud endpoints of a region (see ``RegionTable``).
    public static func region(_ region: String) -> ServiceEndpoints {
        RegionTable.endpoints(for: region)
    }

    /// Drops trailing slashes and an IAM `/v3` suffix (as in `OS_AUTH_URL`).
    static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        if url.hasSuffix("/v3") { url.removeLast(3) }
        return url
    }
}

/// The project a password token is scoped to.
public enum ProjectScope: Sendable, Hashable {
    case name(String)
    case id(String)
}

/// An IAM user's password credentials. `description` never shows the password.
public struct PasswordCredentials: Sendable, Hashable, CustomStringConvertible {
    public var userName: String
    public var password: String
    public var domainName: String
    public var project: ProjectScope

    public init(userName: String, password: String, domainName: String, project: ProjectScope) {
        self.userName = userName
        self.password = password
        self.domainName = domainName
        self.project = project
    }

    public var description: String {
        "PasswordCredentials(user: \(userName), domain: \(domainName), project: \(project), password: <redacted>)"
    }
}

/// How requests are authenticated.
public enum Credentials: Sendable, Hashable, CustomStringConvertible {
    /// Obtain (and cache) an IAM token with a user's password.
    case password(PasswordCredentials)
    /// A token obtained elsewhere (`OS_AUTH_TOKEN`), for one project.
    case token(String, projectID: String)
    /// Sign every request with an access key (`SDK-HMAC-SHA256`); no IAM token is obtained.
    case accessKey(AccessKeyCredentials)

    public var description: String {
        switch self {
        case .password(let credentials): credentials.description
        case .token(_, let projectID): "token(<redacted>, project: \(projectID))"
        case .accessKey(let credentials): credentials.description
        }
    }

    /// The secret values these credentials hold (password, token, secret key, security token), for callers that
    /// must keep them out of what they write, such as the shell's history.
    public var secretValues: [String] {
        switch self {
        case .password(let credentials): [credentials.password]
        case .token(let token, _): [token]
        case .accessKey(let credentials): [credentials.secretKey] + (credentials.securityToken.map { [$0] } ?? [])
        }
    }
}

/// Everything a ``BackupClient`` needs to know about its account and endpoints.
public struct ClientConfiguration: Sendable {
    public var endpoints: ServiceEndpoints
    public var credentials: Credentials
    /// Limit for one HTTP exchange.
    public var requestTimeout: Duration
    /// Retries of idempotent calls on 429, 5xx and connection failures.
    public var retryPolicy: RetryPolicy
    /// Directory for the IAM token cache; `nil` keeps tokens in memory only.
    public var tokenCacheDirectory: String?
    /// The region, when known (used for a project-id lookup and shown in diagnostics).
    public var region: String?
    /// Client-side pacing of every request (IAM included); `nil` sends as fast as calls come.
    public var pacing: Pacing?
    /// Receives a redacted event for every request, response, retry decision and reconciliation.
    ///
    /// This is the hook for `csbs --verbose`: print each event's `description` to standard error. Secrets never
    /// reach it (see ``Redactor``).
    public var trace: TraceHandler?
    /// Receives what a person should hear about even without a trace (see ``ClientNotice``): a call waiting on the
    /// service, IAM on another site than the services, credentials allowed over plain http, an unusable token
    /// cache. `csbs` prints each on stderr.
    public var notice: NoticeHandler?
    /// TLS trust settings for ``HTTP1Transport``, and whether plain http may carry credentials to another
    /// machine (``TLSOptions/allowInsecureHTTP``).
    public var tls: TLSOptions
    /// Where the configuration came from, per setting, for `csbs config`-style diagnostics (no secrets).
    public var sources: [String: String]

    public init(
        endpoints: ServiceEndpoints, credentials: Credentials, requestTimeout: Duration = .seconds(30),
        retryPolicy: RetryPolicy = .default, tokenCacheDirectory: String? = nil, region: String? = nil,
        pacing: Pacing? = nil, trace: TraceHandler? = nil, tls: TLSOptions = .init()
    ) {
        self.endpoints = endpoints
        self.credentials = credentials
        self.requestTimeout = requestTimeout
        self.retryPolicy = retryPolicy
        self.tokenCacheDirectory = tokenCacheDirectory
        self.region = region
        self.pacing = pacing
        self.trace = trace
        self.tls = tls
        notice = nil
        sources = [:]
    }
}
