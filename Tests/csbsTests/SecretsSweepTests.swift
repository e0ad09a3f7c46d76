import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The issue's secrets sweep over the whole binary: representative runs of `csbs` against `csbs serve` (password
/// from the environment with `-v` and `--json`, an access key with `-v`, a ready-made token, a password profile,
/// an interactive session that types a secret), then every stream and every file they wrote is scanned for the
/// password, the secret key, every IAM token the emulator ever issued, and request signatures.
///
/// What is excluded, explicitly and for a reason:
/// - the token cache (`$XDG_CACHE_HOME/csbs/tokens/…`) may hold a token: that is what it is for. It must be
///   mode 0600 and hold neither the password nor the secret key;
/// - the profiles file holds the password because the test wrote it there;
/// - the banner of `csbs serve` prints the emulator's demo password and access key on purpose;
/// - the emulator's own database is the service side: it must keep the access key's secret (HMAC needs it) and
///   the password and tokens it checks requests against, in `user.password`, `accessKey.secret` and
///   `token.token` only. Every other table and column is scanned.
@Suite("Secrets sweep: nothing csbs writes holds a secret", .serialized)
struct SecretsSweepTests {
    @Test func everyStreamAndFileIsFreeOfSecrets() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let database = runner.home + "/serve/emulator.sqlite"
        let serve = try await ServeProcess.start(runner, ["--db", database, "--port", "0", "--backup-duration", "0s"])
        defer { serve.stop() }
        let settings = serve.settings
        let password = try #require(settings["OS_PASSWORD"])
        let secretKey = try #require(settings["HUAWEICLOUD_SDK_SK"])
        let endpoint = serve.endpoint
        var streams: [(String, String)] = []

        // Password from the environment, traced, JSON results, and a failing command.
        let passwordEnvironment = settings.filter { $0.key.hasPrefix("OS_") }
        let script = #"vault "sweep" size 10; attach server e8cc6bfd-d324-4b88-9109-9fb0ba70676f; backup wait; "#
            + #"show vault "no-such-vault""#
        streams += try await Self.run(runner, "password -v --json", ["-v", "--json", "--endpoint", endpoint, "-c", script],
                                passwordEnvironment, expectFailure: true)
        // An access key (AK/SK signing), traced.
        let keyEnvironment = settings.filter { $0.key.hasPrefix("HUAWEICLOUD_SDK_") }
        streams += try await Self.run(runner, "access key -v", ["-v", "--endpoint", endpoint, "-c", "vaults; backups"],
                                keyEnvironment)
        // A token obtained elsewhere.
        let token = try await serveToken(serve)
        #expect(!token.isEmpty)
        let tokenEnvironment = ["OS_AUTH_TOKEN": token, "OS_PROJECT_ID": settings["OS_PROJECT_ID"] ?? ""]
        streams += try await Self.run(runner, "token -v --json", ["-v", "--json", "--endpoint", endpoint, "-c", "vaults"],
                                tokenEnvironment)
        // A password profile in the profiles file.
        let profilePath = runner.home + "/.config/csbs/config"
        try FileManager.default.createDirectory(
            atPath: runner.home + "/.config/csbs", withIntermediateDirectories: true)
        let profile = """
            [profile sweep]
            auth = password
            user = \(settings["OS_USERNAME"] ?? "")
            domain = \(settings["OS_USER_DOMAIN_NAME"] ?? "")
            password = \(password)
            project_name = \(settings["OS_PROJECT_NAME"] ?? "")
            iam_endpoint = \(endpoint)
            cbr_endpoint = \(endpoint)
            csbs_endpoint = \(endpoint)
            """
        try profile.write(toFile: profilePath, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: profilePath)
        streams += try await Self.run(runner, "profile -v", ["-v", "--profile", "sweep", "-c", "vaults"], [:])
        // An interactive session (history file) where the user types the password into variables.
        let typedSecrets = ["let password = \"\(password)\"", "let pw = \"\(password)\""]
        let historyPath = runner.home + "/state/csbs/history"
        if TerminalSession.isAvailable {
            let shell = try TerminalSession(
                home: runner.home, environment: runner.environment(), arguments: ["--profile", "sweep"])
            defer { shell.close() }
            try await shell.waitFor("127.0.0.1>")
            try shell.type("vaults")
            try shell.press("Enter")
            for line in typedSecrets {
                try shell.type(line)
                try shell.press("Enter")
            }
            try shell.type("echo \"done\"")
            try shell.press("Enter")
            // The terminal shows what the user typed; everything else on the screen is csbs's.
            var screen = try await shell.waitFor("done\n")
            for line in typedSecrets { screen = screen.replacingOccurrences(of: line, with: "") }
            streams.append(("interactive screen", screen))
            try shell.press("C-d")
            try await shell.waitForExit()
        }
        // The emulator's control API: request log and state dump.
        for path in ["requests", "state"] {
            let reply = try await Self.fetch(endpoint + "/csbs-emulator/v1/" + path)
            streams.append(("GET /csbs-emulator/v1/\(path)", reply))
        }

        // Every token the emulator issued, to all of the runs above.
        let tokens = try await Self.query(database, "SELECT token FROM token").map { $0 }
        #expect(tokens.count >= 3)
        let secrets = [password, secretKey] + tokens
        for (name, text) in streams {
            Self.expectClean(text, of: name, secrets: secrets)
        }
        // Every file under HOME (state, cache, history, config) and the emulator's directory.
        let cache = runner.home + "/cache/csbs/tokens"
        for file in Self.files(under: runner.home) {
            if file == profilePath || file == historyPath { continue }
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
            if file.hasPrefix(cache + "/") {
                Self.expectClean(text, of: file, secrets: [password, secretKey])
                let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(file) has mode \(String(mode ?? 0, radix: 8))")
                continue
            }
            if file.hasPrefix(runner.home + "/serve/") { continue }  // the service side, checked by rows below
            Self.expectClean(text, of: file, secrets: secrets)
        }
        // The history file: no secret, also where a line assigns the configured password to an innocent name.
        if TerminalSession.isAvailable {
            let history = try String(contentsOfFile: historyPath, encoding: .utf8)
            Self.expectClean(history, of: historyPath, secrets: secrets)
            #expect(history.contains("vaults\n"))
            #expect(!history.contains(typedSecrets[1]))
        }
        // The emulator's database, row by row, except the three columns it needs to check credentials.
        let allowed: Set<String> = ["user.password", "accessKey.secret", "token.token"]
        for table in try await Self.query(database, "SELECT name FROM sqlite_master WHERE type = 'table'") {
            let columns = try await Self.query(database, "SELECT name FROM pragma_table_info('\(table)')")
            for column in columns where !allowed.contains("\(table).\(column)") {
                let values = try await Self.query(database, "SELECT \"\(column)\" FROM \"\(table)\"")
                Self.expectClean(values.joined(separator: "\n"), of: "\(table).\(column)", secrets: secrets)
            }
        }
    }

    // MARK: Helpers

    /// Runs csbs; returns its stdout and stderr, named.
    static func run(
        _ runner: CommandRunner, _ name: String, _ arguments: [String], _ environment: [String: String],
        expectFailure: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [(String, String)] {
        let outcome = try await runner.run(arguments, environment: environment)
        #expect((outcome.status != 0) == expectFailure, "\(name): \(outcome.stderr)", sourceLocation: sourceLocation)
        return [("\(name) stdout", outcome.stdout), ("\(name) stderr", outcome.stderr)]
    }

    /// No secret, and no `Signature=<64 hex>` (an SDK-HMAC-SHA256 signature), in `text`.
    static func expectClean(
        _ text: String, of name: String, secrets: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for secret in secrets where !secret.isEmpty {
            #expect(!text.contains(secret), "a secret (\(secret.count) characters) is in \(name)",
                    sourceLocation: sourceLocation)
        }
        let signature = text.firstMatch(of: /Signature=[0-9a-f]{64}/)
        #expect(signature == nil, "a request signature is in \(name)", sourceLocation: sourceLocation)
    }

    /// Every regular file below `directory`.
    static func files(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files
    }

    /// One column of a query's rows, through the `sqlite3` shell (read-only, next to the running emulator).
    static func query(_ database: String, _ sql: String) async throws -> [String] {
        try await offThePool { try queryBlocking(database, sql) }
    }

    private static func queryBlocking(_ database: String, _ sql: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", "-noheader", "-list", database, sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The body of a GET, as text.
    static func fetch(_ url: String) async throws -> String {
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        let (data, _) = try await URLSession.shared.data(from: target)
        return String(decoding: data, as: UTF8.self)
    }
}
