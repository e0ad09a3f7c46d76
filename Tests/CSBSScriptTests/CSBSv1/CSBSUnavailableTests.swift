import CSBSClient
import CSBSEmulator
@testable import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Testing

/// `backups`, `show backup` and friends where there is no CSBS service: the CBR results stand.
@Suite("CSBS backups where the CSBS service is missing")
struct CSBSUnavailableTests {
    static let server = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"

    /// A client whose CSBS endpoint is a path the emulator does not serve (its gateway answers 404 APIGW.0101),
    /// like a region without the CSBS service.
    private func clientWithoutCSBS(_ emulator: EmulatorHarness) -> BackupClient {
        var configuration = emulator.configuration()
        let url = emulator.emulator.endpoint
        configuration.endpoints = ServiceEndpoints(iam: url, cbr: url, csbs: url + "/no-csbs-here")
        let clock = emulator.clock
        return BackupClient(configuration: configuration, clock: clock, currentDate: { clock.date })
    }

    private func run(_ text: String, client: BackupClient, output: CollectingOutput) async throws -> Result<Void, RuntimeFailure> {
        let file = SourceFile(name: "no-csbs.csbs", text: text)
        var interpreter = Interpreter(client: client, output: output)
        return try await interpreter.checkAndRun(file)
    }

    @Test("backups lists the CBR backups with a warning; vault-scoped listings do not ask CSBS")
    func listing() async throws {
        let output = CollectingOutput()
        // Given a CBR backup and a client that finds no CSBS service
        let outcome = try await withEmulator { emulator in
            try await run(
                """
                vault "v" size 100; attach server \(Self.server); backup wait
                backups vault v
                let all = backups
                assert $all.count == 1 and $all[0].service == "cbr"
                on error continue
                show backup 00000000-0000-4000-8000-000000000001
                assert $error.code == "BackupService.6200" and $error.id == "runtime.badArgument"
                """,
                client: clientWithoutCSBS(emulator), output: output
            )
        }
        // Then the run succeeds, with one warning at the unscoped `backups` (line 3, column 11) and the CBR not-found
        if case .failure(let failure) = outcome { Issue.record("\(failure.diagnostic.text)\n\(output.transcript)") }
        let warnings = output.diagnostics.filter { $0.contains("[runtime.csbsUnavailable]") }
        #expect(warnings.count == 1, "\(output.diagnostics)")
        #expect(warnings.first?.hasPrefix("no-csbs.csbs:3:11: warning: CSBS backups are not listed") == true, "\(warnings)")
        #expect(warnings.first?.contains("APIGW.0101") == true)
        #expect(output.results.filter { $0.kind == "backups" }.map(\.summary) == ["1 backup"], "the captured listing is quiet")
    }

    @Test("which CSBS failures mean there is no CSBS service", arguments: [
        (ClientError(kind: .service, status: 404, code: "APIGW.0101", message: "no route"), true),
        (ClientError(kind: .service, status: 404, message: "not found"), true),
        (ClientError(kind: .service, status: 400, code: "BackupService.4008", message: "use CBR"), true),
        (ClientError(kind: .network, message: "cannot connect to https://csbs.xx-1.example.com: unknown host"), true),
        (ClientError(kind: .service, status: 404, code: "CSBS.3001", message: "no such backup"), false),
        (ClientError(kind: .network, message: "cannot connect to http://127.0.0.1:9: connection refused"), false),
        (ClientError(kind: .service, status: 500, code: "CSBS.9999", message: "internal"), false),
        (ClientError(kind: .authentication, status: 403, code: "CSBS.9009", message: "not verified"), false),
    ])
    func missingService(_ error: ClientError, missing: Bool) {
        #expect(BackupLookup.csbsIsMissing(error) == missing)
    }
}
