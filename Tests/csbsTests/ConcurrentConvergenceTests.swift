import Foundation
import Testing

/// Fifty processes converging on one vault name at the same moment against `csbs serve`: the API lets names
/// repeat, so without csbs keeping them unique each process could bill a vault of its own.
@Suite(.serialized)
struct ConcurrentConvergenceTests {
    @Test func fiftyProcessesCreatingOneNameEndWithOneVault() async throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let serve = try await ServeProcess.start(runner, ["--memory", "--port", "0"])
        defer { serve.stop() }
        let environment = serve.settings.filter { $0.key.hasPrefix("OS_") }
        let arguments = ["--json", "--endpoint", serve.endpoint, "-c", #"vault "par_one" size 100"#]
        let outcomes = try await withThrowingTaskGroup(of: CommandRunner.Outcome.self) { group in
            for _ in 0..<50 { group.addTask { try await runner.run(arguments, environment: environment) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var ids: Set<String> = []
        for outcome in outcomes {
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            if let id = object?["id"] as? String { ids.insert(id) }
        }
        #expect(ids.count == 1, "\(ids)")
        let show = try await runner.run(["--json", "--endpoint", serve.endpoint, "-c", #"show vault "par_one""#], environment: environment)
        #expect(show.status == 0, "one vault of that name is left: \(show.stderr)")
    }
}
