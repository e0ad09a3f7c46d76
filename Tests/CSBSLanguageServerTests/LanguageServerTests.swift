import CSBSLanguageServer
import CSBSPlatform
import CSBSSyntax
import Foundation
import Testing

/// The server driven message by message, as an editor would.
@Suite struct LanguageServerTests {
    private func server() -> LanguageServer {
        var server = LanguageServer(
            configuration: LanguageServerConfiguration(
                checkOptions: { CheckOptions() }, keywords: ["backup", "backups", "vault", "vaults", "wait"],
                help: { $0 == "backup" ? "backup [wait]\n\nTakes a backup." : nil }
            )
        )
        _ = server.handle(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [:]])
        return server
    }

    private func open(_ server: inout LanguageServer, _ text: String, uri: String = "file:///w/a%20b.csbs") -> [JSONValue] {
        server.handle([
            "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": ["textDocument": ["uri": .string(uri), "languageId": "csbs", "version": 1, "text": .string(text)]],
        ])
    }

    private func request(_ server: inout LanguageServer, _ method: String, line: Int, character: Int) -> JSONValue? {
        let replies = server.handle([
            "jsonrpc": "2.0", "id": 7, "method": .string(method),
            "params": [
                "textDocument": ["uri": "file:///w/a%20b.csbs"], "position": ["line": .integer(line), "character": .integer(character)],
            ],
        ])
        return replies.first?["result"]
    }

    @Test func diagnosticsOnOpenAndChangeCarryTheStableIDs() throws {
        var server = server()
        let opened = open(&server, "vault \"v\" size 100\nechoo 1\necho $missing\n")
        let params = try #require(opened.first?["params"])
        #expect(opened.first?["method"]?.string == "textDocument/publishDiagnostics")
        #expect(params["uri"]?.string == "file:///w/a%20b.csbs")
        let diagnostics = try #require(params["diagnostics"]?.array)
        let codes = diagnostics.compactMap { $0["code"]?.string }
        #expect(codes.contains("parse.unknownStatement"), "\(codes)")
        let first = try #require(diagnostics.first { $0["code"]?.string == "parse.unknownStatement" })
        #expect(first["range"]?["start"] == ["line": 1, "character": 0])
        #expect(first["severity"]?.intValue == 1 && first["source"]?.string == "csbs")

        let changed = server.handle([
            "jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": [
                "textDocument": ["uri": "file:///w/a%20b.csbs", "version": 2],
                "contentChanges": [["text": "echo 1\n"]],
            ],
        ])
        let cleared = try #require(changed.first?["params"]?["diagnostics"]?.array)
        #expect(cleared.isEmpty)
    }

    @Test func hoverCompletionDefinitionAndSymbols() throws {
        var server = server()
        _ = open(&server, "let target = \"e8cc\"\nbackup wait\necho $target\nfor s in [1] {\n  let inner = 1\n}\n")
        let hover = try #require(request(&server, "textDocument/hover", line: 1, character: 2))
        #expect(hover["contents"]?["value"]?.string?.contains("Takes a backup.") == true)
        let variableHover = try #require(request(&server, "textDocument/hover", line: 2, character: 7))
        #expect(variableHover["contents"]?["value"]?.string == "variable `$target`, declared on line 1")

        _ = server.handle([
            "jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": [
                "textDocument": ["uri": "file:///w/a%20b.csbs"],
                "contentChanges": [["text": "let target = 1\nbac\necho $ta\n"]],
            ],
        ])
        let keywords = try #require(request(&server, "textDocument/completion", line: 1, character: 3))
        #expect(keywords["items"]?.array?.compactMap { $0["label"]?.string } == ["backup", "backups"])
        let variables = try #require(request(&server, "textDocument/completion", line: 2, character: 8))
        #expect(variables["items"]?.array?.compactMap { $0["label"]?.string } == ["$target"])

        _ = open(&server, "let target = \"e8cc\"\nbackup wait\necho $target\nfor s in [1] {\n  let inner = 1\n}\n")
        let definition = try #require(request(&server, "textDocument/definition", line: 2, character: 7))
        #expect(definition["range"]?["start"] == ["line": 0, "character": 4])
        let symbols = try #require(request(&server, "textDocument/documentSymbol", line: 0, character: 0)?.array)
        #expect(symbols.compactMap { $0["name"]?.string } == ["target"])
    }

    /// A procedure: go to its `def` from a call, hover shows how it is called, completion offers it, it is a symbol
    /// of kind Function, and `$param` in its body goes to the parameter.
    @Test func proceduresAreSymbolsWithDefinitionsHoverAndCompletion() throws {
        var server = server()
        _ = open(&server, "def protect_one(server, tries) {\n  echo $server\n}\nprotect_one(1, 2)\nprot\n")
        let definition = try #require(request(&server, "textDocument/definition", line: 3, character: 3))
        #expect(definition["range"]?["start"] == ["line": 0, "character": 4])
        let parameter = try #require(request(&server, "textDocument/definition", line: 1, character: 9))
        #expect(parameter["range"]?["start"] == ["line": 0, "character": 16])
        let hover = try #require(request(&server, "textDocument/hover", line: 3, character: 3))
        #expect(hover["contents"]?["value"]?.string == "procedure `protect_one(server, tries)`, defined on line 1")
        let completion = try #require(request(&server, "textDocument/completion", line: 4, character: 4))
        #expect((completion["items"]?.array)?.compactMap { $0["label"]?.string } == ["protect_one"])
        let symbols = try #require(request(&server, "textDocument/documentSymbol", line: 0, character: 0)?.array)
        #expect(symbols.compactMap { $0["name"]?.string } == ["protect_one(server, tries)"])
        #expect(symbols.compactMap { $0["kind"]?.intValue } == [12])
    }

    @Test func formattingIsOneEditWithTheFormattersLayout() throws {
        var server = server()
        _ = open(&server, "if true {\necho  1\n}\n")
        let replies = server.handle([
            "jsonrpc": "2.0", "id": 9, "method": "textDocument/formatting",
            "params": ["textDocument": ["uri": "file:///w/a%20b.csbs"], "options": ["tabSize": 4]],
        ])
        let edits = try #require(replies.first?["result"]?.array)
        #expect(edits.count == 1)
        #expect(edits.first?["newText"]?.string == "if true {\n    echo 1\n}\n")
        _ = open(&server, "if true {\n    echo 1\n}\n")
        let none = server.handle([
            "jsonrpc": "2.0", "id": 10, "method": "textDocument/formatting",
            "params": ["textDocument": ["uri": "file:///w/a%20b.csbs"]],
        ])
        #expect(none.first?["result"]?.array?.isEmpty == true)
    }

    @Test func definitionOfASourcedFileIsTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-lsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "echo 1\n".write(to: folder.appendingPathComponent("lib.csbs"), atomically: true, encoding: .utf8)
        var server = server()
        let uri = folder.appendingPathComponent("main.csbs").absoluteString
        _ = open(&server, "source \"lib.csbs\"\nsource \"missing.csbs\"\n", uri: uri)
        func definition(line: Int) -> JSONValue? {
            server.handle([
                "jsonrpc": "2.0", "id": 5, "method": "textDocument/definition",
                "params": ["textDocument": ["uri": .string(uri)], "position": ["line": .integer(line), "character": 10]],
            ]).first?["result"]
        }
        let found = try #require(definition(line: 0))
        #expect(found["uri"]?.string == folder.appendingPathComponent("lib.csbs").absoluteString)
        #expect(definition(line: 1) == .null)
    }

    @Test func lifecycleUnknownMethodsAndRequestsBeforeInitialize() {
        var fresh = LanguageServer(
            configuration: LanguageServerConfiguration(checkOptions: { CheckOptions() }, keywords: [], help: { _ in nil })
        )
        let early = fresh.handle(["jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": [:]])
        #expect(early.first?["error"]?["code"]?.intValue == -32002)
        var server = server()
        let unknown = server.handle(["jsonrpc": "2.0", "id": 2, "method": "textDocument/rename", "params": [:]])
        #expect(unknown.first?["error"]?["code"]?.intValue == -32601)
        _ = server.handle(["jsonrpc": "2.0", "id": 3, "method": "shutdown"])
        _ = server.handle(["jsonrpc": "2.0", "method": "exit"])
        #expect(server.exitStatus == 0)
    }

    @Test func positionsCountUTF16UnitsAsTheProtocolDoes() {
        let positions = LinePositions("echo \"😀\" x\nnext")
        let x = Array("echo \"😀\" x".utf8).count - 1
        #expect(positions.position(of: x) == (0, 10))
        #expect(positions.offset(line: 0, character: 10) == x)
        #expect(positions.position(of: x + 2) == (1, 0))
        #expect(positions.offset(line: 9, character: 0) == Array("echo \"😀\" x\nnext".utf8).count)
    }

    @Test func framingReadsWholeMessagesAndRefusesOversizedOnes() throws {
        var reader = MessageReader()
        let body = Data(#"{"jsonrpc":"2.0","method":"initialized"}"#.utf8)
        let message = framed(body)
        reader.append(message.prefix(10))
        #expect(try reader.next() == nil)
        reader.append(message.dropFirst(10) + message)
        #expect(try reader.next() == Array(body))
        #expect(try reader.next() == Array(body))
        var hostile = MessageReader()
        hostile.append(Data("Content-Length: 999999999999\r\n\r\n".utf8))
        #expect(throws: MessageReader.FramingError.bodyTooLarge(999_999_999_999)) { try hostile.next() }
        var headless = MessageReader()
        headless.append(Data(repeating: UInt8(ascii: "a"), count: MessageReader.maximumHeaderBytes + 1))
        #expect(throws: MessageReader.FramingError.headerTooLong) { try headless.next() }
    }
}
