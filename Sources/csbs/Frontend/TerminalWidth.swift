import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many columns the terminal on a file descriptor has, asked each time output is laid out (the window can be
/// resized between two results). `nil` means "not a terminal": the output is not fitted, so pipes and files get
/// the same text whatever window the command ran in.
struct TerminalWidth: Sendable {
    /// The columns of the terminal on a descriptor, or `nil` when it is not a terminal.
    let columns: @Sendable (_ descriptor: Int32) -> Int?

    /// The process's own terminal: the window size the terminal reports (`TIOCGWINSZ`), else `COLUMNS` from the
    /// environment when that is a positive number; `nil` when the descriptor is not a terminal.
    static func window(environment: [String: String]) -> TerminalWidth {
        let fallback = environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        return TerminalWidth { descriptor in
            guard isatty(descriptor) == 1 else { return nil }
            var size = winsize()
            if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
            return fallback
        }
    }

    /// The same width for every descriptor (tests; `nil`: nothing is fitted).
    static func fixed(_ columns: Int?) -> TerminalWidth {
        TerminalWidth { _ in columns }
    }
}

/// Widths on screen: how many columns text takes in a terminal, and cutting it to a number of columns.
enum DisplayWidth {
    /// The columns `text` takes: one per character, two for East Asian wide and full-width characters and emoji.
    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// `text` cut to at most `columns` columns, ending in `…` when something was left out.
    static func cut(_ text: String, to columns: Int) -> String {
        guard of(text) > columns else { return text }
        guard columns > 0 else { return "" }
        var result = ""
        var used = 0
        for character in text {
            let width = of(character)
            if used + width > columns - 1 { break }
            result.append(character)
            used += width
        }
        return result + "…"
    }

    /// `words` in lines of at most `width` columns, one space between words: the first line starts with `first`, the
    /// others with `hang` spaces. A word wider than a line has a line of its own (the caller cuts it if it must).
    static func wrapped(_ words: [Substring], first: String, hang: Int, width: Int) -> [String] {
        var lines: [String] = []
        var current = first
        var currentWidth = of(first)
        var empty = true
        for word in words {
            let wordWidth = of(String(word))
            if !empty, currentWidth + 1 + wordWidth > width {
                lines.append(current)
                current = String(repeating: " ", count: hang)
                currentWidth = hang
                empty = true
            }
            if !empty {
                current += " "
                currentWidth += 1
            }
            current += word
            currentWidth += wordWidth
            empty = false
        }
        lines.append(current)
        return lines
    }

    /// `text` followed by spaces up to `columns` columns.
    static func padded(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - of(text)))
    }
}
