import CSBSShell
import Foundation
import Glibc
import Testing

/// The history file is the user's: links are followed, devices and pipes written through, `/dev/null` means no
/// history, two shells merge, and nothing planted beside it is written through.
@Suite struct HistoryFileTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-histfile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func fileType(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    @Test func devNullMeansNoHistoryAndStaysADevice() throws {
        #expect(try HistoryFile(path: "/dev/null").kind == .discard)
        var history = History(path: "/dev/null")
        history.record("vaults")
        try history.save()
        #expect(fileType("/dev/null") == S_IFCHR)
        #expect(!FileManager.default.fileExists(atPath: "/dev/null.tmp"))
    }

    @Test func aCopyOfDevNullIsRecognisedByItsDeviceNumber() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let copy = directory + "/null"
        // Making a device node needs root; elsewhere the real /dev/null case above covers the rule.
        guard mknod(copy, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0 else { return }
        var history = History(path: copy)
        history.record("vaults")
        try history.save()
        #expect(fileType(copy) == S_IFCHR)
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/real", withIntermediateDirectories: true)
        let target = directory + "/real/history"
        let link = directory + "/history"
        #expect(symlink("real/history", link) == 0)
        var history = History(path: link)
        history.record("vaults")
        try history.save()
        #expect(fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "vaults\n")
    }

    @Test func aPipeIsWrittenThroughNotReplaced() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        var history = History(path: fifo)
        history.record("vaults")
        history.record("servers")
        try history.save()
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "vaults\nservers\n")
        #expect(fileType(fifo) == S_IFIFO)
    }

    @Test func twoShellsOnOneFileKeepBothSessionsLines() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history"
        var first = History(path: path)
        var second = History(path: path)
        try first.load()
        try second.load()
        first.record("vaults")
        second.record("servers")
        try first.save()
        try second.save()
        first.record("backups")
        try first.save()
        var later = History(path: path)
        try later.load()
        #expect(later.entries == ["vaults", "servers", "backups"])
    }

    @Test func aPlantedTemporaryLinkIsNeverWrittenThrough() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history"
        let victim = directory + "/victim"
        try "untouched\n".write(toFile: victim, atomically: false, encoding: .utf8)
        #expect(symlink(victim, path + ".tmp.\(getpid())") == 0)
        var history = History(path: path)
        history.record("vaults")
        try history.save()
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "vaults\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func aNewDirectoryIsPrivate() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state/csbs/history"
        var history = History(path: path)
        history.record("vaults")
        try history.save()
        let attributes = try FileManager.default.attributesOfItem(atPath: (path as NSString).deletingLastPathComponent)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    @Test func aDirectoryIsRefusedWithItsPath() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: HistoryFileError(path: directory, reason: "it is a directory")) { try HistoryFile(path: directory) }
    }

    @Test func theSavedSessionLeavesOutWhatWouldNotRunAgain() {
        var history = History(path: nil)
        history.record("vaults")
        history.finishLast(.succeeded)
        history.record("vault \"x\" siz 3\nattach server a")
        history.finishLast(.failed)
        history.record(" backup wait")
        history.finishLast(.succeeded)
        history.record(#"endpoint "https://admin:S3cr3tPass@example.com""#)
        history.finishLast(.succeeded)
        history.record("backup wait")
        history.finishLast(.interrupted)
        #expect(
            history.sessionScript() == """
                #!/usr/bin/env csbs
                vaults
                # (input 2 left out: failed)
                #   vault "x" siz 3
                #   attach server a
                # (input 3 left out: typed with a leading space)
                # (input 4 left out: holds a secret)
                # (input 5 left out: was interrupted)
                #   backup wait

                """
        )
    }
}
