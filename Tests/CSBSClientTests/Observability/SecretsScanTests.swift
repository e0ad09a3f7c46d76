import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@Suite("Nothing written during an authenticated session contains a secret")
struct SecretsScanTests {
    @Test func passwordSessionWithRetriesAndErrorsLeaksNoSecret() async throws {
        try await withEmulator { emulator in
            let directory = try makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            // Given a session that logs everything, traces everything, caches its token and meets faults
            let sink = TextSink()
            let trace = TraceRecorder()
            var logger = Logger(label: "scan") { _ in CapturingLogHandler(sink: sink) }
            logger.logLevel = .trace
            var configuration = emulator.configuration(tokenCacheDirectory: directory + "/tokens")
            configuration.trace = trace.handler
            let recorder = TokenCapturingTransport()
            let clock = emulator.clock
            let client = BackupClient(
                configuration: configuration, transport: recorder, clock: clock, logger: logger,
                currentDate: { clock.date }, random: { 0.5 }
            )
            _ = await emulator.emulator.control.addFault(FaultRule(operation: "list_vault", count: 1, status: 503))
            _ = await emulator.emulator.control.addFault(FaultRule(operation: "create_vault", count: 1, drop: true, phase: .after))
            var written: [String] = []
            // When it works, retries, reconciles and fails
            _ = try await client.listVaults()
            let vault = try await client.createVault(name: "scan", sizeGB: 100)
            do {
                _ = try await client.showVault(id: "3a1f2c4e-0000-4000-8000-000000000000")
            } catch {
                written.append("\(error)")
                written.append(String(reflecting: error))
            }
            written.append(String(reflecting: configuration.credentials))
            written.append(String(reflecting: vault))
            // Then the token, the password and the signature-bearing headers appear nowhere
            let token = try #require(recorder.tokens.first)
            let secrets = [token, EmulatorAccount.demo.password]
            written += trace.events.map(\.description) + trace.events.map { String(reflecting: $0) }
            written += sink.lines
            #expect(!trace.events.isEmpty && !sink.lines.isEmpty)
            for text in written {
                for secret in secrets {
                    #expect(!text.contains(secret), "secret found in: \(text.prefix(200))")
                }
            }
            // The token cache holds the token by design, but never the password, and only for its owner.
            for file in try FileManager.default.contentsOfDirectory(atPath: directory + "/tokens") {
                let path = directory + "/tokens/" + file
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                #expect(!text.contains(EmulatorAccount.demo.password))
                let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
                #expect(mode & 0o077 == 0)
            }
        }
    }

    @Test func accessKeySessionLeaksNeitherSecretKeyNorSignature() async throws {
        try await withEmulator { emulator in
            let trace = TraceRecorder()
            let sink = TextSink()
            var logger = Logger(label: "scan") { _ in CapturingLogHandler(sink: sink) }
            logger.logLevel = .trace
            let account = EmulatorAccount.demo
            let configuration = ClientConfiguration(
                endpoints: .single(emulator.emulator.endpoint),
                credentials: .accessKey(
                    AccessKeyCredentials(
                        accessKey: account.accessKeyID, secretKey: account.secretAccessKey, securityToken: "sts-Token-77",
                        projectID: account.projectID
                    )
                ),
                trace: trace.handler
            )
            let clock = emulator.clock
            let recorder = TokenCapturingTransport()
            let client = BackupClient(
                configuration: configuration, transport: recorder, clock: clock, logger: logger, currentDate: { clock.date }
            )
            _ = try? await client.listVaults()
            let signatures = recorder.signatures
            #expect(!signatures.isEmpty)
            let written = trace.events.map(\.description) + sink.lines
            for text in written {
                for secret in [account.secretAccessKey, "sts-Token-77"] + signatures {
                    #expect(!text.contains(secret), "secret found in: \(text.prefix(200))")
                }
            }
        }
    }
}

/// The real transport, remembering the IAM tokens and signatures that went over the wire so the test knows
/// what to look for.
final class TokenCapturingTransport: HTTPTransport, Sendable {
    private let inner = HTTP1Transport()
    private let seen = Mutex<(tokens: [String], signatures: [String])>(([], []))

    func execute(_ request: HTTPRequest, timeout: Duration, logger: Logger) async throws -> HTTPResponse {
        if let authorization = request.headers.first(where: { $0.0 == "Authorization" })?.1,
            let range = authorization.range(of: "Signature=")
        {
            seen.withLock { $0.signatures.append(String(authorization[range.upperBound...])) }
        }
        let response = try await inner.execute(request, timeout: timeout, logger: logger)
        if let token = response.header("X-Subject-Token") {
            seen.withLock { $0.tokens.append(token) }
        }
        return response
    }

    var tokens: [String] { seen.withLock { $0.tokens } }
    var signatures: [String] { seen.withLock { $0.signatures } }
}

/// Lines logged through ``CapturingLogHandler``.
final class TextSink: Sendable {
    private let storage = Mutex<[String]>([])

    func append(_ line: String) { storage.withLock { $0.append(line) } }

    var lines: [String] { storage.withLock { $0 } }
}

/// A swift-log handler that keeps every message and its metadata as text.
struct CapturingLogHandler: LogHandler {
    let sink: TextSink
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        sink.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(metadata)")
    }
}
