/// The service's rules for the names and descriptions a request stores (API reference §2.1.1, §2.3.1, §2.5.1), in
/// one place for every CBR field that has them.
///
/// Lengths count Unicode scalars, as SQLite's `length()` does on the columns' `CHECK`s, so a name the rules accept
/// is always one the store accepts (counting `Character`s let 64 emoji with modifiers through to a failing
/// insert).
/// Every rule refuses control characters, NUL included: SQLite would cut the text at a NUL.
enum WireText {
    /// The longest vault, checkpoint, backup and policy name.
    static let maxNameLength = 64

    /// Checks a name (or a name-like token: a prefix, a zone): 1 to `maxLength` letters (any script, with their
    /// combining marks), digits, `_` and `-`.
    /// - Returns: `name`.
    /// - Throws: `BackupService.9900` naming `field`.
    @discardableResult
    static func name(_ name: String, field: String, maxLength: Int = maxNameLength) throws -> String {
        let scalars = name.unicodeScalars
        guard (1...maxLength).contains(scalars.count), scalars.allSatisfy(isNameScalar) else {
            throw EmulatorError.invalidParameter(
                "\(field) must be 1 to \(maxLength) letters, digits, underscores or hyphens."
            )
        }
        return name
    }

    /// Checks a description: at most `maxLength` characters, no control characters, and none of `forbidden`.
    /// - Returns: `description`.
    /// - Throws: `BackupService.9900` naming `field`, or the error `invalid` makes (CSBS: `CSBS.9001`).
    @discardableResult
    static func description(
        _ description: String,
        field: String,
        maxLength: Int = 255,
        forbidden: Set<Unicode.Scalar> = [],
        invalid: (String) -> EmulatorError = EmulatorError.invalidParameter
    ) throws -> String {
        let scalars = description.unicodeScalars
        let refused = scalars.contains { isControl($0) || forbidden.contains($0) }
        guard scalars.count <= maxLength, !refused else {
            let listed = forbidden.map { String($0) }.sorted().joined(separator: " ")
            let characters = forbidden.isEmpty ? "" : ", " + listed
            throw invalid(
                "\(field) must be at most \(maxLength) characters, without control characters\(characters)."
            )
        }
        return description
    }

    /// Whether a scalar may be part of a name: a letter, a combining mark, a digit, `_` or `-`.
    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" || scalar == "-" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// C0 controls (NUL included), DEL and C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
