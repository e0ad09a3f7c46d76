import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The emulator's control API under `/csbs-emulator/v1/`: clock, fault rules, reset, state dump and request log.
/// ``ControlGuard`` keeps web pages and (without a control token) other hosts out. The same operations exist in
/// Swift on ``EmulatorControl``.
struct ControlController: Sendable {
    static let prefix = "/csbs-emulator/v1"

    let control: EmulatorControl

    func addRoutes(to router: Router<EmulatorRequestContext>) {
        let group = router.group("csbs-emulator/v1")
            .add(middleware: ControlGuard(token: control.configuration.controlToken))
        group.get("clock", use: clock)
        group.post("clock/advance", use: advanceClock)
        group.post("faults", use: addFault)
        group.get("faults", use: listFaults)
        group.delete("faults", use: clearFaults)
        group.post("reset", use: reset)
        group.get("state", use: state)
        group.get("requests", use: requests)
        addRateLimitRoutes(to: group)
    }

    struct ClockBody: Codable, Sendable {
        var now: String
        var scale: Double
    }

    struct AdvanceBody: Decodable, Sendable {
        var seconds: Double?
        var scale: Double?
    }

    struct FaultEnvelope: Encodable, Sendable {
        var fault: FaultRule
    }

    struct FaultList: Encodable, Sendable {
        var faults: [FaultRule]
    }

    struct RequestList: Encodable, Sendable {
        var requests: [RequestLogEntry]
    }

    @Sendable func clock(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try WireJSON.response(clockBody())
    }

    @Sendable func advanceClock(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await WireJSON.decode(AdvanceBody.self, from: request, invalid: Self.invalid)
        if let seconds = body.seconds {
            guard seconds.isFinite, (0...(100 * 365 * 86_400)).contains(seconds) else {
                throw Self.invalid("seconds must be between 0 and 100 years")
            }
            control.clock.advance(by: .milliseconds(Int64((seconds * 1000).rounded())))
        }
        if let scale = body.scale {
            guard scale.isFinite, scale > 0, scale <= 1_000_000 else { throw Self.invalid("scale must be in (0, 1000000]") }
            control.clock.setScale(scale)
        }
        return try WireJSON.response(clockBody())
    }

    @Sendable func addFault(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: WireJSON.maxBodySize)
        let rule: FaultRule
        do {
            rule = try JSONDecoder().decode(FaultRule.self, from: Data(buffer.readableBytesView))
        } catch {
            throw Self.invalid("the body is not a fault rule")
        }
        if let problem = rule.problem { throw Self.invalid(problem) }
        let id = await control.addFault(rule)
        let stored = await control.faults().first { $0.id == id } ?? rule
        return try WireJSON.response(FaultEnvelope(fault: stored))
    }

    @Sendable func listFaults(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try WireJSON.response(FaultList(faults: await control.faults()))
    }

    @Sendable func clearFaults(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        await control.clearFaults()
        return Response(status: .noContent)
    }

    @Sendable func reset(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await control.reset()
        return Response(status: .noContent)
    }

    @Sendable func state(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let data = try await control.stateDump()
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    @Sendable func requests(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try WireJSON.response(RequestList(requests: await control.requests()))
    }

    private func clockBody() -> ClockBody {
        ClockBody(now: WireTime.iam(WireTime.micros(control.clock.now())), scale: control.clock.scale)
    }

    /// 400 for a bad control request, in the CBR body shape.
    static func invalid(_ message: String) -> EmulatorError {
        EmulatorError(status: .badRequest, code: "CSBSEmulator.0400", message: message, shape: .cbr)
    }
}
