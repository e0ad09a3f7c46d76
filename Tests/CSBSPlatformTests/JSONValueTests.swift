import CSBSPlatform
import Testing

@Suite struct JSONValueTests {
    @Test func readsAndWritesEveryKind() throws {
        let value = try JSONValue(parsing: Array(#"{"b":[1,2.5,-3e2,true,false,null],"a":"x/\"y\"\n\u00e9","c":{}}"#.utf8))
        #expect(value["a"]?.string == "x/\"y\"\né")
        #expect(value["b"]?.array == [.integer(1), .number(2.5), .number(-300), true, false, nil])
        #expect(value.members?.map(\.name) == ["b", "a", "c"])
        #expect(value.text == #"{"a":"x/\"y\"\né","b":[1,2.5,-300,true,false,null],"c":{}}"#)
    }

    @Test func readsFragments() throws {
        #expect(try JSONValue(parsing: Array("\"text\"".utf8)) == .string("text"))
        #expect(try JSONValue(parsing: Array(" 42 ".utf8)) == 42)
        #expect(try JSONValue(parsing: Array("null".utf8)) == nil)
        #expect(try JSONValue(parsing: Array("9223372036854775808".utf8)) == .number(9_223_372_036_854_775_808))
    }

    @Test(arguments: [
        ("", "expected a value, found the end of the text at byte 1"), ("{", "expected a field name in quotes at byte 2"),
        ("[1,]", "expected a value at byte 4"), ("{\"a\" 1}", "expected ':' after the field name at byte 6"),
        ("tru", "expected a value at byte 1"), ("\u{1}", "expected a value at byte 1"),
        ("[1] x", "more text after the value at byte 5"), ("{\"a\":1,\"a\":2}", "the field \"a\" is given twice at byte 11"),
        ("01", "a number does not start with 0 at byte 3"), ("\"a\u{1}\"", "a control character in a string must be escaped at byte 3"),
    ])
    func refusesWhatIsNotJSON(_ text: String, _ message: String) {
        #expect(throws: JSONValue.ParseError(message: message)) { try JSONValue(parsing: Array(text.utf8)) }
    }

    @Test func refusesDeepNestingWithoutCrashing() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: Array(deep.utf8)) }
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: Array("[[1]]".utf8), maximumDepth: 1) }
        #expect(try JSONValue(parsing: Array("[[1]]".utf8), maximumDepth: 2) == [[1]])
    }

    @Test func numbersAsText() {
        #expect(JSONValue.numberText(400) == "400")
        #expect(JSONValue.numberText(1.5) == "1.5")
        #expect(JSONValue.numberText(-0.25) == "-0.25")
        #expect(JSONValue.numberText(1e20) == "1e+20")
        #expect(JSONValue.number(2).intValue == 2 && JSONValue.number(2.5).intValue == nil)
    }

    @Test func literals() {
        let value: JSONValue = ["id": 1, "ok": true, "none": nil, "list": ["a", 2.5]]
        #expect(value.text == #"{"id":1,"list":["a",2.5],"none":null,"ok":true}"#)
        #expect(value.members?.map(\.name) == ["id", "ok", "none", "list"])
    }
}
