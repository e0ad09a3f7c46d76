import CSBSPlatform
import Testing

@Suite struct JSONValueTests {
    @Test func readsAndWritesEveryKind() throws {
        let value = try JSONValue(parsing: Array(#"{"b":[1,2.5,-3e2,true,false,null],"a":"x/\"y\"\n","c":{}}"#.utf8))
        #expect(value["a"]?.string == "x/\"y\"\n")
        #expect(value["b"]?.array?.count == 6)
        #expect(value["b"]?.array?.first?.integer == 1)
        #expect(value.text == #"{"a":"x/\"y\"\n","b":[1,2.5,-300,true,false,null],"c":{}}"#)
    }

    @Test func readsFragments() throws {
        #expect(try JSONValue(parsing: Array("\"text\"".utf8)) == .string("text"))
        #expect(try JSONValue(parsing: Array("42".utf8)) == 42)
        #expect(try JSONValue(parsing: Array("null".utf8)) == nil)
    }

    @Test(arguments: ["", "{", "[1,,]", "{\"a\" 1}", "tru", "\u{1}", "[1] x"])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(throws: (any Error).self) { try JSONValue(parsing: Array(text.utf8)) }
    }

    @Test func refusesDeepNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self) { try JSONValue(parsing: Array(deep.utf8)) }
    }

    @Test func numbersAsText() {
        #expect(JSONValue.numberText(400) == "400")
        #expect(JSONValue.numberText(1.5) == "1.5")
        #expect(JSONValue.numberText(-0.25) == "-0.25")
        #expect(JSONValue.numberText(1e20) == "1e+20")
    }

    @Test func literals() {
        let value: JSONValue = ["id": 1, "ok": true, "none": nil, "list": ["a", 2.5]]
        #expect(value.text == #"{"id":1,"list":["a",2.5],"none":null,"ok":true}"#)
    }
}
