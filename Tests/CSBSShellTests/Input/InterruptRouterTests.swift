import Testing

@testable import CSBSShell

/// Ctrl-C during a read that a running command asked for (a `confirm` in the shell) abandons that read, and once
/// the read ends it cancels the command again.
@Suite struct InterruptRouterTests {
    @Test func aReadInsideACommandTakesCtrlCAndGivesItBack() async {
        let router = InterruptRouter()
        let cancelled = await router.run {
            router.beginReading()
            router.interrupt()
            let abandoned = router.takeReadInterrupt()
            router.endReading()
            #expect(abandoned)
            router.interrupt()
            return Task.isCancelled
        }
        #expect(cancelled, "after the read, Ctrl-C cancels the command")
    }

    /// The read may begin before `run` has recorded the command (the operation starts at once): Ctrl-C still goes
    /// to the read, and after it to the command.
    @Test func aReadBegunBeforeTheCommandIsRecordedKeepsCtrlC() async {
        let router = InterruptRouter()
        router.beginReading()
        let cancelled = await router.run {
            router.interrupt()
            #expect(router.takeReadInterrupt(), "Ctrl-C went to the read")
            #expect(!Task.isCancelled)
            router.endReading()
            router.interrupt()
            return Task.isCancelled
        }
        #expect(cancelled)
    }
}
