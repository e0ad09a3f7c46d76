import Foundation
import Synchronization

/// Random bytes and numbers for identifiers and fault probabilities: the system generator, or a
/// lock-protected SplitMix64 stream from a seed (so `csbs serve --seed N` gives the same ids every run).
///
/// The emulator has one (``EmulatorControl/identifiers``); requests carry it in
/// ``EmulatorRequestContext/identifiers`` and pass it to the store operations that make new records.
final class IdentifierSource: Sendable {
    private let seeded: Bool
    private let state: Mutex<UInt64>
    /// Without a seed, the SplitMix64 stream of ids (``idBits()``), from a state the system generator picks.
    private let idState: Mutex<UInt64>
    /// The millisecond and counter of the last ``orderedUUID(at:)`` (`nil` before the first).
    private let lastOrdered = Mutex<(millis: UInt64, counter: UInt64)?>(nil)

    /// A seeded source, or the system generator when `seed` is `nil`.
    init(seed: UInt64?) {
        seeded = seed != nil
        state = Mutex(seed ?? 0)
        var generator = SystemRandomNumberGenerator()
        idState = Mutex(generator.next())
    }

    /// The next 64 random bits.
    func next() -> UInt64 {
        guard seeded else {
            var generator = SystemRandomNumberGenerator()
            return generator.next()
        }
        return state.withLock { Self.splitMix(&$0) }
    }

    /// The next 64 bits of an identifier: ``next()`` with a seed; without one, a SplitMix64 stream from a random
    /// state. Ids are not secrets (tokens take ``next()``'s bytes), and the system generator costs a system call
    /// per 64 bits: a checkpoint of a 10,000-server vault made 80,000 of them (perf of seeding 100,000 backups:
    /// about 3 % of the emulator's CPU, in the kernel's random generator and the calls).
    func idBits() -> UInt64 {
        guard !seeded else { return next() }
        return idState.withLock { Self.splitMix(&$0) }
    }

    /// One step of SplitMix64.
    private static func splitMix(_ value: inout UInt64) -> UInt64 {
        value &+= 0x9E37_79B9_7F4A_7C15
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// `count` random bytes.
    func bytes(_ count: Int) -> [UInt8] {
        bytes(count, from: next)
    }

    /// `count` bytes of `source`'s words, lowest byte first.
    private func bytes(_ count: Int, from source: () -> UInt64) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            let word = source()
            for shift in stride(from: 0, to: 64, by: 8) where result.count < count {
                result.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return result
    }

    /// A uniform number in `0..<1`.
    func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}

/// Fresh identifiers in the services' formats.
extension IdentifierSource {
    /// A lower-case UUID (version 4 layout), e.g. `ea7b8717-2543-478a-a92d-3ca7ee448f67`.
    /// Written byte by byte into one buffer (a checkpoint of a 10,000-server vault makes 30,000 of them).
    func uuid() -> String {
        var raw = bytes(16, from: idBits)
        raw[6] = raw[6] & 0x0F | 0x40
        raw[8] = raw[8] & 0x3F | 0x80
        return Self.format(raw)
    }

    /// A lower-case UUID in the version 7 layout (RFC 9562): 48 bits of milliseconds of `time` (the emulator's
    /// clock, microseconds since 1970), then a 42-bit counter and 32 random bits, so that ids made one after
    /// another sort in the order they were made. For the ids of the rows of the big tables (backups, checkpoints,
    /// tasks): each such id is a key of a primary-key index, and a random key lands on a random page of it, so a
    /// checkpoint of a 10,000-server vault dirtied tens of thousands of index pages that the commit wrote out
    /// (an SQL experiment of 200,000 backups with their tasks: 9.7 s of CPU with random ids, 4.3 s with ordered
    /// ones). Still a UUID in text (any client takes it; the services' own ids carry no meaning).
    ///
    /// The counter starts at a random value below 2^41 in each new millisecond and counts up within it; a time
    /// before the last one (the emulator's clock set back) counts on from the last, so ids keep increasing.
    func orderedUUID(at time: Int64) -> String {
        let millis = UInt64(clamping: max(0, time / 1_000)) & 0xFFFF_FFFF_FFFF
        let fresh = idBits() & 0x1FF_FFFF_FFFF
        let (stamp, counter): (UInt64, UInt64) = lastOrdered.withLock { last in
            var following = (millis: millis, counter: fresh)
            if let last, millis <= last.millis {
                following = last.counter < 0x3FF_FFFF_FFFF
                    ? (last.millis, last.counter + 1) : (last.millis + 1, fresh)
            }
            last = following
            return following
        }
        let random = idBits()
        var raw = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { raw[index] = UInt8(truncatingIfNeeded: stamp >> UInt64(40 - 8 * index)) }
        // Version 7, then the counter's top 12 bits; the variant, then its other 30 bits; then 32 random bits.
        raw[6] = 0x70 | UInt8(truncatingIfNeeded: counter >> 38) & 0x0F
        raw[7] = UInt8(truncatingIfNeeded: counter >> 30)
        raw[8] = 0x80 | UInt8(truncatingIfNeeded: counter >> 24) & 0x3F
        raw[9] = UInt8(truncatingIfNeeded: counter >> 16)
        raw[10] = UInt8(truncatingIfNeeded: counter >> 8)
        raw[11] = UInt8(truncatingIfNeeded: counter)
        for index in 12..<16 { raw[index] = UInt8(truncatingIfNeeded: random >> UInt64(8 * (index - 12))) }
        return Self.format(raw)
    }

    /// 16 bytes as lower-case hex in 8-4-4-4-12 groups.
    private static func format(_ raw: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { text in
            var position = 0
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                text[position] = digits.utf8Start[Int(byte >> 4)]
                text[position + 1] = digits.utf8Start[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    /// A request id for the `X-Request-Id` header.
    func requestID() -> String {
        uuid()
    }

    /// An opaque token value: `MII` followed by 250 random URL-safe base64 characters (like a real PKI token).
    func token() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let body = bytes(250).map { alphabet[Int($0) % alphabet.count] }
        return "MII" + String(body)
    }
}
