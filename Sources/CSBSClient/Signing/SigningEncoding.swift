import CSBSPlatform
import FoundationEssentials

/// The encodings of the `SDK-HMAC-SHA256` canonical form (API reference §6.3).
public enum SigningEncoding {
    /// Percent-encodes the UTF-8 bytes of `text`, keeping only `A–Z a–z 0–9 - _ . ~`; hex digits are upper-case.
    public static func percentEncode(_ text: String) -> String {
        percentEncode(bytes: Array(text.utf8))
    }

    static func percentEncode(bytes: [UInt8]) -> String {
        var result = ""
        result.reserveCapacity(bytes.count)
        for byte in bytes {
            if isUnreserved(byte) {
                result.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                result += "%" + hex(byte >> 4, upper: true) + hex(byte & 0x0F, upper: true)
            }
        }
        return result
    }

    /// The canonical URI: decode the path, split on `/`, encode each segment, join, and end with `/`.
    public static func canonicalURI(_ path: String) -> String {
        let segments = PercentDecoding.decode(path).split(separator: "/", omittingEmptySubsequences: false)
        let encoded = segments.map { percentEncode(String($0)) }.joined(separator: "/")
        return encoded.hasSuffix("/") ? encoded : encoded + "/"
    }

    /// The canonical query: pairs sorted by raw key, then raw value (by Unicode code points), each encoded as
    /// `key=value`, joined with `&`. Repeated keys are kept. Empty when there are no pairs.
    public static func canonicalQuery(_ pairs: [(String, String)]) -> String {
        pairs.sorted { lhs, rhs in
            if !lhs.0.unicodeScalars.elementsEqual(rhs.0.unicodeScalars) { return precedes(lhs.0, rhs.0) }
            return precedes(lhs.1, rhs.1)
        }
        .map { percentEncode($0.0) + "=" + percentEncode($0.1) }
        .joined(separator: "&")
    }

    /// The `X-Sdk-Date` form of `date`: `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func sdkDate(_ date: Date) -> String {
        // Plain arithmetic on the Unix time instead of a Calendar: the first Calendar in a process loads ICU's time
        // zone data, which costs a one-shot command a few milliseconds.
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.date(daysSince1970: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + pad(secondOfDay / 60 % 60, 2) + pad(secondOfDay % 60, 2) + "Z"
    }

    /// The authority (`host[:port]`, as written) and the rest (path, query) of an absolute URL.
    static func splitURL(_ url: String) -> (authority: String, rest: String) {
        let afterScheme = url.firstRange(of: "://").map { url[$0.upperBound...] } ?? Substring(url)
        let end = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        var authority = afterScheme[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return (String(authority), String(afterScheme[end...]))
    }

    /// Lower-case hex of `bytes`.
    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var result = ""
        for byte in bytes { result += hex(byte >> 4, upper: false) + hex(byte & 0x0F, upper: false) }
        return result
    }

    private static func hex(_ nibble: UInt8, upper: Bool) -> String {
        String(UnicodeScalar(nibble < 10 ? nibble + 48 : nibble - 10 + (upper ? 65 : 97)))
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Code-point order, as the SDK (Python) sorts strings.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
    }
}
