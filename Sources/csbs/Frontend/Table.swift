import CSBSClient
import CSBSScript
import CSBSSyntax
import FoundationEssentials

/// Plain-text tables for list results: one column per field of the first row, left-aligned.
///
/// Cells are escaped and cut to ``TerminalText/cellLimit`` characters (prose: ``proseCellLimit``) after `redact`;
/// widths count that
/// escaped text as a terminal shows it. Timestamps (fields ending in `_at`) are shown in UTC, saying so:
/// `2026-12-06 10:15:03Z`.
///
/// Given a `width` (the terminal's columns), the table is fitted to it: the widest free-text columns are cut first,
/// their cells ending in `…`; ids, timestamps and numbers are never cut, and prose (a column of sentences: the
/// service's reason for a refusal, a task's error) not below ``narrowestProse``. A table that cannot fit that way is
/// shown expanded, one block of `FIELD  value` lines per row (as psql's `\x`), as is every table when `expanded` is
/// set. Without a width (not a terminal) the table is printed whole.
enum Table {
    /// A free-text column is not cut below this many columns (or its header, if wider).
    static let narrowestFreeText = 8
    /// A column of prose is not cut below this many columns (or its longest cell, if shorter): at 80 columns the
    /// refused-resource table of `attach` left its REASON 22 columns, "The resource 8d3f5a71…", which says nothing
    /// the ID beside it does not; shown expanded, each reason has 72.
    static let narrowestProse = 40
    /// The characters of a prose cell shown before the rest is left out (other cells: ``TerminalText/cellLimit``): a
    /// service's reason is what the reader needs whole, four lines of an expanded view at 80 columns.
    static let proseCellLimit = 300

    static func render(
        _ rows: [Record], width: Int? = nil, expanded alwaysExpanded: Bool = false, redact: (String) -> String = { $0 }
    ) -> String {
        guard let first = rows.first else { return "" }
        let columns = first.fields.map(\.name)
        let headers = columns.map { $0.uppercased() }
        let texts = rows.map { row in columns.map { name in row[name].map { redact(cell($0, column: name)) } } }
        let cuttable = columns.indices.map { index in isFreeText(columns[index], texts.map { $0[index] ?? "" }) }
        let prose = columns.indices.map { index in cuttable[index] && isProse(texts.map { $0[index] ?? "" }) }
        let cells = texts.map { row in
            row.indices.map { index in
                row[index].map { TerminalText.escaped($0, limit: prose[index] ? proseCellLimit : TerminalText.cellLimit) } ?? ""
            }
        }
        let natural = columns.indices.map { index in
            max(DisplayWidth.of(headers[index]), cells.map { DisplayWidth.of($0[index]) }.max() ?? 0)
        }
        if alwaysExpanded { return expanded(headers, cells, cuttable: cuttable, prose: prose, width: width ?? Int.max / 2) }
        guard let width else { return lines(headers, cells, widths: natural) }
        let minimums = columns.indices.map { index in
            guard cuttable[index] else { return natural[index] }
            return min(natural[index], max(DisplayWidth.of(headers[index]), prose[index] ? narrowestProse : narrowestFreeText))
        }
        guard let widths = fitted(natural, minimums: minimums, into: width) else {
            return expanded(headers, cells, cuttable: cuttable, prose: prose, width: width)
        }
        let cut = cells.map { row in row.indices.map { DisplayWidth.cut(row[$0], to: widths[$0]) } }
        return lines(headers, cut, widths: widths)
    }

    /// Column widths that fit `width` with two spaces between columns, taking from the widest cuttable column
    /// first; `nil` when even the narrowest allowed widths do not fit.
    static func fitted(_ natural: [Int], minimums: [Int], into width: Int) -> [Int]? {
        var widths = natural
        var excess = widths.reduce(0, +) + 2 * (widths.count - 1) - width
        while excess > 0 {
            let candidates = widths.indices.filter { widths[$0] > minimums[$0] }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] || (widths[$0] == widths[$1] && $0 > $1) })
            else { return nil }
            let next = candidates.filter { $0 != widest }.map { widths[$0] }.max() ?? 0
            let step = max(1, min(excess, widths[widest] - max(minimums[widest], next)))
            widths[widest] -= step
            excess -= step
        }
        return widths
    }

    /// One block per row: a `-[ RECORD n ]-` line, then `FIELD  value` lines; free text cut to the width, prose
    /// wrapped onto lines of its own under the first.
    static func expanded(_ headers: [String], _ cells: [[String]], cuttable: [Bool], prose: [Bool], width: Int) -> String {
        let labelWidth = headers.map(DisplayWidth.of).max() ?? 0
        let room = max(width - labelWidth - 2, narrowestFreeText)
        var output: [String] = []
        for (number, row) in cells.enumerated() {
            output.append("-[ RECORD \(number + 1) ]-")
            for (index, value) in row.enumerated() {
                let label = DisplayWidth.padded(headers[index], to: labelWidth) + "  "
                guard prose[index] else {
                    output.append((label + (cuttable[index] ? DisplayWidth.cut(value, to: room) : value)).trimmingTrailingSpaces)
                    continue
                }
                let words = value.split(separator: " ").map { Substring(DisplayWidth.cut(String($0), to: room)) }
                let lines = DisplayWidth.wrapped(words, first: label, hang: labelWidth + 2, width: labelWidth + 2 + room)
                output += lines.map(\.trimmingTrailingSpaces)
            }
        }
        return output.joined(separator: "\n")
    }

    private static func lines(_ headers: [String], _ cells: [[String]], widths: [Int]) -> String {
        func line(_ values: [String]) -> String {
            zip(values, widths).map { DisplayWidth.padded($0, to: $1) }.joined(separator: "  ").trimmingTrailingSpaces
        }
        return ([line(headers)] + cells.map(line)).joined(separator: "\n")
    }

    /// Whether a column may be cut: not an id (`id`, `…_id`, or every value UUID-shaped), a timestamp (`…_at`) or
    /// a number.
    private static func isFreeText(_ column: String, _ values: [String]) -> Bool {
        if column == "id" || column.hasSuffix("_id") || column.hasSuffix("_at") { return false }
        let present = values.filter { !$0.isEmpty && $0 != "-" }
        if present.isEmpty { return true }
        return !present.allSatisfy { UUID(uuidString: $0) != nil || Double($0) != nil }
    }

    /// Whether a column holds prose: some cell of three words or more.
    private static func isProse(_ values: [String]) -> Bool {
        values.contains { value in value.split(separator: " ", omittingEmptySubsequences: true).count >= 3 }
    }

    private static func cell(_ value: Value, column: String) -> String {
        switch value {
        case .null: "-"
        case .list(let values): values.map(\.description).joined(separator: ",")
        case .string(let text) where column.hasSuffix("_at"):
            WireDate.parse(text).map(WireDate.displayFormat) ?? text
        default: value.description
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
