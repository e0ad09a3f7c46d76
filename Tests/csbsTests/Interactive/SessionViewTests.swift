import CSBSClient
import CSBSScript
import CSBSSyntax
import Foundation
import Testing

@testable import csbs

@Suite struct SessionViewTests {
    private func view() -> SessionView {
        SessionView(
            label: "emulator cn-north-4",
            configuration: ClientConfiguration(
                endpoints: .single("http://127.0.0.1:8799"),
                credentials: .password(
                    PasswordCredentials(userName: "demo", password: "hunter22-secret", domainName: "d", project: .name("p"))
                )
            ),
            connection: ConnectionChange(), vault: nil, lastCheckpointID: "ba758084-3b1c-44d7-9c79-7c2cf4992ca2",
            onError: .continue, lastError: .null,
            variables: [("password", .string("hunter22-secret")), ("long", .string(String(repeating: "x", count: 300)))],
            timing: false, expanded: true, pager: "less -FX"
        )
    }

    @Test func everyLineFitsTheWindowAndNoSecretIsShown() {
        let text = view().render(shown: { $0.replacingOccurrences(of: "hunter22-secret", with: "***") }, width: 40)
        for line in text.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= 40, "\(line)")
        }
        #expect(!text.contains("hunter22-secret"))
        #expect(text.contains("credentials"))
        #expect(text.contains("$password  ***"))
        #expect(text.contains("on error      continue"))
    }

    @Test func withoutAWindowValuesAreCutAtTheCellLimit() {
        let text = view().render(shown: { $0 })
        let long = text.split(separator: "\n").first { $0.contains("$long") } ?? ""
        #expect(long.hasSuffix("…"))
        #expect(DisplayWidth.of(String(long)) < 120)
    }
}
