/// What a `!` at the start of an input stands for, as in bash: `!!` the last entry, `!N` entry N of the `history`
/// listing, `!-N` the Nth from the end, `!TEXT` the latest entry starting with TEXT. Whatever follows the
/// designator is kept after the entry (`!! limit 5`). Only the start of an input is expanded: the language uses `!`
/// in `!=`, and an input never begins with it.
public enum HistoryExpansion: Sendable, Equatable {
    /// The input does not start with a designator.
    case none
    /// The input with its designator replaced by the entry.
    case expanded(String)
    /// No entry matches the designator (the message, as bash words it: `!9: event not found`).
    case notFound(String)
}

extension History {
    /// Expands a designator at the start of `input` from ``entries``.
    public func expansion(of input: String) -> HistoryExpansion {
        guard input.first == "!" else { return .none }
        let designator = input.prefix { $0 != " " && $0 != "\t" }
        let rest = input.dropFirst(designator.count)
        let key = designator.dropFirst()
        guard !key.isEmpty else { return .none }
        let entry: String?
        if key == "!" {
            entry = entries.last
        } else if let number = Int(key), number != 0 {
            let index = number > 0 ? number - 1 : entries.count + number
            entry = entries.indices.contains(index) ? entries[index] : nil
        } else {
            entry = entries.last { $0.hasPrefix(key) }
        }
        guard let entry else { return .notFound("\(designator): event not found") }
        return .expanded(entry + rest)
    }
}
