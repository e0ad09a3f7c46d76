import CSBSScript
import CSBSDryRun
import CSBSSyntax
import Foundation

/// One fuzz input taken through `csbs run --dry-run` without a frontend: parse, resolve and evaluate against
/// the recording dry-run transport, with `source` served from memory, a fixed clock and tight limits.
///
/// Besides "no crash and no hang", it checks that the limits hold and that a script that does not parse sends
/// nothing; a violated invariant traps on purpose, so that libFuzzer records the input.
enum DryRunFuzzCase {
    /// The name the input file gets in diagnostics.
    static let fileName = "fuzz.csbs"

    /// Small budgets, so one input costs milliseconds; the time limit stays under libFuzzer's 2 s `-timeout`,
    /// so an evaluation the limit cannot stop shows up as a hang.
    static let options: DryRun.Options = {
        var options = DryRun.Options()
        options.limits = DryRun.Limits(maximumRequests: 200, maximumResults: 500, timeLimit: .seconds(1))
        options.environment = ["HOME": "/home/fuzz", "BACKUP_LABEL": "nightly"]
        options.arguments = ["db-01", "2"]
        options.currentDate = { Date(timeIntervalSince1970: 1_800_000_000) }
        options.loader = { path, _ in
            // The file a path names contains the path itself as script text, so sourced files are fuzzed too.
            path.isEmpty ? .failure(SourceLoadError(reason: "empty path")) : .success(SourceFile(name: path, text: path))
        }
        return options
    }()

    /// Runs one input.
    ///
    /// - Parameter bytes: The raw script bytes, any content (invalid UTF-8 is repaired as `csbs run` does).
    static func run(_ bytes: [UInt8]) async {
        let (file, _) = SourceFile.decoding(bytes, name: fileName)
        let outcome = await DryRun.run(file.text, fileName: fileName, options: options)
        let limits = options.limits
        require(outcome.requests.count <= limits.maximumRequests + 1, "\(outcome.requests.count) requests sent")
        require(outcome.results.count <= limits.maximumResults + 1, "\(outcome.results.count) results kept")
        for finding in outcome.diagnostics {
            require(
                finding.diagnostic.range.upperBound <= finding.file.text.utf8.count,
                "diagnostic \(finding.diagnostic.id) at \(finding.diagnostic.range) lies past the end of \(finding.file.name)"
            )
        }
        // The same check every front end makes: a script it refuses must send and print nothing.
        if Checker.check(file, options: .standard(loader: options.loader)).program == nil {
            require(
                outcome.exitStatus == 65 && outcome.requests.isEmpty && outcome.results.isEmpty,
                "a script that does not check ran (exit \(outcome.exitStatus), \(outcome.requests.count) requests)"
            )
        }
    }

    /// Traps with `message` when `condition` is false, in every build configuration.
    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        fatalError("fuzz invariant violated: \(message())")
    }
}
