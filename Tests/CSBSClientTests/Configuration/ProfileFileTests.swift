import CSBSClient
import CSBSTestSupport
import Foundation
import Testing

@Suite("Profiles file")
struct ProfileFileTests {
    @Test func parsesSectionsKeysQuotesAndComments() throws {
        let text = """
            # comment
            [default]
            region = cn-north-4

            [profile prod]
            auth = password
            user = ops
            ; another comment
            password = "p a s s"
            """
        let file = try ProfileFile.parse(text, path: "config")
        #expect(file.profiles["default"]?["region"] == "cn-north-4")
        #expect(file.profiles["prod"]?["password"] == "p a s s")
        #expect(file.profiles["prod"]?["user"] == "ops")
    }

    @Test(arguments: [
        ("[prod\nregion = x", "config:1:"),
        ("region = x", "config:1: a setting must follow"),
        ("[p]\nregoin = x", "config:2: unknown setting 'regoin'; did you mean 'region'? (known: access_key"),
        ("[p]\nfavourite_colour = x", "config:2: unknown setting 'favourite_colour' (known: access_key"),
        ("[p]\nregion x", "config:2: expected 'key = value'"),
        ("[p]\nregion = a\nregion = b", "config:3: 'region' is set twice"),
        ("[p]\n[profile p]", "config:2: profile 'p' is defined twice"),
    ])
    func malformedLinesAreNamed(text: String, expected: String) {
        let error = #expect(throws: ClientError.self) { try ProfileFile.parse(text, path: "config") }
        #expect(error?.kind == .configuration)
        #expect(error?.message.hasPrefix(expected) == true, "\(error?.message ?? "")")
    }

    @Test func aFileOthersCanReadIsRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/config"
        try Data("[default]\nregion = r\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let error = #expect(throws: ClientError.self) { try ProfileFile.load(path: path) }
        #expect(error?.message.contains("chmod 600") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try ProfileFile.load(path: path)?.profiles["default"]?["region"] == "r")
    }

    @Test func aMissingFileIsNoProfile() throws {
        #expect(try ProfileFile.load(path: "/nonexistent/csbs/config") == nil)
    }
}
