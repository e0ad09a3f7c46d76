#if FUZZING
import Dispatch

/// libFuzzer's entry point: one input per call, evaluated on the Swift concurrency pool while libFuzzer's
/// thread waits. Built only with `-DFUZZING` and `-sanitize=fuzzer` (see `scripts/fuzz/run --target dryrun`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDryRun(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let done = DispatchSemaphore(value: 0)
    Task {
        await DryRunFuzzCase.run(bytes)
        done.signal()
    }
    done.wait()
    return 0
}
#else
import Foundation
import FuzzCorpus

/// Without `-DFUZZING` the target is a corpus replayer, so a plain `swift build` still builds and links it:
/// `csbs-fuzz-dryrun FILE_OR_DIRECTORY...` dry-runs every file with the same checks as the fuzzer.
@main
struct DryRunCorpusReplayer {
    static func main() async {
        let files = CorpusFiles.list(Array(CommandLine.arguments.dropFirst()), usage: "csbs-fuzz-dryrun")
        guard let files else { exit(64) }
        for file in files {
            await DryRunFuzzCase.run(file.bytes)
        }
        print("replayed \(files.count) input\(files.count == 1 ? "" : "s") without a crash")
    }
}
#endif
