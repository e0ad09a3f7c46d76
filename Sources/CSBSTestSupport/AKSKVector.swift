import Foundation
import Testing

/// One entry of `shared/api/aksk-vectors.json` (generated with the Huawei Cloud Python SDK signer), shared by the
/// client's signer tests and the emulator's verifier tests.
public struct AKSKVector: Decodable, Sendable, CustomTestStringConvertible {
    public struct Input: Decodable, Sendable {
        public var method: String
        public var url: String
        public var queryParams: [[QueryValue]]
        public var headers: [String: String]
        public var xSdkDate: String
        public var body: String
        public var ak: String
        public var sk: String
    }

    public struct Expected: Decodable, Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signedHeaders: String
        public var signature: String
        public var authorization: String
        public var requestUriSent: String
        public var headersSent: [String: String]
    }

    /// A query key or value as the SDK renders it: strings as they are, booleans `true`/`false`, numbers in decimal.
    public struct QueryValue: Decodable, Sendable {
        public var text: String

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                text = string
            } else if let bool = try? container.decode(Bool.self) {
                text = bool ? "true" : "false"
            } else {
                text = String(try container.decode(Int.self))
            }
        }
    }

    public var name: String
    public var input: Input
    public var expected: Expected

    public var testDescription: String { name }

    /// The raw query pairs.
    public var query: [(String, String)] {
        input.queryParams.map { ($0[0].text, $0[1].text) }
    }

    /// Scheme-less split of the vector's URL into authority (`host[:port]`) and path.
    public var hostAndPath: (host: String, path: String) {
        let afterScheme = input.url.components(separatedBy: "://").last ?? input.url
        guard let slash = afterScheme.firstIndex(of: "/") else { return (afterScheme, "") }
        return (String(afterScheme[..<slash]), String(afterScheme[slash...]))
    }

    private struct File: Decodable {
        var vectors: [AKSKVector]
    }

    /// `../shared/api/aksk-vectors.json` relative to the package root.
    public static let fileURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CSBSTestSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/api/aksk-vectors.json")
        .standardizedFileURL

    public static func load() throws -> [AKSKVector] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(File.self, from: Data(contentsOf: fileURL)).vectors
    }
}
