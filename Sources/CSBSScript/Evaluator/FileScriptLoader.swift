import CSBSSyntax
import Foundation

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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            return .failure(SourceLoadError(reason: "no such file (looked for \(resolved))"))
        }
        guard !isDirectory.boolValue else { return .failure(SourceLoadError(reason: "it is a directory")) }
        guard let data = contents(of: FileHandle(forReadingAtPath: resolved)) else {
            return .failure(SourceLoadError(reason: "permission denied"))
        }
        let (file, problems) = SourceFile.decoding(Array(data), name: resolved)
        if let first = problems.first {
            let location = SourceLocationConverter(file).location(ofOffset: first.range.lowerBound)
            let what = first.id.name == "invalidUTF8" ? "it is not valid UTF-8 text" : first.text
            return .failure(SourceLoadError(reason: "\(what) (line \(location.line), column \(location.column))"))
        }
        return .success(file)
    }

    /// What a script file or stream holds, read up to one byte past ``SourceFile/maximumBytes`` (enough for the
    /// decoding to refuse it as too large, without reading a huge file into memory); `nil` when it cannot be read.
    public static func contents(of handle: FileHandle?) -> Data? {
        guard let handle else { return nil }
        return try? handle.read(upToCount: SourceFile.maximumBytes + 1) ?? Data()
    }
}
