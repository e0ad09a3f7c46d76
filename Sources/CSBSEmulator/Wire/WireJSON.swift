import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON encoding and decoding with the wire's conventions (snake_case keys).
enum WireJSON {
    /// Largest request body accepted (1 MiB); larger bodies get `APIGW.0201` (413).
    static let maxBodySize = 1_048_576

    /// Encodes `value` as the body of a JSON response.
    /// - Parameters:
    ///   - value: The body.
    ///   - status: The HTTP status.
    ///   - headers: Extra headers (e.g. `X-Subject-Token`).
    /// - Returns: A response with `Content-Type: application/json`.
    /// - Throws: An encoding error (a bug: the wire models always encode).
    static func response(
        _ value: some Encodable,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) throws -> Response {
        let data = try encoder().encode(value)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON response from text already written (see ``JSONWriter``).
    /// - Parameters:
    ///   - json: The body, UTF-8 JSON text.
    ///   - status: The HTTP status.
    /// - Returns: A response with `Content-Type: application/json`.
    static func response(json: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    /// `value` encoded as a response body, for ``response(body:status:)``.
    /// - Throws: An encoding error (a bug: the wire models always encode).
    static func body(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try encoder().encode(value))
    }

    /// A JSON response around a body already serialized (a cached one, see ``ResponseCache``).
    static func response(body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }

    /// Reads the request body (at most ``maxBodySize`` bytes) and decodes it.
    /// - Parameters:
    ///   - type: The request model.
    ///   - request: The request.
    /// - Returns: The decoded model.
    /// - Throws: ``EmulatorError/bodyTooLarge`` or, for anything that is not the expected JSON, the error
    ///   `invalid(message)` builds (CBR `9900`, keystone 400, ...).
    static func decode<Body: Decodable>(
        _ type: Body.Type,
        from request: Request,
        invalid: (String) -> EmulatorError = EmulatorError.invalidParameter
    ) async throws -> Body {
        let buffer = try await collect(request)
        guard buffer.readableBytes > 0 else { throw invalid("The request body is empty.") }
        let data = Data(buffer.readableBytesView)
        do {
            return try decoder().decode(Body.self, from: data)
        } catch let error as DecodingError {
            // The decoder reports a number that does not fit its field (`100.5` or `1e30` for an integer) as
            // corrupt data at the root, as if the body were not JSON at all.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil
            {
                throw invalid("A number in the request body is not a whole number or is out of range.")
            }
            throw invalid(describe(error))
        }
    }

    private static func collect(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: maxBodySize)
        } catch is NIOTooManyBytesError {
            throw EmulatorError.bodyTooLarge
        }
    }

    fileprivate static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    fileprivate static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// Says which field was wrong, using the wire (snake_case) field names.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "Missing required field: \(path(context.codingPath + [key]))."
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "Invalid type or null value for field: \(path(context.codingPath))."
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "The request body is not valid JSON."
        case .dataCorrupted(let context):
            return "Invalid value for field: \(path(context.codingPath))."
        @unknown default:
            return "The request body is invalid."
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "(request body)" }
        return keys.map { key in key.intValue.map { "[\($0)]" } ?? snakeCase(key.stringValue) }
            .joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }

    private static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension WireJSON {
    /// Encodes a value as compact JSON text for a TEXT column (`{}` if it cannot be encoded).
    static func encodeText(_ value: some Encodable) -> String {
        guard let data = try? encoder().encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes JSON text written by ``encodeText(_:)``.
    static func decodeText<Value: Decodable>(_ type: Value.Type, from text: String) -> Value? {
        try? decoder().decode(Value.self, from: Data(text.utf8))
    }
}
