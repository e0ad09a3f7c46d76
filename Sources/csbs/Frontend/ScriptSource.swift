import CSBSSyntax
import Foundation

/// Reading script text from files, `-c` arguments and stdin.
enum ScriptSource {
    struct ReadError: Error {
        let message: String
        let status: ExitStatus
    }

    static func file(_ path: String) throws(ReadError) -> SourceFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(message: "cannot read \(path): no such file", status: .noInput)
        }
        guard !isDirectory.boolValue else {
            throw ReadError(message: "cannot read \(path): it is a directory", status: .noInput)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(message: "cannot read \(path): permission denied", status: .noInput)
        }
        return try decode(data, name: path)
    }

    static func standardInput() throws(ReadError) -> SourceFile {
        try decode(FileHandle.standardInput.readDataToEndOfFile(), name: "<stdin>")
    }

    /// All `-c` texts as one source, one per line, so line numbers count `-c` arguments.
    static func commandLine(_ texts: [String]) -> SourceFile {
        SourceFile(name: "<-c>", text: texts.joined(separator: "\n"))
    }

    private static func decode(_ data: Data, name: String) throws(ReadError) -> SourceFile {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(message: "cannot read \(name): it is not UTF-8 text", status: .syntaxError)
        }
        return SourceFile(name: name, text: text)
    }
}
