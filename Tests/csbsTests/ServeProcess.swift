import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `csbs serve` child process and the `export` lines it printed.
///
/// Tests call it from the concurrency pool's threads, so every wait on the child is bounded: start-up reads with
/// `poll(2)` under a deadline, and stopping escalates to SIGKILL after a grace period.
final class ServeProcess: @unchecked Sendable {  // `settings` is written in `init` only; `Process` locks itself.
    enum Failure: Error {
        case exitedBeforeListening(String)
        case notListeningInTime(String)
    }

    let process = Process()
    private(set) var settings: [String: String] = [:]

    /// Starts `csbs serve ARGUMENTS` and returns once the last export line is printed.
    /// - Throws: ``Failure`` when the child exits first or prints nothing usable within `timeout`.
    init(_ runner: CommandRunner, _ arguments: [String], timeout: Duration = .seconds(60)) throws {
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = ["serve"] + arguments
        process.environment = runner.environment()
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        let deadline = ContinuousClock.now + timeout
        while settings["HUAWEICLOUD_SDK_PROJECT_ID"] == nil {
            guard Self.waitForData(output.fileHandleForReading.fileDescriptor, until: deadline) else {
                stop()
                throw Failure.notListeningInTime(String(decoding: buffer, as: UTF8.self))
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw Failure.exitedBeforeListening(String(decoding: buffer, as: UTF8.self)) }
            buffer.append(chunk)
            for line in String(decoding: buffer, as: UTF8.self).split(separator: "\n") where line.hasPrefix("export ") {
                let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                settings[String(pair[0])] = String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            }
        }
    }

    /// Starts `csbs serve ARGUMENTS` as ``init(_:_:timeout:)`` does, waiting on a thread of its own: a test that
    /// waited on one of the concurrency pool's threads (two on this machine) held it for as long as a loaded machine
    /// took to start the child, and every other test of the process waited with it.
    static func start(_ runner: CommandRunner, _ arguments: [String], timeout: Duration = .seconds(60)) async throws
        -> ServeProcess
    {
        try await offThePool { try ServeProcess(runner, arguments, timeout: timeout) }
    }

    var endpoint: String { settings["CSBS_ENDPOINT"] ?? "" }

    /// Whether `descriptor` has data (or end of file) before `deadline`.
    private static func waitForData(_ descriptor: Int32, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return false }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min(remaining.components.seconds * 1000 + 1, 1000))
            let ready = poll(&request, 1, milliseconds)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }  // let the read report the problem
        }
    }

    /// Waits up to `grace` for the child to exit; SIGKILL after that (which ends it at once).
    private func reap(grace: Duration) {
        let deadline = ContinuousClock.now + grace
        while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// SIGKILL: no chance to flush or shut down.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        reap(grace: .seconds(10))
    }

    /// SIGTERM and wait (up to 30 s, then SIGKILL).
    func stop() {
        if process.isRunning { process.terminate() }
        reap(grace: .seconds(30))
    }

    deinit {
        stop()
    }
}

/// A JSON reply from the emulator.
struct ServeReply: @unchecked Sendable {  // `json` is only read on the test's task.
    var status: Int
    var headers: [String: String]
    var json: [String: Any]
}

/// One HTTP call to a served emulator.
func serveCall(
    _ method: String, _ url: String, token: String? = nil, json: String? = nil
) async throws -> ServeReply {
    guard let target = URL(string: url) else { throw URLError(.badURL) }
    var request = URLRequest(url: target)
    request.httpMethod = method
    request.timeoutInterval = 20
    if let token { request.setValue(token, forHTTPHeaderField: "X-Auth-Token") }
    if let json {
        request.httpBody = Data(json.utf8)
        request.setValue("application/json;charset=utf-8", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as? HTTPURLResponse
    var headers: [String: String] = [:]
    for (key, value) in http?.allHeaderFields ?? [:] { headers["\(key)".lowercased()] = "\(value)" }
    let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    return ServeReply(status: http?.statusCode ?? 0, headers: headers, json: object)
}

/// A project-scoped token for the printed demo account.
func serveToken(_ serve: ServeProcess) async throws -> String {
    let settings = serve.settings
    let body = """
        {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"\(settings["OS_USERNAME"] ?? "")",\
        "password":"\(settings["OS_PASSWORD"] ?? "")","domain":{"name":"\(settings["OS_USER_DOMAIN_NAME"] ?? "")"}}}},\
        "scope":{"project":{"name":"\(settings["OS_PROJECT_NAME"] ?? "")"}}}}
        """
    let reply = try await serveCall("POST", serve.endpoint + "/v3/auth/tokens", json: body)
    return reply.headers["x-subject-token"] ?? ""
}
