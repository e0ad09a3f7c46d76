import CSBSPlatform
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Completes the word before the cursor from a ``CompletionCatalog``, in context: statement keywords at the
/// start of a statement, the statement's own keywords after it, vault names after `vault`, server and disk
/// ids (matched by id or by name) after `server`/`disk`, backup and checkpoint ids where one is expected,
/// `$variables`, and file paths after `source`.
public struct Completer: Sendable {
    /// Characters that end a word; the same set is configured in readline (`CSBS_RL_WORD_BREAKS`).
    public static let wordBreakCharacters: Set<Character> = [" ", "\t", "\n", ";", "{", "}", "(", ")", "=", ","]

    /// Lists a directory for `source` completion; injectable for tests.
    public var listDirectory: @Sendable (String) -> [(name: String, isDirectory: Bool)]

    public init(listDirectory: (@Sendable (String) -> [(name: String, isDirectory: Bool)])? = nil) {
        self.listDirectory = listDirectory ?? Self.fileSystemListing
    }

    /// The candidates for `request` given what is known.
    public func complete(_ request: CompletionRequest, catalog: CompletionCatalog) -> CompletionResult {
        let text = request.textBeforeCursor
        // In an open string the word is the string so far, spaces and all; the line editor's word then starts
        // after the quote (readline's `rl_completer_quote_characters`), so the candidates leave it out.
        let nesting = StringNesting.reading(text)
        let openQuote = nesting.openQuote
        let word = openQuote.map { String(text[$0...]) }
            ?? String(text.reversed().prefix { !Self.wordBreakCharacters.contains($0) }.reversed())
        // The lines already entered of an unfinished block are context: a `}` there, variables declared there.
        let context = (request.pendingLines + [String(text.dropLast(word.count))]).joined(separator: "\n")
        var known = catalog
        let statements = Self.statements(of: context)
        let statement = statements.last ?? ""
        known.variables += Self.declaredNames(in: statements.dropLast())
        var candidates = candidates(for: word, inStatement: statement, catalog: known)
        if Self.words(of: statement).isEmpty, !word.hasPrefix("$"), Self.followsIfBlock(context) {
            candidates += ["else"].filter { $0.hasPrefix(word.lowercased()) }
        }
        var unique = Array(Set(candidates)).sorted()
        guard openQuote != nil else {
            return CompletionResult(wordLength: word.count, candidates: unique, descriptions: Self.names(of: unique, in: known))
        }
        unique = unique.filter { $0.hasPrefix("\"") }.map { String($0.dropFirst()) }
        // `"item $na`: a variable inserted into the string.
        let inner = word.dropFirst()
        let fragment = String(inner.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }.reversed())
        if let dollar = fragment.lastIndex(of: "$") {
            let name = String(fragment[dollar...])
            let before = String(inner.dropLast(fragment.distance(from: dollar, to: fragment.endIndex)))
            unique += known.variables.map { "$" + $0 }.filter { $0.hasPrefix(name) }.map { before + $0 }.sorted()
        } else if nesting.endsInCode, let lead = fragment.first, !lead.isNumber {
            // `"${n + cou`: inside `${…}` a bare name is a variable too.
            let before = String(inner.dropLast(fragment.count))
            unique += known.variables.filter { $0.hasPrefix(fragment) }.map { before + $0 }.sorted()
        }
        return CompletionResult(wordLength: word.count - 1, candidates: unique)
    }

    /// The names of the servers and disks among `candidates` (ids), as a listing shows them: control characters
    /// replaced, at most 60 characters.
    static func names(of candidates: [String], in catalog: CompletionCatalog) -> [String: String] {
        var names: [String: String] = [:]
        let offered = Set(candidates)
        for resource in catalog.servers + catalog.disks where !resource.name.isEmpty {
            // A candidate that opens a list (`[ID`) is described as its ID.
            guard let candidate = [resource.id, "[" + resource.id].first(where: offered.contains) else { continue }
            let shown = String(String.UnicodeScalarView(resource.name.unicodeScalars.map { scalar in
                Self.isControlOrFormat(scalar) ? "?" : scalar
            }))
            names[candidate] = shown.count > 60 ? String(shown.prefix(59)) + "…" : shown
        }
        return names
    }

    /// Statements that cannot be captured by `let NAME = …` (they declare or are the shell's own).
    static let uncapturable: Set<String> = ["let", "set", "help", "history", "quit", "exit"]

    private func candidates(for word: String, inStatement statement: String, catalog: CompletionCatalog) -> [String] {
        let variables = catalog.variables.map { "$" + $0 }
        if word.hasPrefix("$env.") {
            return catalog.environmentNames.map { "$env." + $0 }.filter { $0.hasPrefix(word) }
        }
        if word.hasPrefix("$") {
            return variables.filter { $0.hasPrefix(word) }
        }
        let previous = Self.words(of: statement)
        guard let first = previous.first?.lowercased() else {
            return catalog.statements.filter { $0.hasPrefix(word.lowercased()) }
        }
        if first == "let" || first == "set" {
            // `let NAME = STATEMENT|VALUE`: after the `=` a statement starts (captured) or a value.
            if let equals = Self.indexOfAssignment(in: statement) {
                let captured = String(statement[statement.index(after: equals)...])
                guard Self.words(of: captured).isEmpty else {
                    return candidates(for: word, inStatement: captured, catalog: catalog)
                }
                let statements = catalog.statements.filter { !Self.uncapturable.contains($0) }
                return (statements + variables).filter { $0.hasPrefix(word) }
            }
            if first == "set", previous.count == 1 {
                return catalog.variables.filter { $0.hasPrefix(word) }
            }
            return []
        }
        let last = previous.last?.lowercased() ?? ""
        if first == "source" { return files(matching: word) }
        if first == "help", previous.count == 1 { return catalog.statements.filter { $0.hasPrefix(word) } }
        if let kind = Self.resourceSetKind(after: previous) {
            let resources = kind == "disk" ? catalog.disks : catalog.servers
            let ids = self.resources(matching: word, in: resources, excluding: Set(previous.flatMap(Self.listedIDs)))
            // In an unclosed list only IDs can come; after a whole one, the statement's keywords too.
            let inList = previous.last.map { $0.hasPrefix("[") && !$0.trimmed().hasSuffix("]") } ?? false
            return inList ? ids : ids + catalog.grammar.keywords(after: previous).filter { $0.hasPrefix(word.lowercased()) }
        }
        switch last {
        case "vault" where previous.count <= 2:
            return vaults(matching: word, in: catalog)
        case "server":
            return resources(matching: word, in: catalog.servers, excluding: [])
        case "disk":
            return resources(matching: word, in: catalog.disks, excluding: [])
        case "backup" where ["show", "restore", "delete"].contains(first):
            return catalog.backupIDs.filter { $0.hasPrefix(word) }
        case "checkpoint" where first == "show":
            return catalog.checkpointIDs.filter { $0.hasPrefix(word) }
        default:
            break
        }
        var values = catalog.values["\(first) \(last)"] ?? catalog.values[last] ?? []
        if first == "wait", previous.count == 1 { values = catalog.checkpointIDs + catalog.backupIDs }
        // Weekdays follow a policy's `every`; a `retry`'s `every` takes a duration, which has no list.
        if last == "every", first != "policy" { values = [] }
        return values.filter { $0.lowercased().hasPrefix(word.lowercased()) }
            + catalog.grammar.keywords(after: previous).filter { $0.hasPrefix(word.lowercased()) }
    }

    /// Where the `=` of a `let`/`set` is, outside strings.
    static func indexOfAssignment(in statement: String) -> String.Index? {
        var inString = false
        for index in statement.indices {
            let character = statement[index]
            if character == "\"" { inString.toggle() }
            if !inString, character == "=" { return index }
        }
        return nil
    }

    /// Names declared by `let NAME` or `for NAME` in `statements` (before the cursor's, e.g. earlier lines of
    /// an unfinished block).
    static func declaredNames(in statements: ArraySlice<String>) -> [String] {
        var names: [String] = []
        for statement in statements {
            let words = words(of: statement)
            guard words.count >= 2, ["let", "for"].contains(words[0].lowercased()) else { continue }
            let name = String(words[1].prefix { $0 != "=" })
            if let first = name.first, first.isLetter || first == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                names.append(name)
            }
        }
        return names
    }

    /// Whether `text` (up to the current statement) ends with the `}` of an `if` or `else if` block, so that
    /// `else` may come next.
    static func followsIfBlock(_ text: String) -> Bool {
        let pieces = statementPieces(of: text)
        guard pieces.count >= 2, pieces[pieces.count - 1].text.trimmed().isEmpty else { return false }
        // Walk back from the last `}` to the `{` it closes; the piece before that `{` is the block's header.
        var depth = 0
        for index in stride(from: pieces.count - 2, through: 0, by: -1) {
            switch pieces[index].terminator {
            case "}": depth += 1
            case "{": depth -= 1
            default: break
            }
            if index == pieces.count - 2, pieces[index].terminator != "}" { return false }
            if depth == 0 {
                let header = words(of: pieces[index].text).map { $0.lowercased() }
                return header.first == "if" || header.prefix(2) == ["else", "if"]
            }
        }
        return false
    }

    private func vaults(matching word: String, in catalog: CompletionCatalog) -> [String] {
        let typed = word.hasPrefix("\"") ? String(word.dropFirst()) : word
        return catalog.vaultNames
            .filter { !$0.contains("\"") && Self.isInsertable($0) && $0.lowercased().hasPrefix(typed.lowercased()) }
            .map { "\"" + $0 + "\"" }
    }

    /// The resources whose id or name starts with `word`, leaving out the IDs already written (`written`); a word
    /// that opens a list (`[e8`) keeps its bracket.
    private func resources(
        matching word: String, in resources: [CompletionCatalog.Resource], excluding written: Set<String>
    ) -> [String] {
        let opensList = word.hasPrefix("[")
        let typed = (opensList ? String(word.dropFirst()) : word).lowercased()
        return resources
            .filter { Self.isInsertable($0.id) && ($0.id.hasPrefix(typed) || $0.name.lowercased().hasPrefix(typed)) }
            .filter { !written.contains($0.id) }
            .map { opensList ? "[" + $0.id : $0.id }
    }

    /// The kind of resource (`server` or `disk`) whose IDs a set form takes at the end of `previous`, the words
    /// before the cursor's: `attach server ID ID `, `detach server [ID, `, `backup wait server ID `. `nil` when the
    /// last word is the kind itself (the single-ID case) or a keyword ends the set.
    static func resourceSetKind(after previous: [String]) -> String? {
        guard let first = previous.first?.lowercased(), ["attach", "detach", "backup"].contains(first), previous.count >= 3
        else { return nil }
        for index in stride(from: previous.count - 1, through: 1, by: -1) {
            let word = previous[index].lowercased()
            if word == "server" || word == "disk" {
                guard index < previous.count - 1, first == "backup" || index == 1 else { return nil }
                return word
            }
            let isItem = word.hasPrefix("[") || word.hasPrefix("$") || word.hasPrefix("\"")
                || word.first?.isHexDigit == true && word.contains("-")
            guard isItem else { return nil }
        }
        return nil
    }

    /// The IDs written in one word of a statement: the word, or the items of a list (`[a, b]`).
    static func listedIDs(_ word: String) -> [String] {
        guard word.hasPrefix("[") else { return [word] }
        return word.dropFirst().split { ", ]\"\t".contains($0) }.map(String.init)
    }

    /// Whether a name from a service listing may go into the line as it is: no control or format character (no
    /// name the services accept holds one; from a service that sent one, it is not offered).
    static func isInsertable(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: isControlOrFormat)
    }

    /// A control or format character (an escape, a bidirectional override), which a name shown or inserted must not
    /// carry to the terminal.
    private static func isControlOrFormat(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
    }

    private func files(matching word: String) -> [String] {
        let quoted = word.hasPrefix("\"")
        let typed = quoted ? String(word.dropFirst()) : word
        let slash = typed.lastIndex(of: "/")
        let directory = slash.map { String(typed[...$0]) } ?? ""
        let namePrefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        return listDirectory(directory.isEmpty ? "." : directory)
            .filter { $0.name.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .map { entry in
                let path = directory + entry.name
                return "\"" + path + (entry.isDirectory ? "/" : "\"")
            }
    }

    /// `candidates` for the last `wordLength` characters of `text` (a ``CompletionResult``), as replacements of
    /// the word a line editor found on its own, which starts at the UTF-8 offset `editorStart` of `text`.
    ///
    /// readline finds the word itself (its word breaks, and an open string by counting quotes), and it does not
    /// know a string inside `${…}`: in `"${x ?? "a"} $co` it sees a string opening at the second-to-last quote.
    /// A candidate meant for a longer word loses the text before the editor's word (a candidate that does not
    /// start with that text is dropped); one meant for a shorter word gains it. Otherwise Tab would insert that
    /// text a second time.
    public static func candidates(
        _ candidates: [String], replacingLast wordLength: Int, of text: String, fromEditorWordAt editorStart: Int
    ) -> [String] {
        let bytes = Array(text.utf8)
        let wordBytes = text.suffix(max(0, wordLength)).utf8.count
        let start = bytes.count - wordBytes
        guard (0...bytes.count).contains(editorStart) else { return [] }
        if editorStart == start { return candidates }
        if editorStart < start {
            let gained = String(decoding: bytes[editorStart..<start], as: UTF8.self)
            return candidates.map { gained + $0 }
        }
        let lost = bytes[start..<editorStart]
        return candidates.compactMap { candidate in
            candidate.utf8.starts(with: lost) ? String(decoding: candidate.utf8.dropFirst(lost.count), as: UTF8.self) : nil
        }
    }

    /// The longest common prefix of `strings` (what one Tab inserts).
    public static func commonPrefix(of strings: [String]) -> String {
        guard var prefix = strings.first else { return "" }
        for string in strings.dropFirst() {
            while !string.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// The text of the statement the cursor is in: after the last `;`, `{`, `}` or line break outside a string
    /// and brackets.
    static func currentStatement(_ text: String) -> String {
        statementPieces(of: text).last?.text ?? ""
    }

    /// The statements of `text`, the last one possibly unfinished.
    static func statements(of text: String) -> [String] {
        statementPieces(of: text).map(\.text)
    }

    /// `text` cut after each `;`, `{`, `}` and line break outside strings and brackets; each piece with the
    /// character that ended it (the last piece has none).
    static func statementPieces(of text: String) -> [(text: String, terminator: Character?)] {
        var pieces: [(text: String, terminator: Character?)] = []
        var current = ""
        var nesting = StringNesting()
        var depth = 0
        for index in text.indices {
            let character = text[index]
            nesting.read(character, at: index)
            if nesting.isLineCode {
                if character == "[" || character == "(" { depth += 1 }
                if character == "]" || character == ")" { depth = max(0, depth - 1) }
                if [";", "{", "}"].contains(character) || (character == "\n" && depth == 0) {
                    pieces.append((current, character))
                    current = ""
                    continue
                }
            }
            current.append(character)
        }
        pieces.append((current, nil))
        return pieces
    }

    /// Whitespace-separated words, keeping quoted strings and bracketed lists whole.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var nesting = StringNesting()
        var depth = 0
        for index in text.indices {
            let character = text[index]
            nesting.read(character, at: index)
            let outside = nesting.isLineCode
            if outside {
                if character == "[" || character == "(" { depth += 1 }
                if character == "]" || character == ")" { depth = max(0, depth - 1) }
            }
            if outside, depth == 0, character == " " || character == "\t" || character == "\n" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static let fileSystemListing: @Sendable (String) -> [(name: String, isDirectory: Bool)] = { directory in
        let path = LocalPath.expandingTilde(directory, home: getenv("HOME").map { String(cString: $0) })
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.map { name in
            var info = stat()
            let isDirectory = stat(LocalPath.joined(path, name), &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            return (name, isDirectory)
        }
    }
}
