import CSBSClient
import CSBSShell
import Foundation
import Testing

@testable import csbs

/// The shell's completion data from the backend: every page, not only the first.
@Suite struct CompletionRefreshTests {
    @Test func completionListsEveryVaultPastTheFirstPage() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-completion-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CACHE_HOME": home + "/cache"]
        let backend = Task { try await Backend.connect(overrides: ConfigurationOverrides(), environment: environment, announce: false) }
        let engine = InterpreterEngine(
            backend: backend, output: TerminalOutput(environment: [:], mode: .quiet), environment: environment,
            backendLabel: "emulator"
        )
        // A page of vaults holds 100.
        #expect(await engine.evaluate(#"for i in 1..130 { vault "page_${i}" size 10 }"#) == .succeeded)
        let catalog = await engine.completionCatalog()
        #expect(catalog.vaultNames.count == 130)
        #expect(catalog.vaultNames.contains("page_130"))
        await engine.shutdown()
        if let running = try? await backend.value { await running.shutdown() }
    }
}
