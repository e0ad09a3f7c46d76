import CSBSClient
import CSBSPlatform
import CSBSSyntax
import FoundationEssentials

/// The connection the context statements of a run asked for, merged in order: what a
/// ``Interpreter/Connector`` turns into a client. `nil` fields keep what the run started with.
///
/// `profile` starts over from that profile (it forgets an earlier `region` and `endpoint`); `region` forgets an
/// earlier `endpoint` (the region picks its own endpoints); `endpoint` keeps the region.
public struct ConnectionChange: Sendable, Hashable {
    /// The region of `region NAME`.
    public var region: String?
    /// The profile of `profile NAME`.
    public var profile: String?
    /// The single endpoint of `endpoint URL`.
    public var endpoint: String?

    public init(region: String? = nil, profile: String? = nil, endpoint: String? = nil) {
        self.region = region
        self.profile = profile
        self.endpoint = endpoint
    }

    /// This change followed by one more context statement.
    public func applying(_ kind: ContextKind, _ value: String) -> ConnectionChange {
        switch kind {
        case .profile: ConnectionChange(profile: value)
        case .region: ConnectionChange(region: value, profile: profile)
        case .endpoint: ConnectionChange(region: region, profile: profile, endpoint: value)
        }
    }

    /// The run's configuration overrides with this change merged in: a changed profile drops the run's region
    /// and endpoint flags, a changed region its endpoint flags.
    public func merged(into base: ConfigurationOverrides) -> ConfigurationOverrides {
        var overrides = base
        if let profile {
            overrides.profile = profile
            overrides.region = nil
            overrides.dropEndpoints()
        }
        if let region {
            overrides.region = region
            overrides.dropEndpoints()
        }
        if let endpoint {
            overrides.endpoint = endpoint
        }
        return overrides
    }
}

extension ConfigurationOverrides {
    fileprivate mutating func dropEndpoints() {
        endpoint = nil
        cbrEndpoint = nil
        csbsEndpoint = nil
        iamEndpoint = nil
    }
}

extension Interpreter {
    /// `region NAME`, `profile NAME`, `endpoint URL`: connects the way the statement says (through
    /// ``connector``) and clears the selected vault and the last backup, which belong to the old connection.
    mutating func execute(_ statement: ContextStmt) async throws -> ResultRecord {
        let keyword = statement.kind.rawValue
        let value = try await stringValue(statement.value, what: "the \(keyword)")
        try validate(value, for: statement)
        guard let connector else {
            throw RuntimeFailure.badArgument(
                "'\(keyword)' cannot switch the connection here; start csbs with --\(keyword) instead", at: statement.range
            )
        }
        let change = connection.applying(statement.kind, value)
        client = try await connector(change)
        connection = change
        context = Context()
        let where_ = Self.describe(client.configuration)
        return ResultRecord(
            kind: "context",
            fields: [.init("setting", .string(keyword)), .init("value", .string(value)), .init("endpoint", .string(where_))],
            summary: "\(keyword) \(value): now using \(where_); no vault selected"
        )
    }

    /// Checks the value before connecting: a region the region table knows, an http(s) URL, a profile name.
    private func validate(_ value: String, for statement: ContextStmt) throws {
        switch statement.kind {
        case .region:
            guard RegionTable.isKnown(value) else {
                let suggestion = Self.closestRegion(to: value)
                throw RuntimeFailure.command(
                    ResolveMessage.unknownRegion(value, suggestion: suggestion, domain: "runtime"), at: statement.value.range
                )
            }
        case .endpoint:
            guard let url = URLComponents(string: value), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false
            else {
                throw RuntimeFailure.badArgument(
                    "'endpoint' needs an http(s) URL such as \"https://cbr.example.com\", not \"\(value.prefix(80))\"",
                    at: statement.value.range
                )
            }
        case .profile:
            guard !value.isEmpty, !value.contains(where: \.isNewline) else {
                throw RuntimeFailure.badArgument("'profile' needs the name of a profile of the profiles file", at: statement.value.range)
            }
        }
    }

    /// The known region closest to `region`, when one is a likely typo.
    static func closestRegion(to region: String) -> String? {
        let lowered = region.lowercased()
        if RegionTable.isKnown(lowered) { return lowered }
        return Suggestion.closest(to: lowered, in: RegionTable.knownRegions)
    }

    /// Where a configuration sends CBR requests, as scheme, host and port only (never user info or a path).
    static func describe(_ configuration: ClientConfiguration) -> String {
        let url = configuration.endpoints.cbr
        guard let components = URLComponents(string: url), let host = components.host else { return "the service" }
        let port = components.port.map { ":\($0)" } ?? ""
        return "\(components.scheme ?? "https")://\(host)\(port)"
    }
}
