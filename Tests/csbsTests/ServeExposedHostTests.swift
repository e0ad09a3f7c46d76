import Foundation
import Testing

/// `csbs serve` on a host other machines reach: the control API then needs the printed token.
@Suite("csbs serve on a non-loopback host")
struct ServeExposedHostTests {
    @Test("--host 0.0.0.0 prints a control token; control requests need it, the CBR API does not change")
    func controlToken() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let serve = try await ServeProcess.start(runner, ["--memory", "--port", "0", "--host", "0.0.0.0"])
        defer { serve.stop() }
        let token = try #require(serve.settings["CSBS_EMULATOR_CONTROL_TOKEN"])
        #expect(token.count == 32)
        let endpoint = serve.endpoint.replacingOccurrences(of: "0.0.0.0", with: "127.0.0.1")
        #expect(try await serveCall("GET", endpoint + "/csbs-emulator/v1/clock").status == 403)
        let auth = try await serveToken(serve)
        #expect(try await serveCall("GET", endpoint + "/v3/projects", token: auth).status == 200)
    }
}
