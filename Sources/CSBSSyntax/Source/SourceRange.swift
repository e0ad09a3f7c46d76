/// A half-open range of 0-based UTF-8 byte offsets into the source text.
///
/// `lowerBound` is the offset of the first byte; `upperBound` is one past the last byte, so an empty range
/// (`lowerBound == upperBound`) marks a position between two bytes, such as the place where a missing
/// token was expected.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// The 0-based UTF-8 offset of the first byte in the range.
    public var lowerBound: Int
    /// The 0-based UTF-8 offset one past the last byte in the range.
    public var upperBound: Int

    /// Creates a range from two 0-based UTF-8 offsets.
    ///
    /// - Parameters:
    ///   - lower: The offset of the first byte.
    ///   - upper: The offset one past the last byte; must not be less than `lower` (swapped if it is).
    public init(_ lower: Int, _ upper: Int) {
        assert(lower <= upper, "SourceRange(\(lower), \(upper)) is reversed")
        lowerBound = min(lower, upper)
        upperBound = max(lower, upper)
    }

    /// An empty range at a 0-based UTF-8 offset.
    public static func empty(at offset: Int) -> SourceRange {
        SourceRange(offset, offset)
    }

    /// The number of UTF-8 bytes the range covers.
    public var length: Int { upperBound - lowerBound }

    /// Whether the range covers no bytes.
    public var isEmpty: Bool { lowerBound == upperBound }

    /// The smallest range that covers both `self` and `other`.
    public func cover(_ other: SourceRange) -> SourceRange {
        SourceRange(min(lowerBound, other.lowerBound), max(upperBound, other.upperBound))
    }

    /// `lower..<upper`, in UTF-8 offsets.
    public var description: String { "\(lowerBound)..<\(upperBound)" }
}
