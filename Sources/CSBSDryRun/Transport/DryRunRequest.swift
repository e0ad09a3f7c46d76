import CSBSClient
import Foundation

/// One request a dry run would have sent: its method, its path with the query, and its JSON body.
///
/// It never carries headers, so no token, signature or key can reach it; secret-looking body fields and query
/// parameters are masked as in a trace (see ``Redactor``).
public struct DryRunRequest: Sendable, Hashable {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    public var method: String
    /// The path and query after the host, percent-decoded for reading, with `{project_id}` standing for the
    /// project: `/v3/{project_id}/vaults?name=prod`.
    public var path: String
    /// The body as compact JSON (keys sorted), or `nil` when the request has none.
    public var body: String?

    public init(method: String, path: String, body: String? = nil) {
        self.method = method
        self.path = path
        self.body = body
    }

    /// For people: `POST /v3/{project_id}/vaults`, then the body on a second line indented by four spaces.
    public var text: String {
        let line = method + " " + path
        guard let body else { return line }
        return line + "\n    " + body
    }

    /// For `--json`: `{"dry_run_request":{"method":"POST","path":"/v3/{project_id}/vaults","body":{…}}}`; the
    /// body is embedded as JSON (`null` when there is none).
    public var jsonLine: String {
        let bodyJSON: String
        if let body, (try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])) != nil {
            bodyJSON = body
        } else {
            bodyJSON = body.map(Self.quoted) ?? "null"
        }
        return "{\"dry_run_request\":{\"method\":\(Self.quoted(method)),\"path\":\(Self.quoted(path)),\"body\":\(bodyJSON)}}"
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(text) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The request as a dry run shows it: the URL reduced to its path and query (decoded, secret parameters
    /// masked) and the body re-serialised compactly with secrets masked.
    init(_ request: HTTPRequest) {
        method = request.method
        var url = Redactor.url(request.url)
        if let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            url = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let decodedPath = parts[0].split(separator: "/", omittingEmptySubsequences: false)
            .map { SigningEncoding.percentDecode(String($0)) }.joined(separator: "/")
        var shown = decodedPath
        if parts.count == 2 {
            shown += "?" + parts[1].split(separator: "&").map { pair in
                pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    .map { SigningEncoding.percentDecode(String($0)) }.joined(separator: "=")
            }.joined(separator: "&")
        }
        path = shown
        body = Redactor.body(request.body, limit: .max)
    }
}
