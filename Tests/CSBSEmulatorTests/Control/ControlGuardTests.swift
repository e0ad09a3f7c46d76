@testable import CSBSEmulator
import Foundation
import Testing

/// The control API refuses what a web page or another host could send it.
@Suite("Control API guard")
struct ControlGuardTests {
    /// A raw control request with these extra header lines; returns the status line's code and the whole answer.
    static func control(
        _ emulator: RunningEmulator, _ method: String, _ path: String, headers: [String], body: String = ""
    ) async throws -> (status: Int, text: String) {
        var lines = ["\(method) /csbs-emulator/v1/\(path) HTTP/1.1"]
        if !headers.contains(where: { $0.lowercased().hasPrefix("host:") }) { lines.append("Host: 127.0.0.1") }
        lines += headers + ["Content-Length: \(body.utf8.count)", "Connection: close", "", body]
        let answer = try await RawConnection.exchange(port: emulator.port, lines.joined(separator: "\r\n"))
        let code = answer.text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        return (code, answer.text)
    }

    static let json = "Content-Type: application/json"

    @Test("a text/plain POST or a form is 415 and changes nothing; JSON is accepted")
    func contentType() async throws {
        let emulator = try await Emulator.start(EmulatorConfiguration())
        let before = emulator.control.clock.now()
        for type in ["Content-Type: text/plain", "Content-Type: application/x-www-form-urlencoded", nil] {
            let headers = type.map { [$0] } ?? []
            let reset = try await Self.control(emulator, "POST", "clock/advance", headers: headers, body: #"{"seconds": 60}"#)
            #expect(reset.status == 415, "\(type ?? "no type")")
            #expect(reset.text.contains("CSBSEmulator.0415"))
        }
        // The clock runs in real time here; a refused advance would have moved it by a minute.
        #expect(emulator.control.clock.now().timeIntervalSince(before) < 30)
        let advanced = try await Self.control(
            emulator, "POST", "clock/advance", headers: ["Content-Type: application/json;charset=utf-8"],
            body: #"{"seconds": 60}"#
        )
        #expect(advanced.status == 200)
        #expect(try await Self.control(emulator, "GET", "clock", headers: []).status == 200)
        await emulator.shutdown()
    }

    @Test(
        "a foreign Origin is 403 even with JSON; a loopback Origin is accepted",
        arguments: [("http://evil.example", 403), ("null", 403), ("http://127.evil.example:8080", 403),
                    ("http://localhost:3000", 204), ("http://127.0.0.1:9", 204), ("http://[::1]:9", 204)]
    )
    func origin(origin: String, status: Int) async throws {
        let emulator = try await Emulator.start(EmulatorConfiguration())
        let reset = try await Self.control(emulator, "POST", "reset", headers: [Self.json, "Origin: \(origin)"], body: "{}")
        #expect(reset.status == status)
        let state = try await Self.control(emulator, "GET", "state", headers: ["Origin: \(origin)"])
        #expect(state.status == (status == 204 ? 200 : 403))
        await emulator.shutdown()
    }

    @Test("without a control token, a request for another Host (DNS rebinding) is 403")
    func foreignHost() async throws {
        let emulator = try await Emulator.start(EmulatorConfiguration())
        let rebound = try await Self.control(emulator, "GET", "state", headers: ["Host: evil.example:8080"])
        #expect(rebound.status == 403)
        #expect(!rebound.text.contains("tables"))
        #expect(try await Self.control(emulator, "GET", "state", headers: ["Host: localhost:8080"]).status == 200)
        #expect(try await Self.control(emulator, "GET", "state", headers: ["Host: [::1]:8080"]).status == 200)
        await emulator.shutdown()
    }

    @Test("with a control token, every control request must carry it, whatever its Host")
    func token() async throws {
        var configuration = EmulatorConfiguration()
        configuration.controlToken = "s3cret-token"
        let emulator = try await Emulator.start(configuration)
        #expect(try await Self.control(emulator, "GET", "clock", headers: []).status == 403)
        #expect(try await Self.control(emulator, "GET", "clock", headers: ["X-CSBS-Emulator-Token: wrong"]).status == 403)
        let remote = try await Self.control(
            emulator, "GET", "clock", headers: ["Host: backup-lab.example:8080", "X-CSBS-Emulator-Token: s3cret-token"]
        )
        #expect(remote.status == 200)
        await emulator.shutdown()
    }

    @Test("loopback hosts are 127.0.0.0/8, ::1 and localhost, nothing that only looks like them")
    func loopback() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "app.localhost", "::1", "[::1]"] {
            #expect(Loopback.isLoopback(host: host), "\(host)")
        }
        for host in ["127.evil.example", "0.0.0.0", "10.0.0.1", "127.0.0.1.nip.io", "128.0.0.1", "127.0.0", "::"] {
            #expect(!Loopback.isLoopback(host: host), "\(host)")
        }
    }
}
