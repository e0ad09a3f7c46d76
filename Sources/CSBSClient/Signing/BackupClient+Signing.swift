import FoundationEssentials

extension BackupClient {
    /// A CBR request signed with access keys (`SDK-HMAC-SHA256`), for one attempt at `date`.
    ///
    /// Sends `X-Project-Id` (and `X-Security-Token` for temporary keys, signed like the other headers); the query
    /// goes out sorted and encoded exactly as in the canonical request, as the SDK sends it.
    func makeSignedRequest(_ call: CallMetadata, body: Data?, keys: AccessKeyCredentials, date: Date) -> HTTPRequest {
        let service = call.operation.service
        let method = call.operation.method
        let query = call.query
        let base = SigningEncoding.splitURL(service.base(configuration.endpoints))
        let prefix = service.base(configuration.endpoints).dropLast(base.rest.count)
        let fullPath = base.rest + service.projectPrefix + keys.projectID + call.operation.path(call.pathParameters)
        var headers = [("Accept", "application/json")]
        if body != nil {
            headers.append(("Content-Type", "application/json;charset=utf-8"))
        }
        headers.append(("X-Project-Id", keys.projectID))
        if let securityToken = keys.securityToken {
            headers.append(("X-Security-Token", securityToken))
        }
        let signed = keys.signer.sign(
            method: method, host: base.authority, path: fullPath, query: query, headers: headers,
            body: body ?? Data(), date: SigningEncoding.sdkDate(date)
        )
        return HTTPRequest(
            method: method, url: prefix + signed.requestURI, headers: signed.headers, body: body, call: call
        )
    }
}
