/// The CBR error body: `{"error_code": ..., "error_msg": ...}`.
struct CBRErrorBody: Encodable, Sendable {
    var errorCode: String
    var errorMsg: String
}

/// The API gateway error body: `{"error_code": ..., "error_msg": ..., "request_id": ...}`.
struct GatewayErrorBody: Encodable, Sendable {
    var errorCode: String
    var errorMsg: String
    var requestId: String
}

/// The keystone error body IAM's token API uses: `{"error": {"code": 401, "message": ..., "title": ...}}`.
struct KeystoneErrorBody: Encodable, Sendable {
    struct Detail: Encodable, Sendable {
        var code: Int
        var message: String
        var title: String
    }

    var error: Detail
}
