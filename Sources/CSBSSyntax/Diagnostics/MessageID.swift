/// A stable identifier for a kind of diagnostic, such as `parse.expectedSize`.
///
/// The wording of a message may change; its ID does not. Tests and tools match on IDs.
public struct MessageID: Sendable, Hashable, CustomStringConvertible {
    /// The area that produces the message: `lex`, `parse`, `runtime`, …
    public let domain: String
    /// The message's name within its domain, in lowerCamelCase.
    public let name: String

    /// Creates an ID.
    ///
    /// - Parameters:
    ///   - domain: The area that produces the message, such as `parse`.
    ///   - name: The message's name within the domain, such as `expectedSize`.
    public init(domain: String, name: String) {
        self.domain = domain
        self.name = name
    }

    /// `domain.name`, for example `parse.expectedSize`.
    public var description: String { "\(domain).\(name)" }
}
