import CSBSScript
import CSBSDryRun
import CSBSSyntax
import Foundation
import Testing

/// What the dry-run fuzz target (`Sources/FuzzDryRun`) does with one input, as test expectations: a dry run
/// with `source` served from memory, a fixed clock and small budgets.
enum DryRunReplay {
    /// The same options as the fuzz target, so a saved input replays the way it was found.
    static let options: DryRun.Options = {
        var options = DryRun.Options()
        options.limits = DryRun.Limits(maximumRequests: 200, maximumResults: 500, timeLimit: .seconds(1))
        options.environment = ["HOME": "/home/fuzz", "BACKUP_LABEL": "nightly"]
        options.arguments = ["db-01", "2"]
        options.currentDate = { Date(timeIntervalSince1970: 1_800_000_000) }
        options.loader = { path, _ in
            path.isEmpty ? .failure(SourceLoadError(reason: "empty path")) : .success(SourceFile(name: path, text: path))
        }
        return options
    }()

    /// Dry-runs `bytes`, recording an issue for every broken invariant.
    @discardableResult
    static func run(_ bytes: [UInt8], name: String = "fuzz.csbs") async -> DryRunOutcome {
        let (file, _) = SourceFile.decoding(bytes, name: name)
        let outcome = await DryRun.run(file.text, fileName: name, options: options)
        #expect(outcome.requests.count <= options.limits.maximumRequests + 1)
        #expect(outcome.results.count <= options.limits.maximumResults + 1)
        for finding in outcome.diagnostics {
            #expect(finding.diagnostic.range.upperBound <= finding.file.text.utf8.count, "\(finding.diagnostic.id)")
        }
        if Parser.parse(file).hasErrors {
            #expect(outcome.exitStatus == 65 && outcome.requests.isEmpty, "a script with parse errors ran")
        }
        return outcome
    }
}
