import CSBSClient
import CSBSScript
import CSBSSyntax
import Foundation

/// `csbs lsp`: a Language Server Protocol server on the same front end as `csbs check` and `csbs fmt`. It keeps
/// the open documents (full text sync); on open and change it publishes the check's diagnostics (with their
/// stable ids as `code`), and `textDocument/formatting` answers with ``ScriptFormatter``'s layout.
///
/// Pure message handling: a JSON-RPC message in, the messages to send out; ``LanguageServerConnection`` frames
/// them on stdio.
struct LanguageServer {
    /// The open documents' text by URI.
    var documents: [String: String] = [:]
    var shutdownRequested = false

    /// What handling one message produced.
    struct Reply {
        var messages: [[String: Any]] = []
        /// Set by `exit`: the process status (0 after `shutdown`, 1 without).
        var exitStatus: Int32?
    }

    /// Handles one message's body.
    mutating func handle(_ body: Data) -> Reply {
        guard let message = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let method = message["method"] as? String
        else {
            return Reply(messages: [Self.error(id: NSNull(), code: -32700, message: "not a JSON-RPC message")])
        }
        let id = message["id"]
        let params = message["params"] as? [String: Any] ?? [:]
        switch method {
        case "initialize":
            return Reply(messages: [Self.result(id: id, [
                "capabilities": ["textDocumentSync": 1, "documentFormattingProvider": true],
                "serverInfo": ["name": "csbs", "version": CSBSVersion.current],
            ])])
        case "shutdown":
            shutdownRequested = true
            return Reply(messages: [Self.result(id: id, NSNull())])
        case "exit":
            return Reply(exitStatus: shutdownRequested ? 0 : 1)
        case "textDocument/didOpen":
            guard let document = params["textDocument"] as? [String: Any], let uri = document["uri"] as? String,
                let text = document["text"] as? String
            else { return Reply() }
            documents[uri] = text
            return Reply(messages: [diagnostics(uri: uri, text: text)])
        case "textDocument/didChange":
            guard let document = params["textDocument"] as? [String: Any], let uri = document["uri"] as? String,
                let text = (params["contentChanges"] as? [[String: Any]])?.last?["text"] as? String
            else { return Reply() }
            documents[uri] = text
            return Reply(messages: [diagnostics(uri: uri, text: text)])
        case "textDocument/didClose":
            guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String else { return Reply() }
            documents[uri] = nil
            return Reply(messages: [Self.notification("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": []])])
        case "textDocument/formatting":
            guard let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String, let text = documents[uri]
            else { return Reply(messages: [Self.error(id: id, code: -32602, message: "unknown document")]) }
            return Reply(messages: [Self.result(id: id, formattingEdits(uri: uri, text: text))])
        default:
            // A request gets an answer; a notification (no id) we do not know is ignored, as the protocol asks.
            guard let id else { return Reply() }
            return Reply(messages: [Self.error(id: id, code: -32601, message: "method not handled: \(method)")])
        }
    }

    // MARK: Diagnostics and formatting

    /// `textDocument/publishDiagnostics` with the check's findings in this document.
    func diagnostics(uri: String, text: String) -> [String: Any] {
        let file = SourceFile(name: Self.path(of: uri), text: text)
        let checked = Checker.check(file, options: .standard())
        let positions = PositionConverter(text)
        let found: [[String: Any]] = checked.diagnostics.filter { $0.file.name == file.name }.map { finding in
            let diagnostic = finding.diagnostic
            return [
                "range": positions.range(diagnostic.range),
                "severity": diagnostic.severity == .error ? 1 : diagnostic.severity == .warning ? 2 : 3,
                "code": diagnostic.id.description,
                "source": "csbs",
                "message": diagnostic.text,
            ]
        }
        return Self.notification("textDocument/publishDiagnostics", ["uri": uri, "diagnostics": found])
    }

    /// One edit replacing the whole text with its formatted layout; none when it is already formatted or has
    /// syntax errors (their diagnostics are published already).
    func formattingEdits(uri: String, text: String) -> [[String: Any]] {
        guard case .formatted(let formatted) = ScriptFormatter.format(SourceFile(name: Self.path(of: uri), text: text)),
            formatted != text
        else { return [] }
        let positions = PositionConverter(text)
        return [["range": positions.range(SourceRange(0, text.utf8.count)), "newText": formatted]]
    }

    /// The file path of a `file://` URI (percent-decoded), or the URI itself.
    static func path(of uri: String) -> String {
        guard let url = URL(string: uri), url.isFileURL else { return uri }
        return url.path
    }

    // MARK: JSON-RPC

    static func result(id: Any?, _ result: Any) -> [String: Any] {
        ["jsonrpc": "2.0", "id": id ?? NSNull(), "result": result]
    }

    static func error(id: Any?, code: Int, message: String) -> [String: Any] {
        ["jsonrpc": "2.0", "id": id ?? NSNull(), "error": ["code": code, "message": message]]
    }

    static func notification(_ method: String, _ params: [String: Any]) -> [String: Any] {
        ["jsonrpc": "2.0", "method": method, "params": params]
    }
}

/// LSP positions (0-based line, UTF-16 character) from the syntax's 0-based UTF-8 offsets.
struct PositionConverter {
    let bytes: [UInt8]
    let converter: SourceLocationConverter

    init(_ text: String) {
        bytes = Array(text.utf8)
        converter = SourceLocationConverter(text)
    }

    func position(_ offset: Int) -> [String: Int] {
        let location = converter.location(ofOffset: min(max(offset, 0), bytes.count))
        let lineStart = location.offset - (location.column - 1)
        let prefix = String(decoding: bytes[lineStart..<location.offset], as: UTF8.self)
        return ["line": location.line - 1, "character": prefix.utf16.count]
    }

    func range(_ range: SourceRange) -> [String: Any] {
        ["start": position(range.lowerBound), "end": position(range.upperBound)]
    }
}

/// The Base Protocol on a pair of file handles: `Content-Length` framed messages, at most
/// ``maximumMessageBytes`` each.
struct LanguageServerConnection {
    /// Larger messages are refused: a script is at most 8 MiB, and its JSON escaping adds some.
    static let maximumMessageBytes = 32 << 20

    let input: FileHandle
    let output: FileHandle
    var buffer = Data()

    /// Serves until `exit` or the end of the input; the process status.
    mutating func serve() -> Int32 {
        var server = LanguageServer()
        while let body = nextMessage() {
            let reply = server.handle(body)
            for message in reply.messages { send(message) }
            if let status = reply.exitStatus { return status }
        }
        return 1
    }

    /// The next message's body, or `nil` at the end of the input or on a broken frame.
    mutating func nextMessage() -> Data? {
        while true {
            if let headerEnd = buffer.range(of: Data("\r\n\r\n".utf8)) {
                let header = String(decoding: buffer[buffer.startIndex..<headerEnd.lowerBound], as: UTF8.self)
                guard let length = Self.contentLength(header), length <= Self.maximumMessageBytes else { return nil }
                let bodyStart = headerEnd.upperBound
                if buffer.distance(from: bodyStart, to: buffer.endIndex) >= length {
                    let body = buffer[bodyStart..<buffer.index(bodyStart, offsetBy: length)]
                    buffer = Data(buffer[buffer.index(bodyStart, offsetBy: length)...])
                    return Data(body)
                }
            } else if buffer.count > 64 * 1024 {
                return nil  // no header end in 64 KiB: not the protocol
            }
            let chunk = input.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }

    static func contentLength(_ header: String) -> Int? {
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    func send(_ message: [String: Any]) {
        guard let body = try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys]) else { return }
        try? output.write(contentsOf: Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }
}
