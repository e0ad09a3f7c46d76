import Foundation
import Testing

/// The fuzzing inputs kept in git, for the replay tests of both fuzz targets: the seed corpus
/// (`scripts/fuzz/corpus`) and every input a fuzzer saved as a crash, hang or leak
/// (`Tests/CSBSSyntaxTests/FuzzRegressions`, with `dryrun/` for the dry-run target's).
public enum FuzzInputs {
    /// One saved input.
    public struct Input: Sendable, CustomTestStringConvertible {
        public var name: String
        public var bytes: [UInt8]
        public var testDescription: String { name }
    }

    /// The files directly in `folder` (relative to the package root), sorted; hidden files, folders and the
    /// README left out.
    public static func inputs(in folder: String) -> [Input] {
        let directory = RepositoryScripts.root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" && $0 != "dryrun" }.sorted().compactMap { name in
            FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
                .map { Input(name: folder.hasSuffix("dryrun") ? "dryrun/" + name : name, bytes: Array($0)) }
        }
    }

    /// The seed corpus.
    public static let corpus = inputs(in: "scripts/fuzz/corpus")
    /// Every saved crash, hang or leak of either target.
    public static let regressions = inputs(in: "Tests/CSBSSyntaxTests/FuzzRegressions")
        + inputs(in: "Tests/CSBSSyntaxTests/FuzzRegressions/dryrun")
}
