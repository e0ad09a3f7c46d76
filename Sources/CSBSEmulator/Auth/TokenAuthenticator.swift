import Foundation
import HTTPTypes
import Hummingbird

/// Authenticates requests: an IAM `X-Auth-Token`, or an `SDK-HMAC-SHA256` AK/SK signature
/// (`Authorization` + `X-Sdk-Date`), checked against the stored credentials and the emulator clock.
struct TokenAuthenticator: Sendable {
    /// What valid credentials grant on a path with a project: that project.
    struct Grant: Sendable {
        /// The token, when the request carried one (`nil` for AK/SK signed requests).
        var token: TokenRecord?
        var user: UserRecord
        var project: ProjectRecord
    }

    /// Valid credentials before a route asks for a project: the user and what the credentials are scoped to (a
    /// signed request is scoped to its `X-Project-Id`, or the first project of the key's account).
    struct Credentials: Sendable {
        /// The token, when the request carried one (`nil` for AK/SK signed requests).
        var token: TokenRecord?
        var user: UserRecord
        var scope: TokenScope
    }

    static let header = HTTPField.Name("X-Auth-Token")!
    static let projectHeader = HTTPField.Name("X-Project-Id")!

    let store: EmulatorStore
    let progress: BackupProgress

    /// The AK/SK verifier on the same store, checking dates against the signers' clock.
    var accessKeys: AccessKeyVerifier { AccessKeyVerifier(store: store, clock: progress.signingClock) }

    /// The credentials of a valid, unexpired token (project- or domain-scoped) or a correctly signed request, or
    /// `nil` without either.
    ///
    /// A signed request is scoped to the project in `X-Project-Id`, else the first project of the key's domain.
    /// - Throws: The AK/SK verifier's 401 errors for a signed request that does not verify.
    func credentials(for request: Request) async throws -> Credentials? {
        if let authorization = request.headers[AccessKeyVerifier.authorizationHeader] {
            let (_, user) = try await accessKeys.verify(request, authorization: authorization)
            let projectID = request.headers[Self.projectHeader]
            guard let project = try await store.projects(domainID: user.domainId, name: nil)
                .first(where: { projectID == nil || $0.id == projectID })
            else { throw EmulatorError.projectMismatch }
            return Credentials(token: nil, user: user, scope: .project(project))
        }
        guard let value = request.headers[Self.header], !value.isEmpty,
            let found = try await store.token(value),
            progress.now() < found.token.expiresAt
        else { return nil }
        return Credentials(token: found.token, user: found.user, scope: found.scope)
    }

    /// Authorizes a request whose path names no project (CBR's account-level lookups): an AK/SK request for the
    /// project of its signed `X-Project-Id` header (which the SDK sends with project credentials), a token request
    /// for the token's project or account.
    /// - Throws: 401 `APIGW.0301` without credentials or `X-Project-Id`, 403 for a project of another account.
    func authorize(_ request: Request) async throws -> Credentials {
        if request.headers[AccessKeyVerifier.authorizationHeader] != nil {
            guard let declared = request.headers[Self.projectHeader] else {
                throw EmulatorError.unauthenticated("the X-Project-Id header is missing.")
            }
            let grant = try await authorize(request, projectID: declared)
            return Credentials(token: nil, user: grant.user, scope: .project(grant.project))
        }
        return try await tokenCredentials(request)
    }

    /// Authenticates a CBR or CSBS request for the project in its path.
    /// - Throws: 401 `APIGW.0301` without valid credentials; 403 when the token or key is for another project
    ///   (or `X-Project-Id` names another project than the path), or the token is scoped to an account.
    func authorize(_ request: Request, projectID: String) async throws -> Grant {
        if let authorization = request.headers[AccessKeyVerifier.authorizationHeader] {
            let (_, user) = try await accessKeys.verify(request, authorization: authorization)
            if let declared = request.headers[Self.projectHeader], declared != projectID {
                throw EmulatorError.projectMismatch
            }
            guard let project = try await store.project(id: projectID, name: nil, domainID: user.domainId) else {
                throw EmulatorError.projectMismatch
            }
            return Grant(token: nil, user: user, project: project)
        }
        let credentials = try await tokenCredentials(request)
        guard let project = credentials.scope.project else { throw EmulatorError.domainScopedToken }
        guard project.id == projectID else { throw EmulatorError.projectMismatch }
        return Grant(token: credentials.token, user: credentials.user, project: project)
    }

    /// The credentials of the request's `X-Auth-Token`.
    /// - Throws: 401 `APIGW.0301` without the header or for a token unknown or expired.
    private func tokenCredentials(_ request: Request) async throws -> Credentials {
        guard request.headers[Self.header] != nil else {
            throw EmulatorError.unauthenticated("the X-Auth-Token header is missing.")
        }
        guard let credentials = try await credentials(for: request) else {
            throw EmulatorError.unauthenticated("the token is invalid or has expired.")
        }
        return credentials
    }
}
