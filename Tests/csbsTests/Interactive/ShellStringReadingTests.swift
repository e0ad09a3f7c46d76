@testable import CSBSShell
import CSBSSyntax
import Foundation
import Testing

/// The shell's completer reads strings with a scanner of its own (`StringNesting`: the shell may not use the
/// lexer), so the two are held equal here, where both are linked: on every line of the examples, the reference,
/// the README and the fuzz corpus, a line ends inside a string for the one exactly when it does for the other.
@Suite struct ShellStringReadingTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every line of the files the language is written in, from the repository.
    private static let lines: [String] = {
        var files = ["README.md", "docs/LANGUAGE.md"]
        for folder in ["scripts/examples", "scripts/examples/lib", "scripts/fuzz/corpus"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            files += names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder + "/" + $0 }
        }
        return files.flatMap { file -> [String] in
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else { return [] }
            return String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
                .map(String.init)
        }
    }()

    /// Whether the lexer finds a string (or a `${…}` in one) left open at the end of `line`.
    private static func lexerEndsInString(_ line: String) -> Bool {
        Lexer.tokenize(line).contains { token in
            token.diagnostics.contains { $0.id.name == "unterminatedString" || $0.id.name == "unterminatedInterpolation" }
        }
    }

    @Test func aLineEndsInAStringForTheShellExactlyWhenItDoesForTheLexer() {
        let compared = Self.lines.filter { line in
            // Past the lexer's nesting limit (32 strings deep) the two readings part on purpose; no line comes close.
            line.count { $0 == "\"" } < 64 && !line.contains("\u{FFFD}")
        }
        #expect(compared.count > 2_000)
        var differing: [String] = []
        for line in compared where StringNesting.reading(line).endsInString != Self.lexerEndsInString(line) {
            differing.append(line)
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    /// The forms themselves, each one line.
    @Test(arguments: [
        #"echo "a"#, #"echo "${x ?? "a"} $co"#, #"echo "${x ?? "a"}" b"#, #"echo "say \"hi"#, #"echo "say \"hi\"""#,
        #"echo 1 # it's "quoted"#, "echo run#\"5", #"echo "${"#, #"echo "${ {a: "}"} }" x"#, #"echo ${"a}"#, #"echo ${x} "#,
        #"echo "\${x"#, #"let r = {a: "b"} # "c"#,
    ])
    func formsAgree(line: String) {
        #expect(StringNesting.reading(line).endsInString == Self.lexerEndsInString(line))
    }
}
