import CSBSPlatform
import Testing

@Suite struct TextEditingTests {
    @Test func trimming() {
        #expect("  a b \t".trimmed(.whitespace) == "a b")
        #expect(" a\n".trimmed(.whitespace) == "a\n")
        #expect("\r\n a \n".trimmed(.newlines) == " a ")
        #expect("\u{00A0}\u{2028} a\u{3000}\r\n".trimmed() == "a")
        #expect(" \n\t ".trimmed() == "")
        #expect("".trimmed() == "")
        #expect("é".trimmed() == "é")
    }

    @Test func replacing() {
        #expect("a\\b\nc".replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n") == "a\\\\b\\nc")
        #expect("line\r\nnext".replacingAll("\n", with: "&#10;") == "line\r&#10;next")
        #expect("aaa".replacingAll("aa", with: "b") == "ba")
        #expect("abc".replacingAll("", with: "x") == "abc")
        #expect("ab".replacingAll("abc", with: "x") == "ab")
        #expect("x_y_z".replacingAll("_", with: " ") == "x y z")
        #expect("e\u{301}".replacingAll("e", with: "a") == "a\u{301}")
    }
}

@Suite struct NumberAndCaseTests {
    @Test(arguments: [
        (2.5, 1, "2.5"), (30, 1, "30.0"), (0.004, 3, "0.004"), (1.23456, 3, "1.235"), (-0.04, 1, "0.0"),
        (-1.25, 1, "-1.3"), (999.96, 1, "1000.0"), (7, 0, "7"), (0.0125, 3, "0.013"),
    ] as [(Double, Int, String)])
    func fixed(_ value: Double, _ decimals: Int, _ expected: String) {
        #expect(value.fixed(decimals) == expected)
    }

    @Test func caseInsensitiveNames() {
        #expect("X-Sdk-Date".equalsIgnoringASCIICase("x-sdk-date"))
        #expect(!"Host".equalsIgnoringASCIICase("Hosts"))
        #expect(!"[".equalsIgnoringASCIICase("{"))
        #expect(!"@".equalsIgnoringASCIICase("`"))
        #expect("É".equalsIgnoringASCIICase("É"))
    }
}
