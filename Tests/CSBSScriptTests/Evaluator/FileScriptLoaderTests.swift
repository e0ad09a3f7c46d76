import CSBSScript
import CSBSSyntax
import Foundation
import Testing

/// Reading script files: the whole file in its bytes, a file past the size limit up to one byte past it.
@Suite struct FileScriptLoaderTests {
    private func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-loader-\(UUID().uuidString).csbs").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsTheWholeFile() throws {
        // Larger than a pipe's buffer and than 4 KiB reads, and not a multiple of either.
        let bytes = (0..<300_001).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileScriptLoader.contents(ofFile: path) == bytes)
    }

    @Test func readsAnEmptyFile() throws {
        let path = try temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileScriptLoader.contents(ofFile: path) == [])
    }

    @Test func readsAFileTooLargeOnlyUpToOneBytePastTheLimit() throws {
        let path = try temporaryFile([UInt8](repeating: UInt8(ascii: "a"), count: SourceFile.maximumBytes + 10))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let contents = FileScriptLoader.contents(ofFile: path)
        #expect(contents?.count == SourceFile.maximumBytes + 1)
    }

    @Test func aMissingFileIsNoContents() {
        #expect(FileScriptLoader.contents(ofFile: "/nonexistent/csbs-loader.csbs") == nil)
    }

    @Test func aPipeIsReadToItsEnd() throws {
        let pipe = Pipe()
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 7 + 48) }
        let writer = Thread {
            pipe.fileHandleForWriting.write(Data(bytes))
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        #expect(FileScriptLoader.contents(ofDescriptor: pipe.fileHandleForReading.fileDescriptor) == bytes)
    }
}
