import CSBSPlatform
import CSBSSyntax
import FoundationEssentials

/// What the language server needs from the rest of csbs: the front end's options (the same as `csbs check`), the
/// words to complete, and the help on a word (the reference the shell's `help` shows).
public struct LanguageServerConfiguration: Sendable {
    /// The options a document is checked with.
    public var checkOptions: @Sendable () -> CheckOptions
    /// Statements and keywords offered by completion.
    public var keywords: [String]
    /// The help on a statement or keyword, as plain text; `nil` when there is none.
    public var help: @Sendable (String) -> String?

    public init(
        checkOptions: @escaping @Sendable () -> CheckOptions, keywords: [String],
        help: @escaping @Sendable (String) -> String?
    ) {
        self.checkOptions = checkOptions
        self.keywords = keywords
        self.help = help
    }
}

/// `csbs lsp`: a Language Server Protocol server on the checked front end. It keeps the open documents (full text
/// sync) and answers with diagnostics (the stable ids as codes) on open and change, hover with a statement's help,
/// completion of statements, keywords and the document's variables, go-to-definition of a variable, the
/// document's symbols, and formatting with `csbs fmt`'s layout (``ScriptFormatter``).
///
/// It is a value driven by ``handle(_:)``: a message in, the messages to send out. The transport (stdio framing)
/// is the caller's, so tests drive it without a process.
public struct LanguageServer: Sendable {
    let configuration: LanguageServerConfiguration
    /// Open documents by URI.
    private(set) var documents: [String: String] = [:]
    private var initialized = false
    private var shutdownRequested = false
    /// Set by `exit`: the status the process ends with (0 after `shutdown`, 1 without, as the protocol says).
    public private(set) var exitStatus: Int32?

    /// The largest document checked (as `csbs check` reads scripts).
    public static let maximumDocumentBytes = SourceFile.maximumBytes

    public init(configuration: LanguageServerConfiguration) {
        self.configuration = configuration
    }

    /// Handles one message (a request or a notification, as decoded JSON).
    /// - Returns: The messages to send: a response to a request, notifications such as diagnostics.
    public mutating func handle(_ message: JSONValue) -> [JSONValue] {
        let method = message["method"]?.string
        let id = message["id"]
        let params = message["params"] ?? [:]
        guard let method else { return [] }  // a response to a request of ours: there are none
        if method == "exit" {
            exitStatus = shutdownRequested ? 0 : 1
            return []
        }
        if !initialized, method != "initialize" {
            guard let id else { return [] }
            return [Self.error(id: id, code: -32002, message: "the server is not initialized")]
        }
        switch method {
        case "initialize":
            initialized = true
            return [Self.response(id: id, result: Self.capabilities)]
        case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
            return []
        case "shutdown":
            shutdownRequested = true
            return [Self.response(id: id, result: nil)]
        case "textDocument/didOpen":
            guard let document = params["textDocument"], let uri = document["uri"]?.string,
                let text = document["text"]?.string
            else { return [] }
            documents[uri] = text
            return [diagnostics(uri: uri, text: text)]
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.string,
                let changes = params["contentChanges"]?.array,
                let text = changes.last?["text"]?.string
            else { return [] }
            documents[uri] = text
            return [diagnostics(uri: uri, text: text)]
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.string else { return [] }
            documents[uri] = nil
            return [Self.notification("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])]
        case "textDocument/formatting":
            guard let id else { return [] }
            guard let uri = params["textDocument"]?["uri"]?.string, let text = documents[uri]
            else { return [Self.response(id: id, result: nil)] }
            return [Self.response(id: id, result: .array(formattingEdits(uri: uri, text: text)))]
        case "textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/documentSymbol":
            guard let id else { return [] }
            guard let uri = params["textDocument"]?["uri"]?.string, let text = documents[uri]
            else { return [Self.response(id: id, result: nil)] }
            let document = DocumentIndex(text: text)
            let position = params["position"]
            let offset = document.positions.offset(
                line: position?["line"]?.intValue ?? 0, character: position?["character"]?.intValue ?? 0
            )
            let result: JSONValue
            switch method {
            case "textDocument/hover": result = hover(document, at: offset)
            case "textDocument/completion": result = completion(document, at: offset)
            case "textDocument/definition": result = definition(document, at: offset, uri: uri)
            default: result = .array(document.symbols())
            }
            return [Self.response(id: id, result: result)]
        default:
            guard let id else { return [] }
            return [Self.error(id: id, code: -32601, message: "csbs does not handle '\(method)'")]
        }
    }

    static var capabilities: JSONValue {
        [
        "capabilities": [
            "textDocumentSync": 1,
            "hoverProvider": true,
            "completionProvider": ["triggerCharacters": ["$"]],
            "definitionProvider": true,
            "documentSymbolProvider": true,
            "documentFormattingProvider": true,
        ],
        "serverInfo": ["name": "csbs"],
        ]
    }

    // MARK: Features

    /// The check of `text` as `csbs check` does it, as a `publishDiagnostics` notification.
    func diagnostics(uri: String, text: String) -> JSONValue {
        guard text.utf8.count <= Self.maximumDocumentBytes else {
            let item: JSONValue = [
                "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]],
                "severity": 1, "source": "csbs", "code": "source.tooLarge",
                "message": .string("the document is over \(Self.maximumDocumentBytes >> 20) MiB; it is not checked"),
            ]
            return Self.notification("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": [item]])
        }
        let path = Self.path(of: uri)
        let result = Checker.check(SourceFile(name: path, text: text), options: configuration.checkOptions())
        let positions = LinePositions(text)
        let items: [JSONValue] = result.diagnostics.filter { $0.file.name == path }.map { finding in
            let diagnostic = finding.diagnostic
            let severity: JSONValue =
                switch diagnostic.severity {
                case .error: 1
                case .warning: 2
                case .note: 3
                }
            return [
                "range": positions.range(diagnostic.range), "severity": severity, "source": "csbs",
                "code": .string(diagnostic.id.description), "message": .string(diagnostic.text),
            ]
        }
        return Self.notification("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": .array(items)])
    }

    func hover(_ document: DocumentIndex, at offset: Int) -> JSONValue {
        guard let token = document.token(at: offset) else { return nil }
        let text: String
        switch token.kind {
        case .word(let word):
            if let procedure = document.procedure(named: word) {
                let line = document.positions.position(of: procedure.range.lowerBound).line + 1
                text = "procedure `\(procedure.synopsis)`, defined on line \(line)"
                break
            }
            guard let help = configuration.help(word.lowercased()) else { return nil }
            text = help
        case .variable(let name):
            guard let declaration = document.declaration(of: name) else { return nil }
            let line = document.positions.position(of: declaration.lowerBound).line + 1
            text = "variable `$\(name)`, declared on line \(line)"
        default:
            return nil
        }
        return ["contents": ["kind": "markdown", "value": .string(text)], "range": document.positions.range(token.range)]
    }

    func completion(_ document: DocumentIndex, at offset: Int) -> JSONValue {
        let prefix = document.wordBefore(offset)
        var items: [JSONValue] = []
        if prefix.hasPrefix("$") {
            for name in document.declaredNames.sorted() where ("$" + name).hasPrefix(prefix) {
                items.append(["label": .string("$" + name), "kind": 6, "insertText": .string(name)])
            }
        } else {
            for keyword in configuration.keywords where keyword.hasPrefix(prefix) {
                items.append(["label": .string(keyword), "kind": 14])
            }
            for procedure in document.procedures where procedure.name.hasPrefix(prefix) {
                items.append(["label": .string(procedure.name), "kind": 3, "detail": .string(procedure.synopsis)])
            }
        }
        return ["isIncomplete": false, "items": .array(items)]
    }

    /// `csbs fmt`'s layout as one edit replacing the whole text; none when the text is already in it, has syntax
    /// errors (the diagnostics say why) or the formatter refuses it.
    func formattingEdits(uri: String, text: String) -> [JSONValue] {
        guard text.utf8.count <= Self.maximumDocumentBytes,
            case .formatted(let formatted) = ScriptFormatter.format(SourceFile(name: Self.path(of: uri), text: text)),
            formatted != text
        else { return [] }
        let positions = LinePositions(text)
        return [["range": positions.range(SourceRange(0, text.utf8.count)), "newText": .string(formatted)]]
    }

    /// A variable's first declaration, a procedure's `def`; for the path of a `source "FILE"`, the file (relative to the document's
    /// folder, as `csbs run` reads it) when it exists.
    func definition(_ document: DocumentIndex, at offset: Int, uri: String) -> JSONValue {
        guard let index = document.tokenIndex(at: offset) else { return nil }
        switch document.tokens[index].kind {
        case .variable(let name):
            guard let declaration = document.declaration(of: name) else { return nil }
            return ["uri": .string(uri), "range": document.positions.range(declaration)]
        case .word(let name):
            guard let procedure = document.procedure(named: name) else { return nil }
            return ["uri": .string(uri), "range": document.positions.range(procedure.range)]
        case .string(let path) where index > 0 && document.tokens[index - 1].word == "source":
            let including = Self.path(of: uri)
            let target = LocalPath.resolved(path, from: LocalPath.parent(of: including))
            guard FileManager.default.fileExists(atPath: target) else { return nil }
            let start: JSONValue = ["line": 0, "character": 0]
            return ["uri": .string(URL(fileURLWithPath: target).absoluteString), "range": ["start": start, "end": start]]
        default:
            return nil
        }
    }

    // MARK: Messages

    static func response(id: JSONValue?, result: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id ?? nil, "result": result]
    }

    static func error(id: JSONValue, code: Int, message: String) -> JSONValue {
        ["jsonrpc": "2.0", "id": id, "error": ["code": .integer(code), "message": .string(message)]]
    }

    static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "method": .string(method), "params": params]
    }

    /// The file path of a `file://` URI, percent-decoded; other URIs as they are.
    static func path(of uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        let path = String(uri.dropFirst("file://".count))
        return PercentDecoding.decode(path)
    }
}

/// Messages the transport sends by itself.
public enum LanguageServerMessages {
    /// The answer to a body that is not a JSON object (JSON-RPC's parse error, with a null id).
    public static var parseError: JSONValue {
        ["jsonrpc": "2.0", "id": nil, "error": ["code": -32700, "message": "the message is not a JSON object"]]
    }
}
