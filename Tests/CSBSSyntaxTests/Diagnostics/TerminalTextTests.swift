import CSBSSyntax
import Testing

@Suite struct TerminalTextTests {
    @Test func controlSequencesBecomeVisibleEscapes() {
        let hostile = "vault\u{1B}]0;pwned\u{07}\u{1B}[2J\r\nrow\u{9B}31m\u{0}\u{7F}\u{202E}x\tend"
        #expect(
            TerminalText.escaped(hostile)
                == #"vault\e]0;pwned\u{7}\e[2J\r\nrow\u{9b}31m\u{0}\u{7f}\u{202e}x\tend"#
        )
    }

    @Test func multilineTextKeepsLineBreaksAndTabsOnly() {
        #expect(TerminalText.escaped("a\nb\tc\r\u{1B}[1m", layout: .multiline) == "a\nb\tc\\r\\e[1m")
    }

    @Test func longValuesAreCutAndSaySo() {
        let name = String(repeating: "x", count: 3_000_000)
        let shown = TerminalText.escaped(name, limit: TerminalText.cellLimit)
        #expect(shown == String(repeating: "x", count: 100) + "… (2999900 more characters)")
        #expect(TerminalText.escaped("short") == "short")
    }

    @Test func needsEscapingFindsWhatWouldChange() {
        #expect(TerminalText.needsEscaping("a\u{1B}b"))
        #expect(!TerminalText.needsEscaping("a\nb", layout: .multiline))
        #expect(TerminalText.needsEscaping("a\nb"))
        #expect(!TerminalText.needsEscaping("plain ünïcode 🎉"))
    }
}
