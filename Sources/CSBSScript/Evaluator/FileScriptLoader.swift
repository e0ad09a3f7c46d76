import CSBSPlatform
import CSBSSyntax
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads sourced scripts from disk.
public enum FileScriptLoader {
    /// Reads `path`, relative to the folder of `includingFile` when that is a file path (not `<stdin>` or
    /// `<-c>`), else to the current directory. The returned file is named by its standardised absolute path.
    public static func load(_ path: String, relativeTo includingFile: String) -> Result<SourceFile, SourceLoadError> {
        let base: URL
        if includingFile.hasPrefix("<") {
            base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        } else {
            base = URL(fileURLWithPath: includingFile).deletingLastPathComponent()
        }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        let resolved = url.standardizedFileURL.path
        var info = stat()
        guard stat(resolved, &info) == 0 else {
            return .failure(SourceLoadError(reason: "no such file (looked for \(resolved))"))
        }
        guard info.st_mode & S_IFMT != S_IFDIR else { return .failure(SourceLoadError(reason: "it is a directory")) }
        guard let data = contents(ofFile: resolved) else {
            return .failure(SourceLoadError(reason: "permission denied"))
        }
        let (file, problems) = SourceFile.decoding(data, name: resolved)
        if let first = problems.first {
            let location = SourceLocationConverter(file).location(ofOffset: first.range.lowerBound)
            let what = first.id.name == "invalidUTF8" ? "it is not valid UTF-8 text" : first.text
            return .failure(SourceLoadError(reason: "\(what) (line \(location.line), column \(location.column))"))
        }
        return .success(file)
    }

    /// What a script file or stream holds, read up to one byte past ``SourceFile/maximumBytes`` (enough for the
    /// decoding to refuse it as too large, without reading a huge file into memory); `nil` when it cannot be read.
    ///
    /// Read with `read(2)` straight into the bytes the decoding takes, a regular file in one call (only the pages
    /// read into are ever touched): Foundation's `FileHandle.read(upToCount:)` read 4 KiB a call into a `Data`
    /// that was then copied (770 calls and two copies for a 3 MB script, about 3 % of `csbs check` on it).
    public static func contents(ofDescriptor descriptor: Int32) -> [UInt8]? {
        FileDescriptors.readAll(descriptor, limit: SourceFile.maximumBytes)
    }

    /// What the file at `path` holds, as ``contents(ofDescriptor:)`` reads it; `nil` when it cannot be opened or read.
    public static func contents(ofFile path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return contents(ofDescriptor: descriptor)
    }
}
