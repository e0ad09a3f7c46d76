import CSBSShell
import Testing

@Suite struct CompleterTests {
    let catalog = CompletionCatalog(
        statements: ["attach", "backup", "backups", "help", "history", "vault", "vaults"],
        options: ["backup": ["name", "wait", "timeout"], "vault": ["size", "server", "disk"]],
        vaultNames: ["my_vault", "nightly"],
        servers: [.init(id: "e8cc6bfd-d324-4b88-9109-9fb0ba70676f", name: "web-01")],
        variables: ["b", "vault_id"]
    )
    let completer = Completer(listDirectory: { directory in
        directory == "." ? [("scripts", true), ("seed.csbs", false), (".hidden", false)] : [("seed-cbr.csbs", false)]
    })

    private func complete(_ text: String) -> CompletionResult {
        completer.complete(CompletionRequest(textBeforeCursor: text), catalog: catalog)
    }

    @Test func statementKeywordsAtTheStart() {
        #expect(complete("ba").candidates == ["backup", "backups"])
        #expect(complete("vault \"a\" size 10; att").candidates == ["attach"])
    }

    @Test func vaultNamesAreQuoted() {
        #expect(complete("vault \"my").candidates == ["\"my_vault\""])
        #expect(complete("vault ni") == CompletionResult(wordLength: 2, candidates: ["\"nightly\""]))
    }

    @Test func serversMatchByIdOrName() {
        #expect(complete("attach server web").candidates == ["e8cc6bfd-d324-4b88-9109-9fb0ba70676f"])
        #expect(complete("attach server e8").candidates == ["e8cc6bfd-d324-4b88-9109-9fb0ba70676f"])
    }

    @Test func optionsOfTheStatementNotYetUsed() {
        #expect(complete("backup wait ").candidates == ["name", "timeout"])
    }

    @Test func variablesAfterADollar() {
        #expect(complete("echo $v").candidates == ["$vault_id"])
    }

    @Test func filesAfterSource() {
        #expect(complete("source \"s").candidates == ["\"scripts/", "\"seed.csbs\""])
        #expect(complete("source \"scripts/se").candidates == ["\"scripts/seed-cbr.csbs\""])
    }

    @Test func commonPrefix() {
        #expect(Completer.commonPrefix(of: ["backup", "backups"]) == "backup")
        #expect(Completer.commonPrefix(of: []) == "")
    }
}
