@testable import CSBSShell
import Testing

@Suite struct CompleterTests {
    let catalog = CompletionCatalog(
        statements: ["attach", "backup", "backups", "help", "history", "let", "set", "vault", "vaults"],
        synopses: [
            "backup [name \"…\"] [description \"…\"] [full|incremental] [server ID…] [wait [timeout D]]",
            "vault NAME size GB [server|disk] [crash|app] [tag KEY=VALUE…] [resize]",
            "show backup ID", "show checkpoint ID", "show vault [NAME]",
            "delete backup ID [wait [timeout D]]", "delete vault [NAME] [force]",
            "if COND { … } else if COND { … } else { … }", "for NAME in LIST { … }",
            "for NAME in LIST parallel N { … }", "on error stop|continue",
            "policy NAME every day|WEEKDAY[,WEEKDAY…] at HH:MM [keep N | retain D] [update]",
            "history [N] | history save FILE",
        ],
        vaultNames: ["my_vault", "nightly"],
        servers: [.init(id: "e8cc6bfd-d324-4b88-9109-9fb0ba70676f", name: "web-01")],
        variables: ["b", "vault_id"],
        environmentNames: ["HOME", "HOSTNAME", "PATH"],
        values: [
            "region": ["cn-north-4", "cn-south-1"], "every": ["mo", "tu"], "status": ["available", "error"],
            "tasks status": ["failed", "success"],
        ]
    )
    let completer = Completer(listDirectory: { directory in
        switch directory {
        case ".": [("scripts", true), ("seed.csbs", false), (".hidden", false), ("my dir", true)]
        case "my dir/": [("first run.csbs", false)]
        default: [("seed-cbr.csbs", false)]
        }
    })

    private func complete(_ text: String) -> CompletionResult {
        completer.complete(CompletionRequest(textBeforeCursor: text), catalog: catalog)
    }

    @Test func statementKeywordsAtTheStart() {
        #expect(complete("ba").candidates == ["backup", "backups"])
        #expect(complete("vault \"a\" size 10; att").candidates == ["attach"])
    }

    @Test func vaultNamesAreQuoted() {
        #expect(complete("vault \"my") == CompletionResult(wordLength: 2, candidates: ["my_vault\""]))
        #expect(complete("vault ni") == CompletionResult(wordLength: 2, candidates: ["\"nightly\""]))
    }

    @Test func serversMatchByIdOrName() {
        #expect(complete("attach server web").candidates == ["e8cc6bfd-d324-4b88-9109-9fb0ba70676f"])
        #expect(complete("attach server e8").candidates == ["e8cc6bfd-d324-4b88-9109-9fb0ba70676f"])
    }

    @Test func setFormsCompleteEveryIDNotYetListed() {
        let fleet = CompletionCatalog(
            statements: catalog.statements,
            synopses: [
                "attach server|disk ID… [name \"…\"]",
                "backup [name \"…\"] [description \"…\"] [full|incremental] [server ID…] [wait [timeout D]]",
            ],
            servers: [
                .init(id: "e8cc6bfd-d324-4b88-9109-9fb0ba70676f", name: "web-01"),
                .init(id: "1a503932-ee8f-4dd5-8248-8dfb57e584c5", name: "web-02"),
            ]
        )
        func complete(_ text: String) -> CompletionResult {
            completer.complete(CompletionRequest(textBeforeCursor: text), catalog: fleet)
        }
        let first = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
        let second = "1a503932-ee8f-4dd5-8248-8dfb57e584c5"
        // Only the first ID after `server` was completed; the set form takes more.
        #expect(complete("attach server \(first) we").candidates == [second])
        #expect(complete("attach server \(first) ").candidates == [second, "name"])
        #expect(complete("backup wait server \(first) web").candidates == [second])
        // A list: its first item keeps the bracket (readline replaces the whole word), later ones follow a comma.
        let opening = complete("attach server [we")
        #expect(opening.candidates == ["[" + second, "[" + first])
        #expect(opening.descriptions == ["[" + first: "web-01", "[" + second: "web-02"])
        #expect(complete("attach server [\(first), we").candidates == [second])
        #expect(complete("attach server [\(first), \(second)] ").candidates == ["name"])
        // A keyword ends the set: after `name` a string comes; after `wait` the options.
        #expect(!complete("attach server \(first) name ").candidates.contains(second))
        #expect(!complete("backup server \(first) wait ").candidates.contains(second))
        #expect(complete("detach server [\(first), ").candidates == [second])
    }

    @Test func valuesByStatementAndKeyword() {
        // `tasks status` takes a task's statuses, not a backup's
        #expect(complete("tasks status ").candidates.prefix(2) == ["failed", "success"])
        #expect(complete("backups status ").candidates.prefix(2) == ["available", "error"])
    }

    @Test func optionsOfTheStatementNotYetUsed() {
        #expect(complete("backup wait ").candidates == ["description", "full", "incremental", "name", "server", "timeout"])
        #expect(complete("backup full name \"x\" ").candidates == ["description", "server", "wait"])
    }

    @Test func keywordsWhereTheGrammarAllowsThem() {
        #expect(!complete("backup ").candidates.contains("timeout"))
        #expect(complete("show backup 1234 ").candidates == [])
        #expect(complete("delete backup 1234 ").candidates == ["wait"])
        #expect(complete("delete backup 1234 wait ").candidates == ["timeout"])
        #expect(complete("delete vault ").candidates == ["\"my_vault\"", "\"nightly\""])
        #expect(complete("delete vault \"nightly\" ").candidates == ["force"])
        #expect(complete("on ").candidates == ["error"])
        #expect(complete("on error ").candidates == ["continue", "stop"])
        #expect(complete("for x ").candidates == ["in"])
        #expect(complete("for x in [1, 2] ").candidates == ["parallel"])
        #expect(complete("policy p every mon,tue ").candidates == ["at"])
        #expect(complete("policy p every day at 02:00 ").candidates == ["keep", "retain", "update"])
        #expect(complete("policy p every day at 02:00 keep 3 ").candidates == ["update"])
        #expect(complete("history ").candidates == ["save"])
        #expect(complete("vault \"a\" size 10 server ").candidates == ["e8cc6bfd-d324-4b88-9109-9fb0ba70676f"])
        #expect(complete("vault \"a\" size 10 crash ").candidates == ["disk", "resize", "server", "tag"])
    }

    @Test func elseAfterTheBlockOfAnIf() {
        #expect(complete("if $b { echo 1 } ").candidates.contains("else"))
        #expect(complete("if $b { echo 1 } el").candidates == ["else"])
        #expect(complete("if $b { echo 1 } else if $b { echo 2 } e").candidates == ["else"])
        #expect(!complete("for x in $b { echo 1 } ").candidates.contains("else"))
        #expect(!complete("if $b { echo 1 } else { echo 2 } ").candidates.contains("else"))
        #expect(!complete("ba").candidates.contains("else"))
    }

    @Test func aCaptureAfterLetOffersStatementsAndVariables() {
        #expect(complete("let x = ").candidates == [
            "$b", "$vault_id", "attach", "backup", "backups", "vault", "vaults",
        ])
        #expect(complete("let x = ba").candidates == ["backup", "backups"])
        #expect(complete("let x=ba").candidates == ["backup", "backups"])
        #expect(complete("let x = backup wa").candidates == ["wait"])
        #expect(complete("set b = vault \"ni").candidates == ["nightly\""])
        #expect(complete("let ").candidates == [])
    }

    @Test func setOffersTheDeclaredVariables() {
        #expect(complete("set v").candidates == ["vault_id"])
        #expect(complete("set ").candidates == ["b", "vault_id"])
    }

    @Test func variablesOfTheUnfinishedBlock() {
        let request = CompletionRequest(textBeforeCursor: "  echo $co", pendingLines: ["for server in [1] {", "  let count = 1"])
        #expect(completer.complete(request, catalog: catalog).candidates == ["$count"])
        let loop = CompletionRequest(textBeforeCursor: "  echo $se", pendingLines: ["for server in [1] {"])
        #expect(completer.complete(loop, catalog: catalog).candidates == ["$server"])
        #expect(complete("let total = 0; set to").candidates == ["total"])
    }

    @Test func serversAreListedWithTheirNames() {
        let result = complete("attach server web")
        #expect(result.descriptions == ["e8cc6bfd-d324-4b88-9109-9fb0ba70676f": "web-01"])
        #expect(complete("backup ").descriptions.isEmpty)
        let hostile = CompletionCatalog(servers: [.init(id: "s1", name: "a\u{1B}[2Jb")])
        let shown = completer.complete(CompletionRequest(textBeforeCursor: "attach server s"), catalog: hostile)
        #expect(shown.descriptions == ["s1": "a?[2Jb"])
        // A name or id holding a control character is not put into the line
        let planted = CompletionCatalog(
            vaultNames: ["safe", "s\u{1B}]0;t\u{7}"], servers: [.init(id: "s\u{1B}[2J", name: "x"), .init(id: "s2", name: "y")]
        )
        #expect(completer.complete(CompletionRequest(textBeforeCursor: "use vault \"s"), catalog: planted).candidates == ["safe\""])
        #expect(completer.complete(CompletionRequest(textBeforeCursor: "attach server s"), catalog: planted).candidates == ["s2"])
    }

    @Test func variablesAfterADollar() {
        #expect(complete("echo $v").candidates == ["$vault_id"])
    }

    @Test func filesAfterSource() {
        #expect(complete("source \"s").candidates == ["scripts/", "seed.csbs\""])
        #expect(complete("source \"scripts/se").candidates == ["scripts/seed-cbr.csbs\""])
        #expect(complete("source sc").candidates == ["\"scripts/"])
    }

    @Test func aDirectoryDoesNotEndTheWord() {
        let directory = complete("source \"scr")
        #expect(directory.candidates == ["scripts/"])
        #expect(!directory.endsWord)
        #expect(complete("source \"seed").endsWord)
    }

    @Test func valuesOfTheKeywordBefore() {
        #expect(complete("region cn-s").candidates == ["cn-south-1"])
        #expect(complete("policy p every ").candidates == ["day", "mo", "tu"])
        #expect(complete("backups status a").candidates == ["available"])
    }

    @Test func environmentNamesAfterEnv() {
        #expect(complete("echo $env.HO").candidates == ["$env.HOME", "$env.HOSTNAME"])
        #expect(complete("echo $env.").candidates.count == 3)
    }

    @Test func variablesInsideAString() {
        #expect(complete("echo \"id $vau").candidates == ["id $vault_id"])
        #expect(complete("echo \"a \\\" b $").candidates == ["a \\\" b $b", "a \\\" b $vault_id"])
    }

    /// Inside `${…}` a bare name is a variable (docs/LANGUAGE.md), so it completes to one; after the `}` it is text.
    @Test func bareVariablesInsideAnInterpolation() {
        #expect(complete("echo \"n ${vau").candidates == ["n ${vault_id"])
        #expect(complete("echo \"${len(b) + vau").candidates == ["${len(b) + vault_id"])
        #expect(complete("echo \"${b} vau").candidates.isEmpty)
        #expect(complete("echo \"${1").candidates.isEmpty)
    }

    /// A string inside `${…}` is a string of its own, as the lexer reads it: its quotes neither end nor open the
    /// string around it, and a `;` or a blank in it splits no statement and no word.
    @Test func stringsInsideAnInterpolation() {
        #expect(complete("echo \"${x ?? \"a\"} $vau").candidates == ["${x ?? \"a\"} $vault_id"])
        #expect(complete("echo \"${x ?? \"a ${vau").candidates == ["a ${vault_id"])
        #expect(complete("echo \"${x ?? \"a\"} $b ${x ?? \"b ${vau").candidates == ["b ${vault_id"])
        #expect(complete("echo \"${x ?? \"a\"}\" $vau").candidates == ["$vault_id"])
        #expect(Completer.statements(of: "echo \"${x ?? \"a; b\"}\"; ba") == ["echo \"${x ?? \"a; b\"}\"", " ba"])
        #expect(Completer.statements(of: "echo \"say \\\"hi; there\\\"\"; ba") == ["echo \"say \\\"hi; there\\\"\"", " ba"])
        #expect(Completer.words(of: "echo \"${f(\"a b\")} c\" d") == ["echo", "\"${f(\"a b\")} c\"", "d"])
        #expect(Completer.words(of: #"echo "\${a b" c"#) == ["echo", #""\${a b""#, "c"])
    }

    /// readline finds the word it replaces by itself, counting quotes; candidates made for the completer's word are
    /// handed over for readline's, so that Tab does not insert the text between the two again.
    @Test func candidatesFollowTheLineEditorsWord() {
        let text = #"echo "${x ?? "a"} $co"#
        // The completer's word starts after the first quote (offset 6); readline's after the last one (16).
        let ours = [#"${x ?? "a"} $count"#]
        #expect(Completer.candidates(ours, replacingLast: 15, of: text, fromEditorWordAt: 16) == ["} $count"])
        #expect(Completer.candidates(ours, replacingLast: 15, of: text, fromEditorWordAt: 6) == ours)
        #expect(Completer.candidates(["co", "count"], replacingLast: 2, of: text, fromEditorWordAt: 18) == ["$co", "$count"])
        #expect(Completer.candidates(["x"], replacingLast: 2, of: text, fromEditorWordAt: 21) == [])
        #expect(Completer.candidates([" é1", "é2"], replacingLast: 2, of: "a é", fromEditorWordAt: 2) == ["é1"])
        #expect(Completer.candidates(["é1"], replacingLast: 1, of: "a é", fromEditorWordAt: 2) == ["é1"])
        #expect(Completer.candidates(["x"], replacingLast: 1, of: "ab", fromEditorWordAt: 9) == [])
    }

    @Test func quotedPathsWithSpaces() {
        #expect(complete("source \"my") == CompletionResult(wordLength: 2, candidates: ["my dir/"]))
        #expect(complete("source \"my dir/fi") == CompletionResult(wordLength: 9, candidates: ["my dir/first run.csbs\""]))
    }

    @Test func commonPrefix() {
        #expect(Completer.commonPrefix(of: ["backup", "backups"]) == "backup")
        #expect(Completer.commonPrefix(of: []) == "")
    }
}
