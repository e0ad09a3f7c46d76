/// Finds the intended keyword behind a misspelt word, for "did you mean …?" hints (the one rule for them:
/// the parser's keywords, the evaluator's regions, the shell's help topics, the profiles file's settings).
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    ///
    /// Words are compared case-insensitively by optimal string alignment distance (insertions, deletions,
    /// substitutions and swaps of neighbours each cost 1). A candidate qualifies within `max(1, length / 3)`
    /// edits; ties go to the earlier candidate. An exact match is never suggested.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = Array(word.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let limit = max(1, candidate.count / 3)
            let target = Array(candidate.lowercased())
            // The distance is at least the difference in length: skip the table for words that cannot qualify.
            guard abs(lowered.count - target.count) <= limit else { continue }
            let distance = editDistance(lowered, target)
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // table[i * width + j] is the distance between a.prefix(i) and b.prefix(j); one allocation, not one per row.
        let width = b.count + 1
        var table = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { table[i * width] = i }
        for j in 0...b.count { table[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var distance = min(
                    table[(i - 1) * width + j] + 1, table[i * width + j - 1] + 1, table[(i - 1) * width + j - 1] + cost
                )
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    distance = min(distance, table[(i - 2) * width + j - 2] + 1)
                }
                table[i * width + j] = distance
            }
        }
        return table[a.count * width + b.count]
    }
}
