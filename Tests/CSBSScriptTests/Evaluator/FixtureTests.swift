import CSBSScript
import CSBSSyntax
import CSBSTestSupport
import Foundation
import Testing

/// Golden-file tests: every `Fixtures/**/*.csbs` runs on a fresh emulator with virtual time, and its
/// `# expect: …` and `# expect error LINE:COL ID [TEXT]` comments must match what the run reports, in order.
@Suite("Interpreter golden files")
struct FixtureTests {
    static let fixtures: [String] = {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Fixtures"),
            let enumerator = FileManager.default.enumerator(atPath: root.path)
        else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".csbs") }.sorted()
    }()

    @Test func fixturesAreFound() {
        #expect(Self.fixtures.count >= 5)
    }

    @Test(arguments: fixtures)
    func fixture(_ name: String) async throws {
        let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/" + name)
        let file = SourceFile(name: name, text: try String(contentsOf: url, encoding: .utf8))
        let expectations = Expectations(file.text)
        let parsed = Parser.parse(file)
        #expect(!parsed.hasErrors, "fixture \(name) must parse: \(parsed.diagnostics.map(\.id))")

        let output = CollectingOutput()
        let failure = try await withEmulator(backupDuration: .seconds(2)) { emulator in
            var interpreter = Interpreter(client: emulator.client(), output: output)
            if case .failure(let failure) = await interpreter.run(parsed.script, in: file) { return Optional(failure) }
            return nil
        }
        #expect(output.results.map { Expectations.normalised($0.summary) } == expectations.results)
        if let expected = expectations.error {
            let failure = try #require(failure, "expected the run to fail with \(expected.id)")
            let location = SourceLocationConverter(file.text).location(ofOffset: failure.diagnostic.range.lowerBound)
            #expect("\(location.line):\(location.column)" == expected.location)
            #expect(failure.diagnostic.id.description == expected.id)
            if let text = expected.text {
                #expect(failure.diagnostic.message.message.contains(text))
            }
        } else {
            #expect(failure == nil, "unexpected failure: \(output.diagnostics)")
        }
    }
}

/// The `# expect` comments of a fixture.
struct Expectations {
    struct ExpectedError {
        var location: String
        var id: String
        var text: String?
    }

    var results: [String] = []
    var error: ExpectedError?

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("# expect: ") {
                results.append(String(trimmed.dropFirst("# expect: ".count)))
            } else if trimmed.hasPrefix("# expect error ") {
                let parts = trimmed.dropFirst("# expect error ".count).split(separator: " ", maxSplits: 2).map(String.init)
                error = ExpectedError(location: parts[0], id: parts[1], text: parts.count > 2 ? parts[2] : nil)
            }
        }
    }

    /// Replaces UUIDs with `<id>` so the expectations do not depend on generated ids.
    static func normalised(_ text: String) -> String {
        text.replacing(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) { match in
            String(match.output) == "e8cc6bfd-d324-4b88-9109-9fb0ba70676f" || String(match.output).hasPrefix("00000000-")
                ? String(match.output) : "<id>"
        }
    }
}
