import Foundation
import Testing

/// The scripts kept in the repository that tests run over: the examples under `scripts/examples` (with `lib/`)
/// and the fenced `csbs` blocks of docs/LANGUAGE.md.
public enum RepositoryScripts {
    /// One script: where it comes from and its text.
    public struct Script: Sendable, CustomTestStringConvertible {
        /// The file's path from the package root, or `LANGUAGE.md:LINE` for a block.
        public var name: String
        /// The 1-based line of the script's first line in its file.
        public var line: Int
        public var text: String
        public var testDescription: String { name }

        public init(name: String, line: Int, text: String) {
            self.name = name
            self.line = line
            self.text = text
        }
    }

    /// The package root, found from this file's path.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `.csbs` file under `scripts/examples`, sorted by path.
    public static let examples: [Script] = {
        let folder = root.appendingPathComponent("scripts/examples")
        let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return paths.filter { $0.hasSuffix(".csbs") }.sorted().compactMap { path in
            (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8))
                .map { Script(name: "scripts/examples/" + path, line: 1, text: $0) }
        }
    }()

    /// The text of each ```` ```csbs ```` block of docs/LANGUAGE.md, with its 1-based starting line.
    public static let languageBlocks: [Script] = {
        let path = root.appendingPathComponent("docs/LANGUAGE.md").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var blocks: [Script] = []
        var current: [String]?
        var start = 0
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            if current == nil, line == "```csbs" {
                current = []
                start = number + 2
            } else if let lines = current, line == "```" {
                blocks.append(Script(name: "LANGUAGE.md:\(start)", line: start, text: lines.joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return blocks
    }()
}
