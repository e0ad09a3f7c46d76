import CSBSSyntax
import Testing

/// The services' rules as `ServiceRules` states them; the byte-by-byte checks of ASCII text answer as the
/// Character rules do.
@Suite struct ServiceRulesTests {
    /// The rule for any text, written plainly: what the ASCII fast path of `nameProblem` must agree with.
    private func plainRuleAccepts(_ name: String, _ kind: ServiceRules.NameKind) -> Bool {
        kind.lengths.contains(name.count) && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    @Test func asciiNamesAreJudgedAsTheCharacterRuleJudgesThem() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09_-. /\t\u{7F}\u{01}$é漢")
        for kind in [ServiceRules.NameKind.vault, .backup, .csbsBackup, .policy] {
            for _ in 0..<2_000 {
                let length = Int.random(in: 0...70, using: &generator)
                let name = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
                #expect((ServiceRules.nameProblem(name, of: kind) == nil) == plainRuleAccepts(name, kind), "\(name.debugDescription)")
            }
        }
    }

    @Test func resourceIDsAreUUIDs() {
        #expect(ServiceRules.isResourceID("e8cc6bfd-d324-4b88-9109-9fb0ba70676f"))
        #expect(ServiceRules.isResourceID("E8CC6BFD-D324-4B88-9109-9FB0BA70676F"))
        #expect(!ServiceRules.isResourceID("e8cc6bfd-d324-4b88-9109-9fb0ba70676"))
        #expect(!ServiceRules.isResourceID("e8cc6bfd-d324-4b88-9109-9fb0ba70676g"))
        #expect(!ServiceRules.isResourceID("e8cc6bfdd-324-4b88-9109-9fb0ba70676f"))
        #expect(!ServiceRules.isResourceID("ｅ8cc6bfd-d324-4b88-9109-9fb0ba70676f"), "a fullwidth digit is not the service's")
        #expect(!ServiceRules.isResourceID("server-1"))
    }
}
