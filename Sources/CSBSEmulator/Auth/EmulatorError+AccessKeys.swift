extension EmulatorError {
    /// 401 `APIGW.0301`: the `Authorization` header is not a well-formed `SDK-HMAC-SHA256` authorization.
    static func malformedAuthorization(_ detail: String) -> EmulatorError {
        .unauthenticated("the Authorization header is malformed: \(detail)")
    }

    /// 401 `APIGW.0301`: no such access key (the AK is an identifier, not a secret, so it is quoted).
    static func unknownAccessKey(_ accessKeyID: String) -> EmulatorError {
        .unauthenticated("Get secretKey failed,ak:\(accessKeyID),err:ak not exist")
    }

    /// 401 `APIGW.0301`: the signature does not match the request.
    static let badSignature = EmulatorError.unauthenticated("verify aksk signature fail")

    /// 401 `APIGW.0301`: the key is locked after too many bad signatures.
    static let accessKeyLocked = EmulatorError.unauthenticated("AK access failed to reach the limit,forbidden.")

    /// 401 `APIGW.0301`: `X-Sdk-Date` is missing or not `yyyyMMdd'T'HHmmss'Z'`.
    static let missingSigningDate = EmulatorError.unauthenticated(
        "the X-Sdk-Date header is missing or malformed (expected yyyyMMddTHHmmssZ)."
    )

    /// 401 `APIGW.0301`: `X-Sdk-Date` is more than 15 minutes away from the emulator's clock.
    static func signatureExpired(signatureTime: String, serverTime: String) -> EmulatorError {
        .unauthenticated("signature expired, signature time:\(signatureTime),server time:\(serverTime)")
    }

    /// 401 `APIGW.0301`: a temporary key without its `X-Security-Token`, or with another one.
    static let invalidSecurityToken = EmulatorError.unauthenticated("the security token is missing or invalid.")
}
