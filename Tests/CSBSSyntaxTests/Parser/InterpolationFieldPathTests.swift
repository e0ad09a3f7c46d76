@testable import CSBSSyntax
import Testing

/// `${name.field}` is read straight from the bytes (``Parser/fieldPath(in:)``) beside the parser of its own that
/// reads any other `${…}` (``Parser/parseInterpolation(_:)``): both must give the same expression.
@Suite struct InterpolationFieldPathTests {
    /// The fast read and the parse of the code of `"${CODE}"`.
    private func bothReads(_ code: String) -> (fast: Expr?, parsed: Expr?) {
        let bytes = Array("\"${\(code)}\"".utf8)
        let range = SourceRange(3, 3 + code.utf8.count)
        var parser = Parser(bytes: bytes, tokens: [], depth: 0)
        return (parser.fieldPath(in: range), parser.parseInterpolation(range))
    }

    @Test func theFastReadGivesWhatTheParserGives() {
        let codes = [
            "b.id", "a.b.c", "_x.y_1", "A.B", "cp.id2", "true.x", "false.x", "null.a", "not.x", "or.and", "in.x",
            "vault.billing.size", "a1.b2.c3.d4",
        ]
        for code in codes {
            let (fast, parsed) = bothReads(code)
            #expect(fast != nil, "\(code) is read fast")
            #expect(fast == parsed, "\(code)")
        }
    }

    @Test func everythingElseIsLeftToTheParser() {
        let codes = [
            "x", "true", "not", "null", "a.", ".a", "a..b", "1a.b", "a.1b", "a .b", " a.b", "a.b ", "a-b.c", "a#b.c",
            "a.b[0]", "a.b ?? 1", "é.b", "a.é", "a.b.", "a.b+1", "not a.b", "$a.b", "a.b(1)", "",
        ]
        for code in codes {
            #expect(bothReads(code).fast == nil, "\(code)")
        }
    }
}
