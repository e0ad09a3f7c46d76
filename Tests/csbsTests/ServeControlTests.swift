import CSBSClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite("csbs serve: access keys, control flags, inventory")
struct ServeControlTests {
    @Test("prints the demo access key, and a request signed with it is accepted")
    func accessKeyExports() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let serve = try await ServeProcess.start(runner, ["--memory", "--port", "0"])
        defer { serve.stop() }
        let settings = serve.settings
        #expect(settings["HUAWEICLOUD_SDK_AK"] == "CSBSDEMOACCESSKEY001")
        #expect(settings["HUAWEICLOUD_SDK_SK"]?.isEmpty == false)
        let project = try #require(settings["HUAWEICLOUD_SDK_PROJECT_ID"])
        #expect(project == settings["OS_PROJECT_ID"])

        let signer = RequestSigner(
            accessKey: try #require(settings["HUAWEICLOUD_SDK_AK"]), secretKey: try #require(settings["HUAWEICLOUD_SDK_SK"])
        )
        let authority = String(serve.endpoint.dropFirst("http://".count))
        let signed = signer.sign(
            method: "GET", host: authority, path: "/v3/\(project)/vaults", query: [],
            headers: [("X-Project-Id", project)], body: Data(), date: SigningEncoding.sdkDate(Date())
        )
        var request = URLRequest(url: try #require(URL(string: serve.endpoint + signed.requestURI)))
        for (name, value) in signed.headers where name != "Host" { request.setValue(value, forHTTPHeaderField: name) }
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
    }

    @Test("--help lists every flag")
    func help() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["serve", "--help"])
        for flag in [
            "--host", "--port", "--db", "--memory", "--backup-duration", "--restore-duration", "--delete-duration",
            "--vault-delete-duration", "--remove-resource-duration", "--time-scale", "--fault", "--seed", "--inventory",
        ] {
            #expect(outcome.stdout.contains(flag), "\(flag) is in --help")
        }
        #expect(outcome.stdout.contains("checkpoint-error"))
    }

    @Test("bad flags: an invalid --fault is a usage error; a bad inventory file is 65, a missing one 66")
    func badFlags() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let fault = try await runner.run(["serve", "--memory", "--port", "0", "--fault", "no_such_op:status=500"])
        #expect(fault.status == 64)
        #expect(fault.stderr.contains("unknown operation"))
        let scale = try await runner.run(["serve", "--memory", "--port", "0", "--time-scale", "0"])
        #expect(scale.status == 64)
        let invalid = try runner.write(#"{"servers": [{"id": "s1"}]}"#, to: "bad.json")
        let bad = try await runner.run(["serve", "--memory", "--port", "0", "--inventory", invalid])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("invalid inventory"))
        #expect(bad.stderr.contains("name"))
        let missing = try await runner.run(["serve", "--memory", "--port", "0", "--inventory", runner.home + "/nope.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("cannot read"))
    }

    @Test("--fault, --time-scale and --inventory take effect; the state dump shows the declared server")
    func flagsTakeEffect() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let inventory = try runner.write(
            #"{"servers": [{"id": "decl-server-1", "name": "web-1", "disks": [{"id": "decl-disk-1", "name": "web-1-sys", "size_gb": 60, "bootable": true}]}]}"#,
            to: "inventory.json"
        )
        let serve = try await ServeProcess.start(runner, [
            "--memory", "--port", "0", "--time-scale", "60", "--inventory", inventory,
            "--fault", "keystone_list_projects:status=503,count=1",
        ])
        defer { serve.stop() }
        let token = try await serveToken(serve)
        #expect(try await serveCall("GET", serve.endpoint + "/v3/projects", token: token).status == 503)
        #expect(try await serveCall("GET", serve.endpoint + "/v3/projects", token: token).status == 200)
        let clock = try await serveCall("GET", serve.endpoint + "/csbs-emulator/v1/clock")
        #expect(clock.json["scale"] as? Double == 60)
        let state = try await serveCall("GET", serve.endpoint + "/csbs-emulator/v1/state")
        let tables = state.json["tables"] as? [String: [[String: Any]]] ?? [:]
        let server = tables["server"]?.first { $0["id"] as? String == "decl-server-1" }
        #expect(server?["name"] as? String == "web-1")
        #expect(server?["status"] as? String == "ACTIVE")
        let disk = tables["disk"]?.first { $0["id"] as? String == "decl-disk-1" }
        #expect(disk?["sizeGB"] as? Int == 60)
        #expect(tables["server"]?.contains { $0["id"] as? String == "e8cc6bfd-d324-4b88-9109-9fb0ba70676f" } == true)
    }

    @Test("--seed makes tokens reproducible across runs")
    func seed() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        var tokens: [String] = []
        for _ in 0..<2 {
            let serve = try await ServeProcess.start(runner, ["--memory", "--port", "0", "--seed", "5"])
            tokens.append(try await serveToken(serve))
            serve.stop()
        }
        #expect(tokens[0].hasPrefix("MII"))
        #expect(tokens[0] == tokens[1])
    }
}
