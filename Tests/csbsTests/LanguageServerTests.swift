import Foundation
import Testing

@testable import csbs

/// `csbs lsp`: diagnostics with their stable ids on open and change, formatting through `csbs fmt`'s layout, the
/// lifecycle; in process, and once over stdio as an editor drives it.
@Suite("csbs lsp")
struct LanguageServerTests {
    static func message(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object.merging(["jsonrpc": "2.0"]) { $1 })
    }

    static func didOpen(_ text: String, uri: String = "file:///tmp/r%C3%A9.csbs") -> [String: Any] {
        ["method": "textDocument/didOpen", "params": ["textDocument": ["uri": uri, "languageId": "csbs", "version": 1, "text": text]]]
    }

    @Test func publishesTheCheckDiagnosticsWithTheirIdsAndUTF16Positions() throws {
        var server = LanguageServer()
        let reply = server.handle(try Self.message(Self.didOpen("echo \"é\" $missing\nlet x = 1\n")))
        let params = try #require(reply.messages.first?["params"] as? [String: Any])
        #expect(reply.messages.first?["method"] as? String == "textDocument/publishDiagnostics")
        #expect(params["uri"] as? String == "file:///tmp/r%C3%A9.csbs")
        let diagnostics = try #require(params["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["code"] as? String == "resolve.undefinedVariable")
        #expect(diagnostics.first?["severity"] as? Int == 1)
        let range = try #require(diagnostics.first?["range"] as? [String: [String: Int]])
        // `é` is two UTF-8 bytes but one UTF-16 unit: the variable starts at character 9.
        #expect(range["start"] == ["line": 0, "character": 9])
        #expect(range["end"] == ["line": 0, "character": 17])

        let change: [String: Any] = [
            "method": "textDocument/didChange",
            "params": ["textDocument": ["uri": "file:///tmp/r%C3%A9.csbs", "version": 2], "contentChanges": [["text": "echo ok\n"]]],
        ]
        let fixed = server.handle(try Self.message(change))
        #expect(((fixed.messages.first?["params"] as? [String: Any])?["diagnostics"] as? [Any])?.isEmpty == true)
    }

    @Test func formatsWithTheFormattersLayout() throws {
        var server = LanguageServer()
        _ = server.handle(try Self.message(Self.didOpen("let x=1;echo $x\n", uri: "file:///a.csbs")))
        let request: [String: Any] = [
            "id": 7, "method": "textDocument/formatting",
            "params": ["textDocument": ["uri": "file:///a.csbs"], "options": ["tabSize": 4, "insertSpaces": true]],
        ]
        let reply = server.handle(try Self.message(request))
        #expect(reply.messages.first?["id"] as? Int == 7)
        let edits = try #require(reply.messages.first?["result"] as? [[String: Any]])
        #expect(edits.first?["newText"] as? String == "let x = 1\necho $x\n")
        let range = try #require(edits.first?["range"] as? [String: [String: Int]])
        #expect(range["start"] == ["line": 0, "character": 0])
        #expect(range["end"] == ["line": 1, "character": 0])
    }

    @Test func answersEveryRequestAndRefusesGarbage() throws {
        var server = LanguageServer()
        let initialize = server.handle(try Self.message(["id": 1, "method": "initialize", "params": [:]]))
        let capabilities = (initialize.messages.first?["result"] as? [String: Any])?["capabilities"] as? [String: Any]
        #expect(capabilities?["documentFormattingProvider"] as? Bool == true)
        let unknown = server.handle(try Self.message(["id": 2, "method": "textDocument/hover", "params": [:]]))
        #expect((unknown.messages.first?["error"] as? [String: Any])?["code"] as? Int == -32601)
        #expect(server.handle(try Self.message(["method": "$/cancelRequest", "params": [:]])).messages.isEmpty)
        let garbage = server.handle(Data("{not json".utf8))
        #expect((garbage.messages.first?["error"] as? [String: Any])?["code"] as? Int == -32700)
        #expect(server.handle(try Self.message(["method": "exit"])).exitStatus == 1)
        _ = server.handle(try Self.message(["id": 3, "method": "shutdown"]))
        #expect(server.handle(try Self.message(["method": "exit"])).exitStatus == 0)
    }

    @Test func servesOverStdio() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        var input = ""
        for object: [String: Any] in [
            ["id": 1, "method": "initialize", "params": ["capabilities": [:]]],
            ["method": "initialized", "params": [:]],
            Self.didOpen("vault\n", uri: "file:///w.csbs"),
            ["id": 2, "method": "shutdown"],
            ["method": "exit"],
        ] {
            let body = try Self.message(object)
            input += "Content-Length: \(body.count)\r\n\r\n" + String(decoding: body, as: UTF8.self)
        }
        let outcome = try await runner.run(["lsp"], stdin: input)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains(#""code":"parse.expectedVaultName""#))
        #expect(outcome.stdout.hasPrefix("Content-Length: "))
        // Three answers: initialize, the diagnostics, shutdown.
        #expect(outcome.stdout.components(separatedBy: "Content-Length: ").count == 4)
    }
}
