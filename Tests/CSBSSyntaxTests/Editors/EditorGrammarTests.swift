@testable import CSBSSyntax
import CSBSSyntaxTestSupport
import Foundation
import Testing

/// The syntax highlighting under `editors/`: the TextMate grammar (valid JSON, every regex compiles with
/// NSRegularExpression) and the Vim syntax file know every statement keyword of the parser, and over every example
/// and reference block they colour each statement's keyword and each comment.
@Suite("Editor grammars")
struct EditorGrammarTests {
    static let grammarPath = RepositoryScripts.root.appendingPathComponent("editors/textmate/csbs.tmLanguage.json")
    static let vimPath = RepositoryScripts.root.appendingPathComponent("editors/vim/syntax/csbs.vim")

    /// Every `match`, `begin` and `end` regex of the grammar with the scope it gives.
    static func regexes() throws -> [(scope: String, pattern: String)] {
        let data = try Data(contentsOf: grammarPath)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var found: [(String, String)] = []
        func walk(_ value: Any, scope: String) {
            if let object = value as? [String: Any] {
                let name = object["name"] as? String ?? scope
                for key in ["match", "begin", "end"] {
                    if let pattern = object[key] as? String { found.append((name, pattern)) }
                }
                for (key, child) in object where key != "name" { walk(child, scope: name) }
            } else if let array = value as? [Any] {
                for child in array { walk(child, scope: scope) }
            }
        }
        walk(json, scope: "")
        return found
    }

    static func regularExpression(_ pattern: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
    }

    /// Whether a regex of a scope starting with `prefix` matches exactly `text[range]`.
    static func matches(_ regexes: [(scope: String, regex: NSRegularExpression)], prefix: String, text: String, range: NSRange) -> Bool {
        regexes.contains { scope, regex in
            scope.hasPrefix(prefix)
                && regex.firstMatch(in: text, options: [.anchored, .withTransparentBounds], range: NSRange(location: range.location, length: (text as NSString).length - range.location))?.range == range
        }
    }

    @Test func theGrammarIsValidJSONAndEveryRegexCompiles() throws {
        let regexes = try Self.regexes()
        #expect(regexes.count > 10)
        for (scope, pattern) in regexes {
            #expect(throws: Never.self, "\(scope): \(pattern)") { try Self.regularExpression(pattern) }
        }
    }

    @Test func bothKnowEveryStatementKeyword() throws {
        let compiled = try Self.regexes().map { ($0.scope, try Self.regularExpression($0.pattern)) }
        let vim = try String(contentsOf: Self.vimPath, encoding: .utf8)
        let vimKeywords = Set(
            vim.split(separator: "\n").filter { $0.hasPrefix("syn keyword ") }.flatMap { $0.split(separator: " ").dropFirst(3) }
                .map(String.init)
        )
        for keyword in StatementKeyword.allCases.map(\.rawValue) + ["else", "in", "parallel", "error", "true", "null", "and", "not"] {
            let text = keyword + " x"
            #expect(Self.matches(compiled, prefix: "keyword", text: text, range: NSRange(location: 0, length: keyword.utf16.count))
                || Self.matches(compiled, prefix: "constant.language", text: text, range: NSRange(location: 0, length: keyword.utf16.count)),
                "TextMate: \(keyword)")
            #expect(vimKeywords.contains(keyword), "Vim: \(keyword)")
        }
    }

    static let scripts = RepositoryScripts.examples + RepositoryScripts.languageBlocks

    @Test(arguments: scripts)
    func everyStatementKeywordAndCommentIsColoured(_ script: RepositoryScripts.Script) throws {
        let compiled = try Self.regexes().map { ($0.scope, try Self.regularExpression($0.pattern)) }
        let file = SourceFile(name: script.name, text: script.text)
        let parsed = Parser.parse(file)
        let bytes = Array(script.text.utf8)
        /// The UTF-16 range of a UTF-8 range, as NSRegularExpression counts.
        func utf16Range(_ range: SourceRange) -> NSRange {
            let before = String(decoding: bytes[..<range.lowerBound], as: UTF8.self).utf16.count
            let inside = String(decoding: bytes[range.lowerBound..<range.upperBound], as: UTF8.self).utf16.count
            return NSRange(location: before, length: inside)
        }
        var statements = parsed.script.statements
        while let statement = statements.popLast() {
            statements += statement.formatLayout.blocks.flatMap(\.statements)
            // A value on its own (`$r`, `len($x)`) starts with no keyword.
            if case .expression = statement { continue }
            let keyword = Lexer.tokenize(bytes: bytes, from: statement.range.lowerBound, to: statement.range.upperBound)[0]
            #expect(Self.matches(compiled, prefix: "keyword", text: script.text, range: utf16Range(keyword.range)),
                    "\(script.name): \(keyword.word ?? "?") at \(keyword.range)")
        }
        var previousEnd = 0
        for token in Lexer.tokenize(script.text) {
            var position = previousEnd
            for piece in FormatTrivia.pieces(in: bytes, from: previousEnd, to: token.range.lowerBound) {
                guard case .comment(let text) = piece else { continue }
                let start = bytes[position..<token.range.lowerBound].firstIndex(of: UInt8(ascii: "#"))!
                let range = SourceRange(start, start + text.utf8.count)
                #expect(Self.matches(compiled, prefix: "comment", text: script.text, range: utf16Range(range)),
                        "\(script.name): \(text)")
                position = range.upperBound
            }
            previousEnd = token.range.upperBound
        }
    }

    /// Vim itself, where it is installed: the syntax file loads without an error and colours each example's
    /// statements.
    @Test func vimLoadsTheSyntaxFileOverEveryExample() throws {
        guard let vim = ["/usr/bin/vim", "/usr/local/bin/vim"].first(where: FileManager.default.isExecutableFile) else { return }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-vim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let files = RepositoryScripts.examples.map { RepositoryScripts.root.appendingPathComponent($0.name).path }
        let script = """
            set rtp^=\(RepositoryScripts.root.appendingPathComponent("editors/vim").path)
            filetype on
            syntax on
            let out = []
            for f in [\(files.map { "'\($0)'" }.joined(separator: ", "))]
              execute 'edit ' . fnameescape(f)
              for n in range(1, line('$'))
                let c = match(getline(n), '\\S') + 1
                if c > 0 && getline(n)[c - 1] =~ '[a-z]'
                  call add(out, f . ':' . n . ' ' . &filetype . ' ' . synIDattr(synID(n, c, 1), 'name'))
                endif
              endfor
            endfor
            call add(out, 'errmsg:' . v:errmsg)
            call writefile(out, '\(output.path)')
            qa!
            """
        let scriptFile = output.path + ".vim"
        try script.write(toFile: scriptFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: scriptFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: vim)
        process.arguments = ["-u", "NONE", "-i", "NONE", "-N", "-es", "-S", scriptFile]
        try process.run()
        process.waitUntilExit()
        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.last == "errmsg:")
        for line in lines.dropLast() {
            let fields = line.split(separator: " ")
            #expect(fields.count == 3 && fields[1] == "csbs" && ["csbsControl", "csbsCommand", "csbsOption"].contains(fields[2]),
                    "\(line)")
        }
        #expect(lines.count > 50)
    }
}
