import HTTPTypes
import Hummingbird

/// Checks the `X-Auth-Token` of a request against the stored tokens and the clock.
struct TokenAuthenticator: Sendable {
    /// What a valid token grants.
    struct Grant: Sendable {
        var token: TokenRecord
        var user: UserRecord
        var project: ProjectRecord
    }

    static let header = HTTPField.Name("X-Auth-Token")!

    let store: EmulatorStore
    let progress: BackupProgress

    /// The grant of a valid, unexpired token, or `nil`.
    func grant(for request: Request) async throws -> Grant? {
        guard let value = request.headers[Self.header], !value.isEmpty,
            let (token, user, project) = try await store.token(value),
            progress.now() < token.expiresAt
        else { return nil }
        return Grant(token: token, user: user, project: project)
    }

    /// Authenticates a CBR request for the project in its path.
    /// - Throws: 401 `APIGW.0301` without a valid token; 403 when the token is scoped to another project.
    func authorize(_ request: Request, projectID: String) async throws -> Grant {
        guard request.headers[Self.header] != nil else {
            throw EmulatorError.unauthenticated("the X-Auth-Token header is missing.")
        }
        guard let grant = try await grant(for: request) else {
            throw EmulatorError.unauthenticated("the token is invalid or has expired.")
        }
        guard grant.project.id == projectID else { throw EmulatorError.projectMismatch }
        return grant
    }
}
