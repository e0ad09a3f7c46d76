import CSBSPlatform
import Testing

@Suite struct PercentDecodingTests {
    @Test(arguments: [
        ("a%20b%2Fc", "a b/c"), ("%e4%bd%a0", "你"), ("100%", "100%"), ("%4", "%4"), ("%zz%41", "%zzA"),
        ("%ff", "\u{FFFD}"), ("", ""), ("plain", "plain"), ("%%41", "%A"),
    ])
    func decodes(_ text: String, _ expected: String) {
        #expect(PercentDecoding.decode(text) == expected)
    }
}
