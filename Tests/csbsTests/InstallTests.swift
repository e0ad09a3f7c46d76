import Foundation
import Testing

@testable import csbs

/// `scripts/install` puts the binary, the manual page and the completions where packagers and shells look, and
/// the manual page is made from the same definitions as `--help` and the shell's `help`.
@Suite struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs a program to its end; returns its status and what it wrote on stdout and stderr, together.
    private func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offThePool { try Self.runBlocking(executable, arguments) }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func installPutsBinaryManualAndCompletionsUnderThePrefix() async throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-install-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let script = Self.repository.appendingPathComponent("scripts/install").path
        let installed = try await run(script, ["--prefix", prefix, "--binary", CommandRunner.binary])
        #expect(installed.status == 0, "\(installed.output)")
        for file in ["bin/csbs", "bin/csbs-emulator", "share/man/man1/csbs.1", "share/bash-completion/completions/csbs",
                     "share/zsh/site-functions/_csbs", "share/fish/vendor_completions.d/csbs.fish"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: prefix + "/" + file)[.size] as? Int) ?? 0
            #expect(size > 0, "\(file) is missing or empty")
        }
        // The manual's `serve` section is the emulator's own help, options included.
        let manual = try String(contentsOfFile: prefix + "/share/man/man1/csbs.1", encoding: .utf8)
        #expect(manual.contains("--backup-duration") && manual.contains("--rate-limit"))
        let bash = try await run("/bin/bash", ["-n", prefix + "/share/bash-completion/completions/csbs"])
        #expect(bash.status == 0, "\(bash.output)")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") {
            // Warnings of every kind, no output: a clean page prints nothing.
            let groff = try await run("/usr/bin/groff", ["-man", "-Tutf8", "-ww", "-z", prefix + "/share/man/man1/csbs.1"])
            #expect(groff.status == 0 && groff.output.isEmpty, "\(groff.output)")
        }
    }

    @Test func theManualCoversEveryCommandAndStatement() {
        let page = ManualPage.roff()
        for command in ["COMMAND: RUN", "COMMAND: CHECK", "COMMAND: SERVE", "EXIT STATUS"] {
            #expect(page.contains(command), "\(command)")
        }
        for synopsis in LanguageHelp.reference.sections.flatMap(\.synopses) {
            #expect(page.contains(ManualPage.escaped(synopsis)), "\(synopsis)")
        }
        // The language's paragraphs are prose: no Markdown link targets or emphasis markers reach the page.
        #expect(!page.contains("](#") && !page.contains("**"))
        #expect(page.contains("a list or a range)"))
        #expect(ManualPage.escaped(".TH x") == "\\&.TH x")
        #expect(ManualPage.escaped(#"a\b"#) == #"a\eb"#)
    }

    @Test func theDebianPackageInstallsAndRemovesCleanly() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-deb") else { return }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-deb-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        let script = Self.repository.appendingPathComponent("scripts/package-deb").path
        let built = try await run(script, ["--binary", CommandRunner.binary, "--output", work + "/out", "--uncompressed"])
        #expect(built.status == 0, "\(built.output)")
        let package = built.output.trimmingCharacters(in: .whitespacesAndNewlines)
        // A throw-away root with an empty package database.
        let root = work + "/root"
        try FileManager.default.createDirectory(atPath: root + "/var/lib/dpkg/info", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/var/lib/dpkg/updates", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: root + "/var/lib/dpkg/status", contents: Data()))
        let options = ["--root=" + root, "--force-script-chrootless", "--force-depends"]
        let install = try await run("/usr/bin/dpkg", options + ["-i", package])
        #expect(install.status == 0, "\(install.output)")
        let version = try await run(root + "/usr/bin/csbs", ["--version"])
        #expect(version.output.hasPrefix("csbs "), "\(version.output)")
        #expect(FileManager.default.fileExists(atPath: root + "/usr/share/man/man1/csbs.1.gz"))
        let serveHelp = try await run(root + "/usr/bin/csbs", ["serve", "--help"])
        #expect(serveHelp.status == 0 && serveHelp.output.contains("--backup-duration"), "\(serveHelp.output)")
        let remove = try await run("/usr/bin/dpkg", options + ["-r", "csbs"])
        #expect(remove.status == 0, "\(remove.output)")
        #expect(!FileManager.default.fileExists(atPath: root + "/usr"), "files left after removal")
    }
}
