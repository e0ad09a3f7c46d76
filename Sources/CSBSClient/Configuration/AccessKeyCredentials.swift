/// Access-key credentials (AK/SK, optionally temporary with a security token) for one project.
///
/// Every request is signed with ``RequestSigner``; no IAM token is involved. `description` never shows the secret
/// key or the security token.
public struct AccessKeyCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The access key (AK).
    public var accessKey: String
    /// The secret key (SK).
    public var secretKey: String
    /// The security token of temporary credentials, sent (and signed) as `X-Security-Token`.
    public var securityToken: String?
    /// The project every call is made in, sent as `X-Project-Id` and used in the paths.
    public var projectID: String

    public init(accessKey: String, secretKey: String, securityToken: String? = nil, projectID: String) {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.securityToken = securityToken
        self.projectID = projectID
    }

    public var description: String {
        let token = securityToken == nil ? "none" : "<redacted>"
        return "AccessKeyCredentials(accessKey: \(accessKey), project: \(projectID), secretKey: <redacted>, "
            + "securityToken: \(token))"
    }

    /// The signer for these keys.
    public var signer: RequestSigner {
        RequestSigner(accessKey: accessKey, secretKey: secretKey)
    }
}
