import CSBSShell
import Foundation
import Testing

/// The shell's `edit`: the editor runs on a private file, and what it leaves there is the input.
@Suite struct ExternalEditorTests {
    private func editor(_ command: String) throws -> (ExternalEditor, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csbs-edit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return (ExternalEditor(environment: ["EDITOR": command, "TMPDIR": directory]), directory)
    }

    @Test func theEditedFileIsTheInputAndIsRemovedAfterwards() async throws {
        let (editor, directory) = try editor("sed -i 's/^/echo /'")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try await editor.edit("one\ntwo\n") == "echo one\necho two\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func aFailingEditorRunsNothingAndSaysItsStatus() async throws {
        let (editor, directory) = try editor("exit 3; :")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let failure = await #expect(throws: ExternalEditor.Failure.self) { try await editor.edit("x\n") }
        #expect(failure?.description == "the editor (exit 3; :) exited with status 3; nothing was run")
    }

    @Test func anEditorEndedByASignalRunsNothing() async throws {
        let (editor, directory) = try editor("kill -TERM $$; :")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let failure = await #expect(throws: ExternalEditor.Failure.self) { try await editor.edit("x\n") }
        #expect(failure?.description == "the editor (kill -TERM $$; :) was ended by a signal; nothing was run")
    }

    @Test func anEditedFileThatIsNotTextIsRefused() async throws {
        let (editor, directory) = try editor("printf '\\377\\376' >")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let failure = await #expect(throws: ExternalEditor.Failure.self) { try await editor.edit("x\n") }
        #expect(failure?.description == "the edited input is not UTF-8 text; nothing was run")
    }
}
