import CSBSPlatform
import CSBSSyntax
import Testing

@Suite struct LexerTests {
    /// The kinds of all tokens of `text`, without the final `.endOfFile`.
    private func kinds(_ text: String) -> [Token.Kind] {
        Array(Lexer.tokenize(text).dropLast().map(\.kind))
    }

    /// The IDs of all diagnostics the lexer attaches to the tokens of `text`.
    private func diagnosticIDs(_ text: String) -> [String] {
        Lexer.tokenize(text).flatMap(\.diagnostics).map(\.id.description)
    }

    @Test func everyTokenKind() {
        // Given one of each kind, When lexed, Then each comes out with its value.
        #expect(
            kinds("vault \"v\" 200 30s;\n@") == [
                .word("vault"), .string("v"), .integer(200), .duration(.seconds(30)), .semicolon, .newline, .invalid,
            ])
    }

    @Test func aWordGoesOnExactlyThroughItsCharacters() {
        // Given every byte between two letters, Then the word runs through it exactly for [A-Za-z0-9_.:#-].
        let wordBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:#-".utf8)
        for byte in UInt8.min...UInt8.max {
            let first = Lexer.tokenize(bytes: [UInt8(ascii: "a"), byte, UInt8(ascii: "a")], from: 0, to: 3)[0]
            #expect((first.range == SourceRange(0, 3)) == wordBytes.contains(byte), "byte \(byte)")
        }
    }

    @Test func rangesAreUTF8Offsets() {
        let tokens = Lexer.tokenize("é \"ü\" x")
        #expect(tokens.map(\.range) == [
            SourceRange(0, 2), SourceRange(3, 7), SourceRange(8, 9), SourceRange(9, 9),
        ])
    }

    @Test func endOfFileIsLastAndRepeats() {
        var lexer = Lexer("a")
        #expect(lexer.next().kind == .word("a"))
        #expect(lexer.next().kind == .endOfFile)
        #expect(lexer.next().kind == .endOfFile)
        #expect(Lexer.tokenize("").map(\.kind) == [.endOfFile])
    }

    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)),
        ("30s", .seconds(30)),
        ("5m", .seconds(300)),
        ("2h", .seconds(7_200)),
        ("1d", .seconds(86_400)),
        ("0s", .zero),
        // Several units, largest first, each once: as `echo` prints a duration.
        ("1h30m", .seconds(5_400)),
        ("2d12h", .seconds(216_000)),
        ("1m30s500ms", .milliseconds(90_500)),
        ("90m30s", .seconds(5_430)),
        ("1d1s", .seconds(86_401)),
    ])
    func durations(text: String, expected: Duration) {
        #expect(kinds(text) == [.duration(expected)])
    }

    /// What a script prints for a duration is a literal the lexer reads back as the same duration.
    @Test(arguments: [
        Duration.zero, .milliseconds(1), .milliseconds(999), .seconds(1), .milliseconds(2_100), .seconds(59),
        .seconds(90), .seconds(3_600), .seconds(5_430), .seconds(86_400), .seconds(1_808_000), .milliseconds(90_061_001),
        .seconds(36_500 * 86_400), .seconds(Int64.max),
    ])
    func aPrintedDurationReadsBack(duration: Duration) {
        let text = DurationLiteral.text(of: duration)
        #expect(kinds(text) == [.duration(duration)], "\(text)")
    }

    @Test func printedDurationsNameEachUnitLargestFirst() {
        #expect(DurationLiteral.text(of: .seconds(5_430)) == "1h30m30s")
        #expect(DurationLiteral.text(of: .seconds(90)) == "1m30s")
        #expect(DurationLiteral.text(of: .seconds(7 * 86_400)) == "7d")
        #expect(DurationLiteral.text(of: .milliseconds(2_100)) == "2s100ms")
        #expect(DurationLiteral.text(of: .zero) == "0s")
        #expect(DurationLiteral.text(of: .milliseconds(-1_500)) == "-1s500ms")
        #expect(DurationLiteral.text(of: .seconds(-300)) == "-5m")
    }

    @Test(arguments: [
        "e8cc6bfd-d324-4b88-9109-9fb0ba70676f",
        "0605767b-1e8a-4b79-8b44-b0e0bb2c1d3a",
        "5min", "1e8", "1.5", "200GB", "-5", "my_vault", "a:b.c", "30sec", "12ms3",
        // Units out of order, repeated, or a number without one.
        "30m1h", "1h1h", "5ms3s", "1h30", "1h-30m", "1h_30m",
    ])
    func wordsThatAreNotNumbers(text: String) {
        #expect(kinds(text) == [.word(text)])
    }

    @Test func integers() {
        #expect(kinds("0 007 9223372036854775807") == [.integer(0), .integer(7), .integer(.max)])
    }

    @Test func integerOverflowIsInvalidWithDiagnostic() {
        #expect(kinds("9223372036854775808") == [.invalid])
        #expect(diagnosticIDs("9223372036854775808") == ["lex.integerOverflow"])
        // 106751991167300 days is more seconds than an Int holds.
        #expect(kinds("106751991167301d") == [.invalid])
        #expect(diagnosticIDs("106751991167301d") == ["lex.integerOverflow"])
        #expect(kinds("106751991167300d") == [.duration(.seconds(106_751_991_167_300 * 86_400))])
    }

    @Test(arguments: [
        (#""a\\b""#, "a\\b"),
        (#""say \"hi\"""#, "say \"hi\""),
        (#""1\n2\t3\r""#, "1\n2\t3\r"),
        (#""\$HOME""#, "$HOME"),
        (#""\u{41}\u{e9}\u{1F600}""#, "Aé😀"),
        (#""\${name}""#, "${name}"),
        (#""""#, ""),
        (#""x # not a comment; not an end""#, "x # not a comment; not an end"),
    ])
    func stringEscapes(source: String, decoded: String) {
        #expect(kinds(source) == [.string(decoded)])
        #expect(diagnosticIDs(source).isEmpty)
    }

    @Test(arguments: [#""\q""#, #""\u{}""#, #""\u{110000}""#, #""\u{D800}""#, #""\u41""#, #""\u{123456789}""#])
    func invalidEscapes(source: String) {
        #expect(diagnosticIDs(source) == ["lex.invalidEscape"])
        #expect(Lexer.tokenize(source).first?.range == SourceRange(0, source.utf8.count))
    }

    @Test func invalidEscapeRangeCoversTheEscape() {
        let token = Lexer.tokenize(#""ab\é""#)[0]
        #expect(token.kind == .string("abé"))
        #expect(token.diagnostics.map(\.range) == [SourceRange(3, 6)])
    }

    @Test func unterminatedStringStopsAtLineEnd() {
        let tokens = Lexer.tokenize("\"abc\nvault")
        #expect(tokens.map(\.kind) == [.string("abc"), .newline, .word("vault"), .endOfFile])
        #expect(tokens[0].range == SourceRange(0, 4))
        #expect(tokens[0].diagnostics.map(\.id.description) == ["lex.unterminatedString"])
        #expect(tokens[0].diagnostics.map(\.range) == [SourceRange(0, 1)])
        #expect(diagnosticIDs("\"abc\\") == ["lex.unterminatedString"])
        #expect(diagnosticIDs("\"abc\\\nx") == ["lex.unterminatedString"])
    }

    @Test func statementEnds() {
        #expect(kinds("a;b\nc\r\nd\re") == [
            .word("a"), .semicolon, .word("b"), .newline, .word("c"), .newline, .word("d"), .newline, .word("e"),
        ])
        #expect(Lexer.tokenize("a\r\nb")[1].range == SourceRange(1, 3))
    }

    @Test func comments() {
        #expect(kinds("backup # wait here\nvault") == [.word("backup"), .newline, .word("vault")])
        #expect(kinds("a#b") == [.word("a#b")], "inside a word, as in shells, # is text")
        #expect(kinds("a #b") == [.word("a")])
        #expect(kinds("# only a comment") == [])
    }

    @Test func shebangLineIsAComment() {
        #expect(kinds("#!/usr/bin/env csbs\nbackup") == [.newline, .word("backup")])
    }

    @Test func lineContinuation() {
        #expect(kinds("backup \\\n  wait") == [.word("backup"), .word("wait")])
        #expect(kinds("backup \\  \r\n  wait") == [.word("backup"), .word("wait")])
        #expect(kinds("backup \\ # why\n wait") == [.word("backup"), .word("wait")])
        #expect(kinds("backup \\") == [.word("backup")])
    }

    @Test func backslashInsideALineIsInvalid() {
        #expect(kinds("a \\ b") == [.word("a"), .invalid, .word("b")])
        #expect(diagnosticIDs("a \\ b") == ["lex.misplacedLineContinuation"])
    }

    @Test func invalidCharactersGroupIntoOneToken() {
        let tokens = Lexer.tokenize("a @~^ b €")
        #expect(tokens.map(\.kind) == [.word("a"), .invalid, .word("b"), .invalid, .endOfFile])
        #expect(tokens[1].range == SourceRange(2, 5))
        #expect(tokens[3].range == SourceRange(8, 11))
        #expect(tokens.flatMap(\.diagnostics).map(\.text) == [
            "unexpected characters '@~^'", "unexpected character '€'",
        ])
    }

    @Test func blanksAreSkipped() {
        #expect(kinds("\t a \u{0B}\u{0C} b ") == [.word("a"), .word("b")])
    }
}
