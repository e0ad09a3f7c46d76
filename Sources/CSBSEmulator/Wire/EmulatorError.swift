import HTTPTypes

/// An error the emulator answers with, rendered in the shape the real service would use.
///
/// The renderer (`WireErrorMiddleware`) adds the request id, so handlers only say what went wrong.
struct EmulatorError: Error, Sendable, Equatable {
    /// Which body shape the error is rendered in.
    enum Shape: Sendable, Equatable {
        /// CBR: `{"error_code": "BackupService.6105", "error_msg": "..."}`.
        case cbr
        /// API gateway (and the IAM-style body): `{"error_code", "error_msg", "request_id"}`.
        case gateway
        /// Keystone: `{"error": {"code": 401, "message": "...", "title": "Unauthorized"}}`.
        case keystone(title: String)
    }

    var status: HTTPResponse.Status
    var code: String
    var message: String
    var shape: Shape

    // MARK: CBR

    static func cbr(_ status: HTTPResponse.Status, _ code: Int, _ message: String) -> EmulatorError {
        let number = code < 1000 ? "000\(code)".suffix(4) : "\(code)".suffix(4)
        return EmulatorError(status: status, code: "BackupService.\(number)", message: message, shape: .cbr)
    }

    // MARK: Gateway

    /// `APIGW.0301`: missing, unknown or expired token (401).
    static func unauthenticated(_ detail: String) -> EmulatorError {
        EmulatorError(
            status: .unauthorized,
            code: "APIGW.0301",
            message: "Incorrect IAM authentication information: \(detail)",
            shape: .gateway
        )
    }

    /// The token belongs to another project than the one in the path (403).
    ///
    /// Inferred: the sources do not pin down this case; the IAM-style "not authorized" code `IAM.0002`
    /// in the gateway body shape is the closest documented fit.
    static let projectMismatch = EmulatorError(
        status: .forbidden,
        code: "IAM.0002",
        message: "You are not authorized to access the project in the request URL.",
        shape: .gateway
    )

    /// A domain-scoped token on a path with a project (403): CBR and CSBS take project-scoped tokens only.
    ///
    /// Inferred, as ``projectMismatch`` is (same code): the token names no project, so none in a path is its own.
    static let domainScopedToken = EmulatorError(
        status: .forbidden,
        code: "IAM.0002",
        message: "The token is scoped to an account, not to the project in the request URL.",
        shape: .gateway
    )

    /// `APIGW.0101`: no such route (404).
    static let routeNotFound = EmulatorError(
        status: .notFound,
        code: "APIGW.0101",
        message: "The API does not exist or has not been published in the environment.",
        shape: .gateway
    )

    /// `APIGW.0201`: request body larger than the emulator accepts (413).
    static let bodyTooLarge = EmulatorError(
        status: .contentTooLarge,
        code: "APIGW.0201",
        message: "Request entity too large.",
        shape: .gateway
    )

    // MARK: Keystone (IAM token API)

    /// 400 with the keystone body IAM uses for `POST /v3/auth/tokens`.
    static func keystoneBadRequest(_ message: String = "The request body is invalid") -> EmulatorError {
        EmulatorError(status: .badRequest, code: "400", message: message, shape: .keystone(title: "Bad Request"))
    }

    /// 401 with the keystone body: wrong user, password or domain.
    static let wrongCredentials = EmulatorError(
        status: .unauthorized,
        code: "401",
        message: "The username or password is wrong.",
        shape: .keystone(title: "Unauthorized")
    )

    /// 401 with the keystone body: a token asked for an account (domain scope) that is not the user's.
    ///
    /// Inferred: Keystone answers a scope the user has no role on with 401; Huawei's IAM documents no code for it.
    static let keystoneForeignDomain = EmulatorError(
        status: .unauthorized,
        code: "401",
        message: "The user has no access to the domain in the scope.",
        shape: .keystone(title: "Unauthorized")
    )

    /// 404 with the keystone body: `GET /v3/auth/tokens` for a token that does not exist or has expired.
    static let keystoneTokenNotFound = EmulatorError(
        status: .notFound,
        code: "404",
        message: "The token could not be found.",
        shape: .keystone(title: "Not Found")
    )

    /// 401 with the keystone body: the IAM API itself was called without a valid token.
    static let keystoneAuthenticationRequired = EmulatorError(
        status: .unauthorized,
        code: "401",
        message: "The request you have made requires authentication.",
        shape: .keystone(title: "Unauthorized")
    )
}
