#if FUZZING
/// libFuzzer's entry point: one input per call. Built only with `-DFUZZING` and `-sanitize=fuzzer`
/// (see `scripts/fuzz/run`), where libFuzzer supplies `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyntax(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SyntaxFuzzCase.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
import Foundation
import FuzzCorpus

/// Without `-DFUZZING` the target is a corpus replayer, so a plain `swift build` still builds and links it:
/// `csbs-fuzz-syntax FILE_OR_DIRECTORY...` runs every file through the same checks as the fuzzer.
@main
struct SyntaxCorpusReplayer {
    static func main() {
        guard let files = CorpusFiles.list(Array(CommandLine.arguments.dropFirst()), usage: "csbs-fuzz-syntax") else {
            exit(64)
        }
        for file in files {
            SyntaxFuzzCase.run(file.bytes)
        }
        print("replayed \(files.count) input\(files.count == 1 ? "" : "s") without a crash")
    }
}
#endif
