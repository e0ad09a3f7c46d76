import CSBSPlatform
import CSBSSyntax

/// One version of an open document, read for the position-based features: its tokens (the lexer's, so strings and
/// comments are never mistaken for code), positions, the names its `let` and `for` statements and its procedures'
/// parameters declare, and its procedures (`def`).
struct DocumentIndex {
    let text: String
    let positions: LinePositions
    let tokens: [Token]
    /// Each declared name's first declaration (the name's token), in source order.
    let declarations: [(name: String, range: SourceRange, topLevel: Bool)]
    /// Each procedure's `def` (the name's token) and how a call is written, `name(a, b)`, in source order.
    let procedures: [(name: String, range: SourceRange, synopsis: String)]

    init(text: String) {
        self.text = text
        positions = LinePositions(text)
        tokens = Lexer.tokenize(text)
        var found: [(String, SourceRange, Bool)] = []
        var procedures: [(String, SourceRange, String)] = []
        var depth = 0
        var atStatementStart = true
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .punctuation(.leftBrace): depth += 1
            case .punctuation(.rightBrace): depth = max(0, depth - 1)
            default: break
            }
            defer { atStatementStart = token.isStatementEnd || token.kind == .punctuation(.leftBrace) }
            guard atStatementStart, let keyword = token.word, ["let", "for", "def"].contains(keyword),
                index + 1 < tokens.count, let name = tokens[index + 1].word
            else { continue }
            guard keyword == "def" else {
                found.append((name, tokens[index + 1].range, depth == 0 && keyword == "let"))
                continue
            }
            var parameters: [String] = []
            if index + 2 < tokens.count, tokens[index + 2].kind == .punctuation(.leftParen) {
                for parameter in tokens[(index + 3)...].prefix(while: { $0.kind != .punctuation(.rightParen) && !$0.isStatementEnd }) {
                    guard let word = parameter.word else { continue }
                    parameters.append(word)
                    found.append((word, parameter.range, false))
                }
            }
            procedures.append((name, tokens[index + 1].range, "\(name)(\(parameters.joined(separator: ", ")))"))
        }
        declarations = found
        self.procedures = procedures
    }

    /// The `def` of the procedure `name`.
    func procedure(named name: String) -> (name: String, range: SourceRange, synopsis: String)? {
        procedures.first { $0.name == name }
    }

    var declaredNames: Set<String> { Set(declarations.map(\.name)) }

    /// The first declaration of `name`.
    func declaration(of name: String) -> SourceRange? {
        declarations.first { $0.name == name }?.range
    }

    /// The token under `offset` (or just before it, for a cursor at a word's end).
    func token(at offset: Int) -> Token? {
        tokenIndex(at: offset).map { tokens[$0] }
    }

    /// The index of ``token(at:)``.
    func tokenIndex(at offset: Int) -> Int? {
        tokens.lastIndex { token in
            if case .endOfFile = token.kind { return false }
            return token.range.lowerBound <= offset && offset <= token.range.upperBound
        }
    }

    /// The word being typed before `offset`: letters, digits, `_`, `-`, `.` and a leading `$`.
    func wordBefore(_ offset: Int) -> String {
        let bytes = Array(text.utf8.prefix(offset))
        var start = bytes.count
        while start > 0 {
            let byte = bytes[start - 1]
            let isWord = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "$")
            guard isWord else { break }
            start -= 1
        }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// `documentSymbol`: the procedures (kind Function) and the variables the top level declares with `let`
    /// (kind Variable), in source order.
    func symbols() -> [JSONValue] {
        let variables = declarations.filter(\.topLevel).map { ($0.name, $0.range, 13) }
        let functions = procedures.map { ($0.synopsis, $0.range, 12) }
        return (variables + functions).sorted { $0.1.lowerBound < $1.1.lowerBound }.map { name, range, kind in
            let range = positions.range(range)
            return ["name": .string(name), "kind": .integer(kind), "range": range, "selectionRange": range]
        }
    }
}
