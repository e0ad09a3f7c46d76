@testable import CSBSPlatform
import Testing

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("bakup", "backup"), ("bcakup", "backup"), ("vaul", "vault"), ("VAULT", "vault"), ("atach", "attach"),
    ])
    func closeWordsGetASuggestion(word: String, expected: String) {
        #expect(Suggestion.closest(to: word, in: ["attach", "backup", "vault"]) == expected)
    }

    @Test(arguments: ["restore", "x", "vaultxyz", "backup"])
    func farOrExactWordsGetNone(word: String) {
        #expect(Suggestion.closest(to: word, in: ["attach", "backup", "vault"]) == nil)
    }

    @Test func editDistance() {
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Suggestion.editDistance(Array("ab"), Array("ba")) == 1)
        #expect(Suggestion.editDistance(Array(""), Array("abc")) == 3)
    }
}
