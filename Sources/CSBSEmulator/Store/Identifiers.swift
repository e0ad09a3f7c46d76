import Foundation

/// Fresh identifiers in the services' formats.
enum Identifiers {
    /// A lower-case UUID, e.g. `ea7b8717-2543-478a-a92d-3ca7ee448f67` (vaults, checkpoints, backups).
    static func uuid() -> String {
        UUID().uuidString.lowercased()
    }

    /// A request id for the `X-Request-Id` header.
    static func requestID() -> String {
        uuid()
    }

    /// An opaque token value: `MII` followed by 250 random URL-safe base64 characters (like a real PKI token).
    static func token() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var generator = SystemRandomNumberGenerator()
        let body = (0..<250).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] }
        return "MII" + String(body)
    }
}
