/// The trimming and replacing csbs does on text, by Unicode scalars (as Foundation's `NSString` methods did, which
/// the modules csbs links do not use: a `"\r\n"` pair is one `Character` that `"\n"` would not match).
extension StringProtocol {
    /// The text without leading and trailing whitespace: `.whitespace` is spaces and tabs (Unicode's space
    /// separators and U+0009), `.newlines` line and paragraph separators (U+000A–U+000D, U+0085, U+2028, U+2029),
    /// `.whitespaceAndNewlines` both.
    public func trimmed(_ kind: Trimmed = .whitespaceAndNewlines) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !kind.contains($0) }) else { return "" }
        let last = scalars.lastIndex { !kind.contains($0) }!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// The text with every occurrence of `target` (matched scalar by scalar, left to right, not overlapping)
    /// replaced by `replacement`; the text itself when `target` is empty.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.unicodeScalars)
        guard let head = pattern.first else { return String(self) }
        let scalars = unicodeScalars
        var result = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index != scalars.endIndex {
            if scalars[index] == head, scalars[index...].starts(with: pattern) {
                result.append(contentsOf: replacement.unicodeScalars)
                index = scalars.index(index, offsetBy: pattern.count)
            } else {
                result.append(scalars[index])
                index = scalars.index(after: index)
            }
        }
        return String(result)
    }
}

/// What ``StringProtocol/trimmed(_:)`` removes.
public enum Trimmed: Sendable {
    case whitespace, newlines, whitespaceAndNewlines

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let newline = switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
        let space = scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        return switch self {
        case .whitespace: space
        case .newlines: newline
        case .whitespaceAndNewlines: space || newline
        }
    }
}

extension StringProtocol {
    /// Whether the two texts are equal but for the case of ASCII letters (HTTP header names); other characters
    /// compare as they are.
    public func equalsIgnoringASCIICase(_ other: some StringProtocol) -> Bool {
        utf8.elementsEqual(other.utf8) { a, b in
            a == b || (a | 0x20 == b | 0x20 && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(a | 0x20))
        }
    }
}

extension BinaryFloatingPoint {
    /// The number with exactly `decimals` digits after the point, rounded half away from zero: `2.5` as
    /// `fixed(1)` is `2.5`, `0.004` as `fixed(3)` is `0.004`, `12` as `fixed(1)` is `12.0` (C's `%.Nf`).
    public func fixed(_ decimals: Int) -> String {
        let value = Double(self)
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e15 else { return String(value) }
        let units = Int(scaled)
        let whole = units / Int(scale)
        let fraction = String(units % Int(scale))
        let sign = value < 0 && units != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
