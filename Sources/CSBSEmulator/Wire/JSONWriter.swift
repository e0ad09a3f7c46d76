/// A minimal JSON text writer for the hottest responses (backup listings), about two orders of magnitude cheaper
/// than `JSONEncoder` with snake_case key conversion and sorted keys.
///
/// It writes exactly what ``WireJSON``'s encoder writes for the same value: compact, keys given by the caller in
/// the encoder's sorted (code point) order, `/` unescaped, `"` and `\` escaped, control characters as `\b`,
/// `\t`, `\n`, `\f`, `\r` or `\u00xx` (lowercase hex), everything else as raw UTF-8. The byte-for-byte agreement
/// is checked by `BackupBodyJSONTests` and `JSONWriterTests`.
///
/// The text goes into a buffer of its own, written through a pointer: appending to an `Array` byte by byte checks
/// its uniqueness and capacity at every byte, and scanning strings through `String.UTF8View`'s iterator cost
/// about 20 instructions a byte. Together they were two fifths of the instructions of a 100-backup listing page
/// (callgrind). Noncopyable, so that the buffer has one owner, which frees it.
struct JSONWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Whether the current object or array still has no member (so no comma is due).
    private var first = true

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// The text written so far, as UTF-8.
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    /// Writes `{`, the members `body` writes, then `}`.
    mutating func object(_ body: (inout JSONWriter) -> Void) {
        put(UInt8(ascii: "{"))
        first = true
        body(&self)
        put(UInt8(ascii: "}"))
        first = false
    }

    /// Writes `[`, the elements, each written by `element`, then `]`.
    mutating func array<Element>(_ elements: [Element], _ element: (inout JSONWriter, Element) -> Void) {
        put(UInt8(ascii: "["))
        for (index, value) in elements.enumerated() {
            if index > 0 { put(UInt8(ascii: ",")) }
            element(&self, value)
        }
        put(UInt8(ascii: "]"))
        first = false
    }

    /// Writes the separator (when due) and `"key":`; the caller then writes the value.
    mutating func key(_ key: StaticString) {
        key.withUTF8Buffer { name in
            reserve(name.count + 4)
            if !first {
                start[count] = UInt8(ascii: ",")
                count += 1
            }
            start[count] = UInt8(ascii: "\"")
            if let base = name.baseAddress { (start + count + 1).update(from: base, count: name.count) }
            count += name.count + 1
            start[count] = UInt8(ascii: "\"")
            start[count + 1] = UInt8(ascii: ":")
            count += 2
        }
        first = false
    }

    /// A string member (`null` for `nil`).
    mutating func member(_ name: StaticString, _ value: String?) {
        key(name)
        guard let value else { return null() }
        string(value)
    }

    /// A Boolean member (`null` for `nil`).
    mutating func member(_ name: StaticString, _ value: Bool?) {
        key(name)
        guard let value else { return null() }
        put(value ? "true" : "false")
    }

    /// An integer member.
    mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        reserve(20)
        count += Self.decimal(Int64(value), into: start + count)
    }

    /// A time member in the CBR form (`null` for `nil`), as the encoder writes a ``CBRTime``.
    mutating func member(_ name: StaticString, _ value: CBRTime?) {
        key(name)
        guard let value else { return null() }
        reserve(WireTime.cbrLength + 2)
        start[count] = UInt8(ascii: "\"")
        guard let length = WireTime.cbrDigits(value.micros, into: start + count + 1) else {
            // A year outside 0...9999: the longer form, as a string.
            return string(WireTime.cbr(value.micros))
        }
        count += length + 1
        start[count] = UInt8(ascii: "\"")
        count += 1
    }

    /// A `null` member.
    mutating func nullMember(_ name: StaticString) {
        key(name)
        null()
    }

    private mutating func null() {
        put("null")
    }

    /// A quoted, escaped string value.
    mutating func string(_ value: String) {
        // Native and small strings are contiguous UTF-8 (every string the store reads is); others are copied once.
        if value.utf8.withContiguousStorageIfAvailable({ quoted($0) }) == nil {
            Array(value.utf8).withUnsafeBufferPointer { quoted($0) }
        }
    }

    /// `utf8` between quotes, escaped. Most strings (ids, times, names) need no escaping and are copied whole.
    private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        defer { first = false }
        guard Self.needsEscape(utf8) else {
            reserve(utf8.count + 2)
            start[count] = UInt8(ascii: "\"")
            if let base = utf8.baseAddress { (start + count + 1).update(from: base, count: utf8.count) }
            count += utf8.count + 1
            start[count] = UInt8(ascii: "\"")
            count += 1
            return
        }
        put(UInt8(ascii: "\""))
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): put("\\\"")
            case UInt8(ascii: "\\"): put("\\\\")
            case 0x08: put("\\b")
            case 0x09: put("\\t")
            case 0x0A: put("\\n")
            case 0x0C: put("\\f")
            case 0x0D: put("\\r")
            case 0x00..<0x20:
                let hex: StaticString = "0123456789abcdef"
                put("\\u00")
                hex.withUTF8Buffer { digits in
                    put(digits[Int(byte >> 4)])
                    put(digits[Int(byte & 0x0F)])
                }
            default: put(byte)
            }
        }
        put(UInt8(ascii: "\""))
    }

    /// Whether any byte of `utf8` must be escaped in a JSON string (`"`, `\` or a control character), eight
    /// bytes at a time.
    static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        /// Whether a byte of `word` is below `limit` (≤ 0x80): exact for "any", as each byte's borrow only
        /// reaches bytes above a byte that already matched.
        func anyBelow(_ word: UInt64, _ limit: UInt64) -> Bool {
            (word &- ones &* limit) & ~word & highs != 0
        }
        func anyEscaped(_ word: UInt64) -> Bool {
            anyBelow(word, 0x20) || anyBelow(word ^ (ones &* 0x22), 1) || anyBelow(word ^ (ones &* 0x5C), 1)
        }
        var offset = 0
        let raw = UnsafeRawPointer(base)
        while offset + 8 <= utf8.count {
            if anyEscaped(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return true }
            offset += 8
        }
        while offset < utf8.count {
            let byte = base[offset]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            offset += 1
        }
        return false
    }

    /// Writes `value` in decimal at `target` (room for 20 bytes), as `String(value)` spells it; returns the length.
    static func decimal(_ value: Int64, into target: UnsafeMutablePointer<UInt8>) -> Int {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &digits) { scratch in
            var magnitude = value.magnitude
            var end = scratch.count
            repeat {
                end -= 1
                scratch[end] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            var length = 0
            if value < 0 {
                target[0] = UInt8(ascii: "-")
                length = 1
            }
            for index in end..<scratch.count {
                target[length] = scratch[index]
                length += 1
            }
            return length
        }
    }

    private mutating func put(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    private mutating func put(_ text: StaticString) {
        text.withUTF8Buffer { text in
            reserve(text.count)
            if let base = text.baseAddress { (start + count).update(from: base, count: text.count) }
            count += text.count
        }
    }

    /// Makes room for `extra` more bytes (doubling the buffer when full).
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: start, count: count)
        start.deallocate()
        start = larger
        capacity = grown
    }
}
