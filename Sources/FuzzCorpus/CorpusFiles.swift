#if !FUZZING
import Foundation

/// Saved fuzz inputs (crash reproducers, a corpus) read from disk for replay outside libFuzzer.
/// Shared by both fuzz executables' replayers; empty in fuzzing builds, where libFuzzer reads the inputs.
public enum CorpusFiles {
    /// One saved input.
    public struct Input {
        public var path: String
        public var bytes: [UInt8]
    }

    /// Every file named in `arguments`, descending into directories (sorted, hidden files skipped).
    ///
    /// - Returns: The inputs, or `nil` after printing usage or an unreadable path to stderr.
    public static func list(_ arguments: [String], usage: String) -> [Input]? {
        guard !arguments.isEmpty, !arguments.contains(where: { $0 == "-h" || $0 == "--help" }) else {
            FileHandle.standardError.write(Data("usage: \(usage) FILE_OR_DIRECTORY...\n".utf8))
            return nil
        }
        var inputs: [Input] = []
        for path in arguments {
            guard let files = files(at: path) else {
                FileHandle.standardError.write(Data("\(usage): cannot read \(path)\n".utf8))
                return nil
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("\(usage): cannot read \(file)\n".utf8))
                    return nil
                }
                inputs.append(Input(path: file, bytes: Array(data)))
            }
        }
        return inputs
    }

    /// The regular files at `path`: the path itself, or the files below it when it is a directory.
    private static func files(at path: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return nil }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard !(relative as NSString).lastPathComponent.hasPrefix(".") else { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            var isSubdirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isSubdirectory), !isSubdirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }
}
#endif
