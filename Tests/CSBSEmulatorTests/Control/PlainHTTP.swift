import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Unsigned HTTP calls (the control API) against a started emulator.
struct PlainHTTP: Sendable {
    let endpoint: String

    /// Sends a request and decodes a JSON object body (empty when there is none).
    func send(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> SignedSender.Reply {
        var request = HTTPClientRequest(url: endpoint + path)
        request.method = method
        // The control API takes changes only as JSON (a browser's "simple" request cannot be).
        if json != nil || method != .GET { request.headers.add(name: "Content-Type", value: "application/json") }
        if let json { request.body = .bytes(ByteBuffer(string: json)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let data = try await response.body.collect(upTo: 1 << 24)
        let object = (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
        return SignedSender.Reply(status: Int(response.status.code), headers: response.headers, json: object)
    }
}
