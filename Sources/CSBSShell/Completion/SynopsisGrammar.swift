/// Which keywords may come next in a statement, read from the language reference's synopses (the one place
/// the statements' shapes are written down, e.g. `delete backup ID [wait [timeout D]]`): lower-case words are
/// keywords, anything else (`ID`, `"…"`, `COND`) stands for one typed word, `…` after it for several,
/// `[…]` is optional, `a|b` (no spaces) chooses a word, ` | ` in a group chooses a sequence, and `{` ends
/// the shape (a block follows). Two or more optional parts in a row are options in any order, each once, as
/// the parser takes them.
public struct SynopsisGrammar: Sendable, Equatable {
    indirect enum Node: Sendable, Equatable {
        case keyword(String)
        case slot(repeats: Bool)
        case optional([[Node]])
        case choice([[Node]])
        /// Options in any order, each at most once.
        case anyOrder([[Node]])
    }

    /// One top-level alternative per synopsis.
    let shapes: [[Node]]

    public init(synopses: [String]) {
        shapes = synopses.map { synopsis in
            var tokens = Self.tokens(of: synopsis)[...]
            return Self.unordered(Self.choice(from: &tokens))
        }
    }

    /// The keywords that may follow `words` (the statement's words typed so far, its first word included),
    /// in synopsis order.
    public func keywords(after words: [String]) -> [String] {
        var positions = shapes
        for word in words {
            let lowered = word.lowercased()
            var next: [[Node]] = []
            for position in positions.flatMap(Self.expanded) {
                guard let head = position.first else { continue }
                switch head {
                case .keyword(let keyword) where keyword == lowered:
                    next.append(Array(position.dropFirst()))
                case .slot(let repeats):
                    next.append(Array(position.dropFirst()))
                    if repeats { next.append(position) }
                default:
                    break
                }
            }
            positions = Array(next.prefix(Self.positionLimit))
            if positions.isEmpty { return [] }
        }
        var seen: Set<String> = []
        var result: [String] = []
        for position in positions.flatMap(Self.expanded) {
            if case .keyword(let keyword) = position.first, seen.insert(keyword).inserted { result.append(keyword) }
        }
        return result
    }

    /// Bounds the work for long inputs against repeating slots.
    private static let positionLimit = 256

    /// The positions reachable from `position` without consuming a word whose first node is a keyword or a
    /// slot (or that is finished: empty).
    private static func expanded(_ position: [Node]) -> [[Node]] {
        guard let head = position.first else { return [position] }
        let rest = Array(position.dropFirst())
        switch head {
        case .keyword, .slot:
            return [position]
        case .optional(let alternatives):
            return expanded(rest) + alternatives.flatMap { expanded($0 + rest) }
        case .choice(let alternatives):
            return alternatives.flatMap { expanded($0 + rest) }
        case .anyOrder(let options):
            var result = expanded(rest)
            for index in options.indices {
                var remaining = options
                remaining.remove(at: index)
                result += expanded(options[index] + [.anyOrder(remaining)] + rest)
            }
            return result
        }
    }

    /// Runs of two or more optional parts become one ``Node/anyOrder(_:)``.
    private static func unordered(_ sequence: [Node]) -> [Node] {
        var result: [Node] = []
        var run: [[Node]] = []
        func flush() {
            if run.count == 1 { result.append(.optional(run)) } else if run.count > 1 { result.append(.anyOrder(run)) }
            run = []
        }
        for node in sequence {
            if case .optional(let alternatives) = node, alternatives.count == 1 {
                run.append(alternatives[0])
            } else {
                flush()
                result.append(node)
            }
        }
        flush()
        return result
    }

    private enum Token: Equatable {
        case open, close, bar, block
        case word(String)
    }

    private static func tokens(of synopsis: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        func flush() {
            if !word.isEmpty { tokens.append(.word(word)) }
            word = ""
        }
        for character in synopsis {
            switch character {
            case " ", "\t":
                flush()
            case "[", "]", "{":
                flush()
                tokens.append(character == "[" ? .open : character == "]" ? .close : .block)
            default:
                word.append(character)
            }
        }
        flush()
        return tokens.map { $0 == .word("|") ? .bar : $0 }
    }

    /// A sequence, or sequences separated by ` | `, up to the end of the group.
    private static func choice(from tokens: inout ArraySlice<Token>) -> [Node] {
        var alternatives: [[Node]] = [[]]
        while let token = tokens.first {
            switch token {
            case .close:
                return alternatives.count == 1 ? alternatives[0] : [.choice(alternatives)]
            case .block:
                tokens.removeAll()
            case .bar:
                tokens.removeFirst()
                alternatives.append([])
            case .open:
                tokens.removeFirst()
                let inner = choice(from: &tokens)
                if tokens.first == .close { tokens.removeFirst() }
                if !inner.isEmpty { alternatives[alternatives.count - 1].append(.optional([inner])) }
            case .word(let text):
                tokens.removeFirst()
                let words = text.split(separator: "|").filter { !$0.hasPrefix(",") }.map { node(for: String($0)) }
                if words.count == 1 {
                    alternatives[alternatives.count - 1].append(words[0])
                } else if words.count > 1 {
                    alternatives[alternatives.count - 1].append(.choice(words.map { [$0] }))
                }
            }
        }
        return alternatives.count == 1 ? alternatives[0] : [.choice(alternatives)]
    }

    private static func node(for word: String) -> Node {
        if !word.isEmpty, word.allSatisfy({ $0.isLowercase || $0 == "-" }) { return .keyword(word) }
        return .slot(repeats: word.hasSuffix("…") && word != "\"…\"")
    }
}
