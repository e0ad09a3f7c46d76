import Foundation
import Testing

/// `csbs lsp` as an editor starts it: framed JSON-RPC on standard input and output.
@Suite struct LanguageServerCLITests {
    private static func frame(_ json: String) -> String {
        "Content-Length: \(json.utf8.count)\r\n\r\n" + json
    }

    /// The JSON bodies of the framed messages in `output`.
    private static func messages(_ output: String) -> [[String: Any]] {
        output.components(separatedBy: "Content-Length: ").dropFirst().compactMap { chunk in
            guard let start = chunk.range(of: "\r\n\r\n") else { return nil }
            let body = Data(chunk[start.upperBound...].utf8)
            return try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        }
    }

    @Test func aSessionFromInitializeToExit() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // A name error (a file with syntax errors reports no unused variable) and an unused variable.
        let text = #"vault \"v\" size 100\necho $nope\nlet unused = 1\n"#
        let input = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
            #"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/x.csbs","languageId":"csbs","version":1,"text":"\#(text)"}}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/x.csbs"},"position":{"line":0,"character":1}}}"#,
            "not json",
            #"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#,
            #"{"jsonrpc":"2.0","method":"exit"}"#,
        ].map(Self.frame).joined()
        let outcome = try await runner.run(["lsp"], stdin: input)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let messages = Self.messages(outcome.stdout)
        let initialize = try #require(messages.first { $0["id"] as? Int == 1 }?["result"] as? [String: Any])
        #expect((initialize["capabilities"] as? [String: Any])?["hoverProvider"] as? Bool == true)
        let published = try #require(messages.first { $0["method"] as? String == "textDocument/publishDiagnostics" })
        let diagnostics = try #require((published["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]])
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { ($0["code"] as? String)?.contains(".") == true })
        // The warnings of csbs check, with severity Warning.
        let warning = try #require(diagnostics.first { $0["code"] as? String == "lint.unusedVariable" }, "\(diagnostics)")
        #expect(warning["severity"] as? Int == 2)
        let hover = try #require(messages.first { $0["id"] as? Int == 2 }?["result"] as? [String: Any])
        #expect(((hover["contents"] as? [String: Any])?["value"] as? String)?.contains("vault NAME size GB") == true)
        #expect(messages.contains { ($0["error"] as? [String: Any])?["code"] as? Int == -32700 })
    }

    @Test func anEditorThatGoesAwayWithoutExitEndsTheServerWithStatus1() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["lsp"], stdin: Self.frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#))
        #expect(outcome.status == 1)
    }
}

/// Neovim's own LSP client against `csbs lsp` (scripts/lsp-neovim), where Neovim is installed.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/nvim"), "needs neovim"))
struct NeovimLanguageClientTests {
    @Test func neovimReceivesTheDiagnosticsAndTheHover() async throws {
        let (status, output) = try await offThePool {
            let process = Process()
            process.executableURL = InstallTests.repository.appendingPathComponent("scripts/lsp-neovim")
            process.environment = ProcessInfo.processInfo.environment.merging(["CSBS_BIN": CommandRunner.binary]) { $1 }
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
        #expect(status == 0, "\(output)")
        #expect(output.contains("[parse.unknownStatement] unknown statement 'backupp'"), "\(output)")
        #expect(output.contains("hover on line"), "\(output)")
    }
}
