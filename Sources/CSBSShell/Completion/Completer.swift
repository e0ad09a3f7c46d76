import Foundation

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
        let word = String(text.reversed().prefix { !Self.wordBreakCharacters.contains($0) }.reversed())
        let statementText = text.dropLast(word.count)
        let previous = Self.words(of: Self.currentStatement(String(statementText)))
        let candidates = candidates(for: word, after: previous, catalog: catalog)
        return CompletionResult(wordLength: word.count, candidates: Array(Set(candidates)).sorted())
    }

    private func candidates(for word: String, after previous: [String], catalog: CompletionCatalog) -> [String] {
        if word.hasPrefix("$") {
            return catalog.variables.map { "$" + $0 }.filter { $0.hasPrefix(word) }
        }
        guard let first = previous.first?.lowercased() else {
            return catalog.statements.filter { $0.hasPrefix(word.lowercased()) }
        }
        let last = previous.last?.lowercased() ?? ""
        if first == "source" { return files(matching: word) }
        if first == "help", previous.count == 1 { return catalog.statements.filter { $0.hasPrefix(word) } }
        switch last {
        case "vault" where previous.count <= 2:
            return vaults(matching: word, in: catalog)
        case "server":
            return resources(matching: word, in: catalog.servers)
        case "disk":
            return resources(matching: word, in: catalog.disks)
        case "backup" where ["show", "restore", "delete"].contains(first):
            return catalog.backupIDs.filter { $0.hasPrefix(word) }
        case "checkpoint" where first == "show":
            return catalog.checkpointIDs.filter { $0.hasPrefix(word) }
        default:
            break
        }
        if first == "wait", previous.count == 1 {
            return (catalog.checkpointIDs + catalog.backupIDs + ["timeout"]).filter { $0.hasPrefix(word) }
        }
        let used = Set(previous.map { $0.lowercased() })
        let options = catalog.options[first] ?? []
        return options.filter { $0.hasPrefix(word.lowercased()) && !used.contains($0) }
    }

    private func vaults(matching word: String, in catalog: CompletionCatalog) -> [String] {
        let typed = word.hasPrefix("\"") ? String(word.dropFirst()) : word
        return catalog.vaultNames
            .filter { !$0.contains("\"") && $0.lowercased().hasPrefix(typed.lowercased()) }
            .map { "\"" + $0 + "\"" }
    }

    private func resources(matching word: String, in resources: [CompletionCatalog.Resource]) -> [String] {
        let typed = word.lowercased()
        return resources
            .filter { $0.id.hasPrefix(typed) || $0.name.lowercased().hasPrefix(typed) }
            .map(\.id)
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

    /// The longest common prefix of `strings` (what one Tab inserts).
    public static func commonPrefix(of strings: [String]) -> String {
        guard var prefix = strings.first else { return "" }
        for string in strings.dropFirst() {
            while !string.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// The text of the statement the cursor is in: after the last `;`, `{` or `}` outside a string.
    static func currentStatement(_ text: String) -> String {
        var start = text.startIndex
        var inString = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" { inString.toggle() }
            if !inString, [";", "{", "}"].contains(character) { start = text.index(after: index) }
            index = text.index(after: index)
        }
        return String(text[start...])
    }

    /// Whitespace-separated words, keeping quoted strings whole.
    static func words(of text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inString = false
        for character in text {
            if character == "\"" { inString.toggle() }
            if !inString, character == " " || character == "\t" {
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
        let path = (directory as NSString).expandingTildeInPath
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.map { name in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            return (name, isDirectory.boolValue)
        }
    }
}
