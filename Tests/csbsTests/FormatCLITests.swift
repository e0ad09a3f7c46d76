import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `csbs fmt`: in place, stdin to stdout, `--check` for CI, files with errors left alone, links not replaced.
@Suite("csbs fmt")
struct FormatCLITests {
    static let messy = "let x=1;echo   $x\nif $x==1 {\necho one\n}\n"
    static let tidy = "let x = 1\necho $x\nif $x == 1 {\n    echo one\n}\n"

    @Test func rewritesFilesInPlaceKeepingTheirMode() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write(Self.messy, to: "messy.csbs")
        chmod(path, 0o640)
        let tidyPath = try runner.write(Self.tidy, to: "tidy.csbs")
        let outcome = try await runner.run(["fmt", "messy.csbs", "tidy.csbs"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.tidy)
        #expect(try String(contentsOfFile: tidyPath, encoding: .utf8) == Self.tidy)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o777 } == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: runner.home).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func checkListsTheFilesThatWouldChangeAndExitsOne() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let path = try runner.write(Self.messy, to: "messy.csbs")
        _ = try runner.write(Self.tidy, to: "tidy.csbs")
        let outcome = try await runner.run(["fmt", "--check", "messy.csbs", "tidy.csbs"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "messy.csbs\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.messy)
        #expect(try await runner.run(["fmt", "--check", "tidy.csbs"]).status == 0)
    }

    @Test func readsStdinAndWritesStdout() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let outcome = try await runner.run(["fmt"], stdin: Self.messy)
        #expect(outcome.status == 0)
        #expect(outcome.stdout == Self.tidy)
        let dash = try await runner.run(["fmt", "--check", "-"], stdin: Self.messy)
        #expect(dash.status == 1)
        #expect(dash.stdout == "<stdin>\n")
    }

    @Test func aFileWithSyntaxErrorsIsLeftAloneWithItsDiagnostics() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let bad = "echo   (\nlet x=1\n"
        let path = try runner.write(bad, to: "bad.csbs")
        _ = try runner.write(Self.messy, to: "messy.csbs")
        let outcome = try await runner.run(["fmt", "bad.csbs", "messy.csbs"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("bad.csbs:1:"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == bad)
        #expect(try String(contentsOfFile: runner.home + "/messy.csbs", encoding: .utf8) == Self.tidy)
        #expect(try await runner.run(["fmt", "missing.csbs"]).status == 66)
    }

    @Test func aSymbolicLinkIsNotReplaced() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let target = try runner.write(Self.messy, to: "target.csbs")
        try FileManager.default.createSymbolicLink(atPath: runner.home + "/link.csbs", withDestinationPath: target)
        let outcome = try await runner.run(["fmt", "link.csbs"])
        #expect(outcome.status == 66)
        #expect(outcome.stderr.contains("symbolic link"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == Self.messy)
        let attributes = try FileManager.default.attributesOfItem(atPath: runner.home + "/link.csbs")
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
    }

    @Test func theExamplesAreFormatted() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/examples")
        let files = try FileManager.default.subpathsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".csbs") }
        let outcome = try await runner.run(["fmt", "--check"] + files.map { examples.path + "/" + $0 })
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
    }
}
