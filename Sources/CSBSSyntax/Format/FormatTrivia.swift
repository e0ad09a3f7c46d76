/// One piece of the text between two tokens that the formatter keeps: the lexer skips comments and line
/// continuations as trivia (so `csbs check` never pays for them), and the formatter reads them back from the
/// bytes between the tokens' ranges.
enum FormatTrivia: Equatable {
    /// A `#` comment, without the line break and trailing blanks.
    case comment(String)
    /// The `\` of a line continuation.
    case backslash
    /// A line break: inside brackets, after a `\`, or between statements.
    case lineBreak
    /// A `;` between statements.
    case semicolon

    /// The pieces of `bytes[start..<end]`, which holds no token other than line breaks and `;`: blanks are
    /// dropped, and so is a byte order mark.
    static func pieces(in bytes: [UInt8], from start: Int, to end: Int) -> [FormatTrivia] {
        var pieces: [FormatTrivia] = []
        var position = start
        if position == 0, bytes.starts(with: Lexer.byteOrderMark) { position = Lexer.byteOrderMark.count }
        while position < end {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "#"):
                let commentStart = position
                while position < end, !Lexer.isLineBreak(bytes[position]) { position += 1 }
                var commentEnd = position
                while commentEnd > commentStart, Lexer.isBlank(bytes[commentEnd - 1]) { commentEnd -= 1 }
                pieces.append(.comment(String(decoding: bytes[commentStart..<commentEnd], as: UTF8.self)))
            case UInt8(ascii: "\\"):
                pieces.append(.backslash)
                position += 1
            case UInt8(ascii: ";"):
                pieces.append(.semicolon)
                position += 1
            case UInt8(ascii: "\r"):
                pieces.append(.lineBreak)
                position += position + 1 < end && bytes[position + 1] == UInt8(ascii: "\n") ? 2 : 1
            case UInt8(ascii: "\n"):
                pieces.append(.lineBreak)
                position += 1
            default:
                position += 1  // a blank
            }
        }
        return pieces
    }
}

extension [FormatTrivia] {
    /// Whether the pieces hold anything a line of tokens cannot: a comment or a line break.
    var breaksLine: Bool {
        contains { $0 != .semicolon }
    }

    /// Whether any piece is a comment.
    var hasComment: Bool {
        contains { if case .comment = $0 { true } else { false } }
    }
}
