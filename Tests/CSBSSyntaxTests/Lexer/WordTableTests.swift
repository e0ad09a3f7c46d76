@testable import CSBSSyntax
import Testing

/// Words found by length and first byte (``WordTable``): the statement keywords, the lexer's common words.
@Suite struct WordTableTests {
    @Test func findsEachWordByTextAndByBytesAndNothingElse() {
        // "set" and "sep" share a bucket (length 3, first byte "s"); "s" and "" have none.
        let table = WordTable([("set", 1), ("sep", 2), ("sleep", 3), ("set", 4)])
        #expect(table["set"] == 1, "the first of two entries with the same text wins")
        #expect(table["sep"] == 2)
        #expect(table["sleep"] == 3)
        for missing in ["", "s", "se", "sets", "Set", "seq", "sleeP", "sleepy"] {
            #expect(table[missing] == nil, "\(missing)")
            #expect(table.entry(ArraySlice(missing.utf8)) == nil, "\(missing)")
        }
        let found = table.entry(ArraySlice("xx sleep xx".utf8).dropFirst(3).dropLast(3))
        #expect(found?.text == "sleep" && found?.value == 3)
    }

    @Test func everyStatementKeywordIsFoundByItsText() {
        for keyword in StatementKeyword.allCases {
            #expect(StatementKeyword.byName[keyword.rawValue] == keyword)
            #expect(StatementKeyword.byName[keyword.rawValue + "s"] != keyword)
        }
        #expect(StatementKeyword.byName["vaultz"] == nil)
    }

    @Test func aCommonWordLexesToTheSameTokenAsAnyOtherWord() {
        for word in StatementKeyword.allCases.map(\.rawValue) + ["size", "timeout", "power-on", "sizes", "e8cc6bfd"] {
            let tokens = Lexer.tokenize(word)
            #expect(tokens.first?.kind == .word(word))
            #expect(tokens.first?.range == SourceRange(0, word.utf8.count))
        }
    }
}
