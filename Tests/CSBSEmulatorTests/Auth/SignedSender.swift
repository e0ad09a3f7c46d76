import AsyncHTTPClient
import CSBSEmulator
import CSBSClient
import CSBSEmulatorInterface
import Foundation
import NIOCore
import NIOHTTP1

/// Sends requests over real HTTP to a started emulator, signed by ``TestSigner`` (checked against the official-signer
/// vectors, independent of the emulator's verifier), with hooks to break the signature in chosen ways.
struct SignedSender: Sendable {
    /// A decoded response.
    struct Reply: @unchecked Sendable {  // `json` is only read on the test's task.
        var status: Int
        var headers: HTTPHeaders
        var json: [String: Any]

        var errorCode: String? { json["error_code"] as? String }
        var errorMessage: String { json["error_msg"] as? String ?? "" }
    }

    let endpoint: String
    /// The signers' clock (the emulator's base clock, which `clock/advance` leaves alone), for `X-Sdk-Date`.
    let now: @Sendable () -> Date

    var authority: String { String(endpoint.dropFirst("http://".count)) }

    /// Signs and sends a request.
    /// - Parameters:
    ///   - account: Whose access key signs (the demo account by default).
    ///   - secretKey: Overrides the account's SK (to make a bad signature).
    ///   - dateOffset: Seconds added to the emulator clock for `X-Sdk-Date`.
    ///   - sentBody: Sent instead of `body` after signing `body` (tampering).
    ///   - extraHeaders: Sent and signed besides the SDK's usual headers.
    ///   - editAuthorization: Rewrites the `Authorization` value before sending.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        query: [(String, String)] = [],
        body: String? = nil,
        account: EmulatorAccount = .demo,
        accessKey: String? = nil,
        secretKey: String? = nil,
        projectHeader: String? = EmulatorAccount.demo.projectID,
        dateOffset: TimeInterval = 0,
        sentBody: String? = nil,
        extraHeaders: [(String, String)] = [],
        omitDate: Bool = false,
        editAuthorization: (String) -> String = { $0 }
    ) async throws -> Reply {
        let signer = TestSigner(
            accessKey: accessKey ?? account.accessKeyID, secretKey: secretKey ?? account.secretAccessKey
        )
        var headers: [(String, String)] = [
            ("User-Agent", "huaweicloud-usdk-python/3.0"),
            ("Content-Type", body == nil ? "application/json" : "application/json;charset=utf-8"),
        ]
        if let projectHeader { headers.append(("X-Project-Id", projectHeader)) }
        headers += extraHeaders
        let date = TestSigner.sdkDate(now().addingTimeInterval(dateOffset))
        let signed = signer.sign(
            method: method.rawValue, host: authority, path: path, query: query, headers: headers,
            body: Array((body ?? "").utf8), date: date
        )
        var request = HTTPClientRequest(url: endpoint + signed.requestURI)
        request.method = method
        for (name, value) in signed.headers {
            if omitDate && name == "X-Sdk-Date" { continue }
            request.headers.add(name: name, value: name == "Authorization" ? editAuthorization(value) : value)
        }
        if let text = sentBody ?? body { request.body = .bytes(ByteBuffer(string: text)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let data = try await response.body.collect(upTo: 1 << 22)
        let json = (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
        return Reply(status: Int(response.status.code), headers: response.headers, json: json)
    }
}

/// Runs `body` with an emulator started on a ``VirtualClock`` and a sender for it.
func withSignedEmulator(
    configure: (inout EmulatorConfiguration) -> Void = { _ in },
    _ body: (RunningEmulator, SignedSender, VirtualClock) async throws -> Void
) async throws {
    let clock = VirtualClock(start: EmulatorTestClient.seedFlowStart)
    var configuration = EmulatorConfiguration(now: clock.dateSource)
    configure(&configuration)
    let emulator = try await Emulator.start(configuration)
    do {
        try await body(emulator, SignedSender(endpoint: emulator.endpoint, now: clock.dateSource), clock)
        await emulator.shutdown()
    } catch {
        await emulator.shutdown()
        throw error
    }
}
