import CSBSClient
import CSBSPlatform
import FoundationEssentials

/// One request a dry run would have sent: its method, its path with the query, and its JSON body.
///
/// It never carries headers, so no token, signature or key can reach it; secret-looking body fields and query
/// parameters are masked as in a trace (see ``Redactor``).
public struct DryRunRequest: Sendable, Hashable {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    public var method: String
    /// The path and query after the host as they would be sent (percent-encoded as the client encodes them), with
    /// `{project_id}` standing for the project: `/v3/{project_id}/vaults?name=prod%20db`.
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
        if let body, (try? JSONValue(parsing: body.utf8)) != nil {
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

    /// The request as a dry run shows it: the URL reduced to its path and query (as sent, secret parameters
    /// masked) and the body re-serialised compactly with secrets masked.
    init(_ request: HTTPRequest) {
        method = request.method
        var url = Redactor.url(request.url)
        if let scheme = url.firstRange(of: "://") {
            let rest = url[scheme.upperBound...]
            url = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        // Exactly as sent: path segments and query values percent-encoded by the client's one encoder
        // (`SigningEncoding.percentEncode`), so `name=a b&c` shows as `name=a%20b%26c` and a NUL as `%00`.
        path = Self.showingPlaceholders(url)
        body = Redactor.body(request.body, limit: .max)
    }

    /// `url` with the dry run's placeholder ids (`<vault-1>`, `<vault:prod>`: ids only a real run would know, which
    /// it would send as they are) shown with their brackets rather than as `%3Cvault-1%3E`; what a script named
    /// inside one stays encoded as sent (`<vault:my%20vault>`).
    static func showingPlaceholders(_ url: String) -> String {
        var shown = ""
        var rest = Substring(url)
        while let open = rest.firstRange(of: "%3C") {
            shown += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            let kind = afterOpen.prefix { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            let tail = afterOpen[kind.endIndex...]
            if !kind.isEmpty, tail.hasPrefix("%3E") {
                shown += "<" + kind + ">"
                rest = tail.dropFirst(3)
            } else if !kind.isEmpty, tail.hasPrefix("%3A"), let close = tail.firstRange(of: "%3E") {
                shown += "<" + kind + ":" + tail[tail.index(tail.startIndex, offsetBy: 3)..<close.lowerBound] + ">"
                rest = tail[close.upperBound...]
            } else {
                shown += "%3C"
                rest = afterOpen
            }
        }
        return shown + rest
    }
}
