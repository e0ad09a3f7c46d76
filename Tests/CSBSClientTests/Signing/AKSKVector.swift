import Foundation
import Testing

/// One entry of `shared/api/aksk-vectors.json` (generated with the Huawei Cloud Python SDK signer).
struct AKSKVector: Decodable, Sendable, CustomTestStringConvertible {
    struct Input: Decodable, Sendable {
        var method: String
        var url: String
        var queryParams: [[QueryValue]]
        var headers: [String: String]
        var xSdkDate: String
        var body: String
        var ak: String
        var sk: String
    }

    struct Expected: Decodable, Sendable {
        var canonicalRequest: String
        var stringToSign: String
        var signedHeaders: String
        var signature: String
        var authorization: String
        var requestUriSent: String
        var headersSent: [String: String]
    }

    /// A query key or value as the SDK renders it: strings as they are, booleans `true`/`false`, numbers in decimal.
    struct QueryValue: Decodable, Sendable {
        var text: String

        init(from decoder: any Decoder) throws {
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

    var name: String
    var input: Input
    var expected: Expected

    var testDescription: String { name }

    /// The raw query pairs.
    var query: [(String, String)] {
        input.queryParams.map { ($0[0].text, $0[1].text) }
    }

    /// Scheme-less split of the vector's URL into authority (`host[:port]`) and path.
    var hostAndPath: (host: String, path: String) {
        let afterScheme = input.url.components(separatedBy: "://").last ?? input.url
        guard let slash = afterScheme.firstIndex(of: "/") else { return (afterScheme, "") }
        return (String(afterScheme[..<slash]), String(afterScheme[slash...]))
    }

    private struct File: Decodable {
        var vectors: [AKSKVector]
    }

    /// `../shared/api/aksk-vectors.json` relative to the package root.
    static let fileURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Signing
        .deletingLastPathComponent()  // CSBSClientTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/api/aksk-vectors.json")
        .standardizedFileURL

    static func load() throws -> [AKSKVector] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(File.self, from: Data(contentsOf: fileURL)).vectors
    }
}
