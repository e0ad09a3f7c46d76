import Foundation

/// The parsed `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` header (API reference §6.3).
struct SignatureHeader: Sendable, Equatable {
    /// The only algorithm the emulator verifies (the SDK's default for CBR).
    static let algorithm = "SDK-HMAC-SHA256"

    /// The access key id.
    var accessKeyID: String
    /// The signed header names, lower-case, in the order listed.
    var signedHeaders: [String]
    /// The hex signature as sent.
    var signature: String

    /// Parses the header value; `nil` if it is not a well-formed `SDK-HMAC-SHA256` authorization.
    init?(_ value: String) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(Self.algorithm + " ") else { return nil }
        var fields: [String: String] = [:]
        for part in trimmed.dropFirst(Self.algorithm.count + 1).split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            let key = pair[0].trimmingCharacters(in: .whitespaces)
            guard fields[key] == nil else { return nil }
            fields[key] = pair[1].trimmingCharacters(in: .whitespaces)
        }
        guard fields.count == 3, let access = fields["Access"], !access.isEmpty,
            let headers = fields["SignedHeaders"], !headers.isEmpty,
            let signature = fields["Signature"], signature.count == 64,
            signature.allSatisfy({ $0.isHexDigit })
        else { return nil }
        let names = headers.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard names.allSatisfy({ !$0.isEmpty && $0 == $0.lowercased() }) else { return nil }
        accessKeyID = access
        signedHeaders = names
        self.signature = signature.lowercased()
    }
}
