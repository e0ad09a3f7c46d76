import CSBSSyntax
import Testing

@Suite("Open input (the shell's continuation rule)")
struct OpenInputTests {
    @Test(arguments: [
        "if true {",
        "let r = [1,",
        "let r = {name: \"a\",",
        "let r = [1, [2,\n3]",
        "for x in [1, 2] {\n  echo [\n",
        "echo (1 ==",
        "let r = [\"]\",",
    ])
    func anOpenBracketAsksForMore(_ text: String) {
        #expect(OpenInput.isOpen(text))
    }

    @Test(arguments: [
        "",
        "echo 1",
        "let r = [1,\n2]",
        "let r = {name: \"a\",\n  size: 2}",
        "if true {\n  echo 1\n}",
        "echo \"[\"",
        "echo 1 # [ in a comment",
        // A closer that does not match is an error now, never a wait for more lines.
        "let r = [1, }",
        "echo )",
        "let r = [1, ) [",
    ])
    func closedOrMismatchedInputIsFinished(_ text: String) {
        #expect(!OpenInput.isOpen(text))
    }

    @Test func aListSpanningLinesParsesAsOneStatementInAFile() {
        let parsed = Parser.parse(SourceFile(name: "<t>", text: "let r = [1,\n  2\n]\nlet s = {a: 1,\n b: 2}\n"))
        #expect(!parsed.hasErrors, "\(parsed.diagnostics)")
        #expect(parsed.script.statements.count == 2)
    }
}
