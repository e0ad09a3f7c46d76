import CSBSSyntax
import CSBSSyntaxTestSupport
import Testing

/// The warnings of `csbs check` (`lint.*`): one test per rule, with markers where each warning starts.
@Suite struct LintTests {
    private var options: CheckOptions {
        var options = CheckOptions()
        options.lint = true
        return options
    }

    /// A procedure's body is linted in its own scope: its unused locals warn, and a top-level variable it reads
    /// counts as read.
    @Test func aProceduresBodyIsLintedInItsOwnScope() {
        assertCheckDiagnostics(
            """
            let limit = 3
            def pick(items) {
                let 1️⃣scratch = 1
                let n = $limit
                return $n
            }
            echo pick([])
            """,
            [DiagSpec("1️⃣", id: "lint.unusedVariable")],
            options: options
        )
    }

    /// A file that sends no request is a library of settings: its top-level variables are for the scripts that
    /// source it. A variable in one of its blocks is still reported.
    @Test func aLibrarysTopLevelVariablesAreItsExports() {
        assertCheckDiagnostics(
            """
            let vault_name = "pre-upgrade"
            let vault_gb = 200
            if $env.GB != null {
                let 1️⃣scratch = 1
                set vault_gb = $env.GB
            }
            def size_of(name) { return $vault_gb }
            """,
            [DiagSpec("1️⃣", id: "lint.unusedVariable")],
            options: options
        )
        assertCheckDiagnostics("let 1️⃣unused = 1\nvaults", [DiagSpec("1️⃣", id: "lint.unusedVariable")], options: options)
    }

    @Test func aVariableNothingReadsIsUnused() {
        let result = assertCheckDiagnostics(
            """
            let 1️⃣unused = 1
            let _quiet = 2
            let used = [1]
            let 2️⃣shadowed = 1
            let shadowed = 2
            echo $shadowed
            for 3️⃣i in $used { echo "x" }
            for _i in $used { echo "y" }
            for j in $used { echo "$j" }
            try { echo $used } catch 4️⃣e { echo "failed" }
            try { echo 1 } catch e { echo $e.code }
            if true {
                let 5️⃣inner = 1
                let counted = 0
                set counted = $counted + 1
            }
            vaults
            """,
            [
                DiagSpec("1️⃣", id: "lint.unusedVariable",
                         message: "'unused' is never read; remove it, or start its name with _ if that is on purpose"),
                DiagSpec("2️⃣", id: "lint.unusedVariable"), DiagSpec("3️⃣", id: "lint.unusedVariable"),
                DiagSpec("4️⃣", id: "lint.unusedVariable"), DiagSpec("5️⃣", id: "lint.unusedVariable"),
            ],
            options: options
        )
        #expect(result.program != nil, "warnings do not stop a run")
        #expect(result.errorCount == 0)
        #expect(result.diagnostics.allSatisfy { $0.diagnostic.severity == .warning })
    }

    /// A read marks the declaration it resolves to (the resolver hands the tracker its number): a `param` of a name
    /// a `let` declared keeps the `let`'s, a `let` in a loop's body ends the loop variable of the same name, and a
    /// built-in name declared again is a variable like any other.
    @Test func aReadMarksTheDeclarationItResolvesTo() {
        assertCheckDiagnostics(
            """
            let size = 1
            param size
            echo $size
            for 1️⃣i in [1] { let i = 2; echo $i }
            for j in [1] { if true { let 2️⃣j = 3 }; echo $j }
            let 3️⃣env = 4
            vaults
            """,
            [
                DiagSpec("1️⃣", id: "lint.unusedVariable"), DiagSpec("2️⃣", id: "lint.unusedVariable"),
                DiagSpec("3️⃣", id: "resolve.reservedName"), DiagSpec("3️⃣", id: "lint.unusedVariable"),
            ],
            options: options
        )
    }

    /// A variable read only by a file it sources is used; one a sourced file that sends requests declares and
    /// nothing reads is reported in that file; a settings library's (no request) is not.
    @Test func aSourcedFileReadsAndDeclaresInTheSameScope() {
        var options = self.options
        options.loader = { path, _ in
            let text = ["lib.csbs": "echo $label\nlet from_lib = 1\nvaults", "settings.csbs": "let exported = 1"]
            return .success(SourceFile(name: path, text: text[path] ?? ""))
        }
        let result = assertCheckDiagnostics(
            "let label = \"x\"\nsource \"lib.csbs\"\nsource \"settings.csbs\"\nvaults", [], options: options
        )
        #expect(result.diagnostics.map(\.diagnostic.id.description) == ["lint.unusedVariable"])
        #expect(result.diagnostics.first?.file.name == "lib.csbs")
    }

    /// In a file with syntax errors a left-out statement may read any variable (here the unclosed `if` reads `x`),
    /// so none of that file's is reported unused; its other warnings stay. A sourced file with syntax errors is
    /// treated the same, and the file that sources it is not.
    @Test func aFileWithSyntaxErrorsReportsNoUnusedVariable() {
        assertCheckDiagnostics(
            """
            let x = 1
            vaults
            echo "first 1️⃣$(date)"
            if $x == 1 2️⃣{
                echo "a"
            """,
            [DiagSpec("1️⃣", id: "lint.notInterpolated"), DiagSpec("2️⃣", id: "parse.unterminatedBlock")],
            options: options
        )
        var options = self.options
        options.loader = { path, _ in .success(SourceFile(name: path, text: "let y = 1\nvaults\nif $y == 1 {")) }
        let result = assertCheckDiagnostics("let 1️⃣unused = 1\nsource \"broken.csbs\"\nvaults", [
            DiagSpec("1️⃣", id: "lint.unusedVariable"),
        ], options: options)
        #expect(result.diagnostics.map(\.diagnostic.id.description).sorted()
            == ["lint.unusedVariable", "parse.unterminatedBlock"])
    }

    @Test func aDollarThatIsTextInAStringIsReported() {
        assertCheckDiagnostics(
            """
            let list = [1]
            let r = {a: 1}
            echo "first 1️⃣$list[0], today 2️⃣$(date), all 3️⃣$@, 4️⃣$# args, status 5️⃣$?"
            echo "fine: $list ${list[0]} $r.a. \\$list[0] \\$(x) cost $ 5, 100$, $1"
            """,
            [
                DiagSpec("1️⃣", id: "lint.notInterpolated",
                         message: "in a string, '$list' is inserted but the '[…]' after it is text; write '${list[…]}' to insert the element"),
                DiagSpec("2️⃣", id: "lint.notInterpolated",
                         message: "'$(…)' is text in a csbs string, not shell syntax; csbs runs no commands inside strings; '${…}' inserts a value"),
                DiagSpec("3️⃣", id: "lint.notInterpolated"), DiagSpec("4️⃣", id: "lint.notInterpolated"),
                DiagSpec("5️⃣", id: "lint.notInterpolated"),
            ],
            options: options
        )
    }

    @Test func anIDThatIsNotAUUIDAndTooManyTagsAreReported() {
        let tags = (1...11).map { "k\($0)=v" }
        assertCheckDiagnostics(
            """
            vault "v" size 10 tag \(tags[..<10].joined(separator: " ")) 1️⃣\(tags[10])
            attach server 2️⃣web-01 e8cc6bfd-d324-4b88-9109-9fb0ba70676f
            backup server 3️⃣"db 1"
            restore backup 4️⃣b-1 to server e8cc6bfd-d324-4b88-9109-9fb0ba70676f
            delete backup 5️⃣"x"
            let id = "computed"
            detach server $id
            attach server [e8cc6bfd-d324-4b88-9109-9fb0ba70676f, 6️⃣db-2, $id]
            """,
            [
                DiagSpec("1️⃣", id: "lint.tooManyTags",
                         message: "11 tags: the service creates a vault with at most 10 (API reference §2.1.1)"),
                DiagSpec("2️⃣", id: "lint.notAnID"), DiagSpec("3️⃣", id: "lint.notAnID"),
                DiagSpec("4️⃣", id: "lint.notAnID"), DiagSpec("5️⃣", id: "lint.notAnID"),
                DiagSpec("6️⃣", id: "lint.notAnID"),
            ],
            options: options
        )
    }

    @Test func aForcedDeleteNeedsAConfirmBeforeItInItsBlockOrAnEnclosingOne() {
        assertCheckDiagnostics(
            """
            1️⃣delete vault "a" force
            delete vault "b"
            if true {
                confirm "delete c?"
                delete vault "c" force
            }
            2️⃣delete vault "d" force
            confirm "delete the rest?"
            for v in ["e", "f"] { delete vault $v force }
            """,
            [
                DiagSpec("1️⃣", id: "lint.deleteWithoutConfirm"),
                DiagSpec("2️⃣", id: "lint.deleteWithoutConfirm"),
            ],
            options: options
        )
    }

    /// `$error` in a `catch` block is not the error caught (a caught failure leaves it as it was): in the block, in
    /// a string there and in a block inside it; not in the body and not after.
    @Test func errorReadInACatchBlockIsNotTheErrorCaught() {
        assertCheckDiagnostics(
            """
            try { echo $error } catch {
                echo "failed: ${1️⃣error.message}"
                if true { echo 2️⃣$error.code }
            }
            try { echo 1 } catch e {
                echo $e.code 3️⃣$error
            }
            echo $error
            """,
            [
                DiagSpec(
                    "1️⃣", id: "lint.errorInCatch",
                    message: "in a 'catch' block '$error' is not the error caught (a caught failure leaves it as it was); name the error caught, 'catch e { … }', and read '$e'"
                ),
                DiagSpec("2️⃣", id: "lint.errorInCatch"),
                DiagSpec(
                    "3️⃣", id: "lint.errorInCatch",
                    message: "in a 'catch' block '$error' is not the error caught (a caught failure leaves it as it was); the error caught is '$e'"
                ),
            ],
            options: options
        )
    }

    /// Without ``CheckOptions/lint`` (a run, the shell, a dry run) nothing is looked for.
    @Test func withoutLintThereAreNoWarnings() {
        assertCheckDiagnostics("let unused = 1\necho \"$(date)\"\ndelete vault \"a\" force", [])
    }
}
