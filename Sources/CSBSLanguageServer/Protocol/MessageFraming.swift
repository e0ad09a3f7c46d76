import CSBSPlatform
import FoundationEssentials

/// The base protocol's framing: `Content-Length: N` (other headers ignored), a blank line, then N bytes of JSON.
///
/// Input comes from an editor but is still input: a header block over ``maximumHeaderBytes`` or a body over
/// ``maximumBodyBytes`` is refused with ``FramingError`` (the server then stops: it can no longer tell where the
/// next message starts).
public struct MessageReader: Sendable {
    /// The largest message body accepted (a document is at most 8 MiB; its JSON escaping adds some).
    public static let maximumBodyBytes = 16 << 20
    /// The longest header block accepted.
    public static let maximumHeaderBytes = 4096

    private var buffer: [UInt8] = []

    public init() {}

    /// Why the stream cannot be read any further.
    public enum FramingError: Error, Equatable, CustomStringConvertible {
        case headerTooLong
        case missingContentLength
        case bodyTooLarge(Int)

        public var description: String {
            switch self {
            case .headerTooLong: "a message header is over \(MessageReader.maximumHeaderBytes) bytes"
            case .missingContentLength: "a message has no valid Content-Length header"
            case .bodyTooLarge(let size): "a message of \(size) bytes is over the \(MessageReader.maximumBodyBytes)-byte limit"
            }
        }
    }

    /// Adds bytes read from the stream.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next whole message body, or `nil` until more bytes arrive.
    public mutating func next() throws(FramingError) -> [UInt8]? {
        guard let headerEnd = Self.endOfHeaders(in: buffer) else {
            if buffer.count > Self.maximumHeaderBytes { throw .headerTooLong }
            return nil
        }
        guard headerEnd <= Self.maximumHeaderBytes else { throw .headerTooLong }
        let header = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        var length: Int?
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { continue }
            length = Int(parts[1].trimmed(.whitespace))
        }
        guard let length, length >= 0 else { throw .missingContentLength }
        guard length <= Self.maximumBodyBytes else { throw .bodyTooLarge(length) }
        let start = headerEnd + 4
        guard buffer.count >= start + length else { return nil }
        let body = Array(buffer[start..<(start + length)])
        buffer.removeFirst(start + length)
        return body
    }

    /// The offset of the `\r\n\r\n` that ends the headers.
    private static func endOfHeaders(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}

/// One message framed for the stream.
public func framed(_ body: Data) -> Data {
    Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
}
