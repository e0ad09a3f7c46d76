import FoundationEssentials

/// Decodes a successful response body, turning any mismatch with the documented shape into a clear error.
enum ResponseDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, operation: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch let error as DecodingError {
            throw ClientError(
                kind: .decoding, operation: operation, status: response.status,
                message: "the response is not what the API documents: \(describe(error))",
                requestID: response.header("X-Request-Id")
            )
        } catch {
            throw ClientError(
                kind: .decoding, operation: operation, status: response.status,
                message: "the response could not be read", requestID: response.header("X-Request-Id")
            )
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the body" : "'" + keys.joined(separator: ".") + "'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "missing field '\(key.stringValue)'\(parent)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value at \(path(context))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "unreadable value at \(path(context))"
        @unknown default:
            return "unreadable body"
        }
    }
}
