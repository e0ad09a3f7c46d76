import CSBSEmulator
import Foundation
import Testing

@Suite("Connections: a 413 closes, idle and half-open connections time out")
struct ConnectionLimitsTests {
    @Test("after a 413 the connection is closed, not left waiting for the rest of the body")
    func closesAfterTooLarge() async throws {
        let emulator = try await Emulator.start(EmulatorConfiguration())
        let connection = try RawConnection(port: emulator.port)
        // Declares more than it sends: one byte over the limit, then silence.
        await connection.send(
            "POST /v3/auth/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4000000\r\n\r\n"
        )
        await connection.send([UInt8](repeating: UInt8(ascii: " "), count: 1_048_577))
        let answer = await connection.readAll()
        #expect(answer.text.hasPrefix("HTTP/1.1 413"))
        #expect(answer.text.lowercased().contains("connection: close"))
        #expect(answer.text.contains("APIGW.0201"))
        #expect(answer.closedByPeer)
        await emulator.shutdown()
    }

    @Test(
        "an idle connection, and one whose request head or body stops arriving, is closed after the idle timeout",
        arguments: ["", "GET /v3/projects HTTP/1.1\r\nHost: 127.0", "POST /v3/auth/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"a"]
    )
    func idleTimeout(partial: String) async throws {
        var configuration = EmulatorConfiguration()
        configuration.connectionIdleTimeout = .milliseconds(200)
        let emulator = try await Emulator.start(configuration)
        let connection = try RawConnection(port: emulator.port)
        if !partial.isEmpty { await connection.send(partial) }
        #expect(await connection.readAll().closedByPeer)
        await emulator.shutdown()
    }

    @Test("a connection in use is not closed by the idle timeout between requests it sends in time")
    func keepAlive() async throws {
        var configuration = EmulatorConfiguration()
        configuration.connectionIdleTimeout = .seconds(30)
        let emulator = try await Emulator.start(configuration)
        let connection = try RawConnection(port: emulator.port)
        await connection.send("GET /v3/projects HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        await connection.send("GET /v3/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let answers = await connection.readAll()
        #expect(answers.text.components(separatedBy: "HTTP/1.1 401").count == 3)
        await emulator.shutdown()
    }
}
