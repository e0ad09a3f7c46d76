import CSBSClient
import CSBSPlatform

extension Value {
    /// The value as compact JSON with fields in their stored order. Durations keep their unit, as the text
    /// `echo` prints (`"5m"`, `"250ms"`: a bare number would read as seconds or as anything); numbers that are not
    /// finite become `null`.
    public var json: String {
        var output = ""
        write(into: &output)
        return output
    }

    func write(into output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .number(let number): output += number.isFinite ? Self.format(number) : "null"
        case .string(let text): JSONText.writeString(text, into: &output)
        case .duration(let duration): JSONText.writeString(Self.format(duration), into: &output)
        case .time: JSONText.writeString(description, into: &output)
        case .list(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(into: &output)
            }
            output += "]"
        case .record(let record):
            Self.writeObject(record.fields, into: &output)
        }
    }

    /// Writes `{"name":value,…}`.
    static func writeObject(_ fields: [Record.Field], into output: inout String) {
        output += "{"
        for (index, field) in fields.enumerated() {
            if index > 0 { output += "," }
            JSONText.writeString(field.name, into: &output)
            output += ":"
            field.value.write(into: &output)
        }
        output += "}"
    }
}
