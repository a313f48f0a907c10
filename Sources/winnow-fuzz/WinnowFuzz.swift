// libFuzzer target over the whole per-document pipeline (decode → parse → clean → extract → filter)
// and the container readers (WARC, WARC.gz, JSONL). The input layout is described in
// Sources/WinnowCore/Support/FuzzHarness.swift; Scripts/fuzz.sh builds and runs it.
//
// Built with -DFUZZING, @main hands over to libFuzzer's driver (LLVMFuzzerRunDriver; SwiftPM points
// `main` at the Swift entry point, so libFuzzer's own `main` cannot be used):
//
//   swift build -c release --scratch-path .build-fuzz --product winnow-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
//
// Without FUZZING (an ordinary `swift build`) it is a small program that says how to build it, or
// replays input files through the same harness: `winnow-fuzz FILE...`.
import Foundation
import WinnowCore
#if FUZZING
import CLibFuzzer
#endif

/// This process's own directory for the file-based targets, removed at exit.
let scratchDirectory = NSTemporaryDirectory() + "winnow-fuzz-\(getpid())"

/// Built once per process: the built-in rules' pipelines and the scratch directory.
let harness: FuzzHarness = {
    HTMLParser.initializeLibrary()
    do {
        try FileManager.default.createDirectory(atPath: scratchDirectory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: scratchDirectory) }
        return try FuzzHarness.builtIn(scratchDirectory: scratchDirectory)
    } catch {
        fatalError("winnow-fuzz: cannot set up: \(error)")
    }
}()

/// Runs one input and stops the process (a finding) when an invariant does not hold.
func runOne(_ bytes: [UInt8]) {
    guard let outcome = harness.run(bytes) else {
        fatalError("winnow-fuzz: cannot write the scratch file in \(harness.scratchDirectory)")
    }
    if let problem = harness.check(outcome, inputCount: bytes.count) {
        fatalError("winnow-fuzz finding: \(problem)")
    }
}

/// Replays input files through the harness and prints what became of each document.
func replay(_ paths: ArraySlice<String>) {
    for path in paths {
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardStream.error("winnow-fuzz: cannot read \(path)\n")
            exit(66)
        }
        let bytes = [UInt8](data)
        runOne(bytes)
        let outcome = harness.run(bytes)
        let summary = (outcome?.results ?? []).map { result -> String in
            switch result.outcome {
            case .record: return "record"
            case .reject(let stage, let reason, _): return "reject \(stage) \(reason)"
            }
        }
        print("\(path): \(outcome.map { $0.target.name + ($0.tight ? " (tight limits)" : "") } ?? "?"): \(summary.joined(separator: ", "))")
    }
}

/// `WINNOW_FUZZ_TARGET=warc` (a name from FuzzHarness.Target) makes the fuzzer spend its time on one
/// target: inputs whose first byte selects another are skipped and kept out of the corpus. Crashers
/// keep their selector byte, so they replay the same way without the variable.
let onlyTarget: FuzzHarness.Target? = ProcessInfo.processInfo.environment["WINNOW_FUZZ_TARGET"].flatMap { name in
    if name.isEmpty || name == "all" { return nil }
    guard let target = FuzzHarness.Target(name: name) else { fatalError("winnow-fuzz: unknown WINNOW_FUZZ_TARGET '\(name)'") }
    return target
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let onlyTarget, FuzzHarness.Target(selector: bytes.first ?? 0) != onlyTarget { return -1 }
    runOne(bytes)
    return 0
}

@main
struct WinnowFuzz {
    static func main() {
        #if FUZZING
        // libFuzzer parses its own flags (-max_len=…, corpus directories, crasher files to replay).
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzTestOneInput))
        #else
        let arguments = CommandLine.arguments.dropFirst()
        guard !arguments.isEmpty, arguments.first != "--help", arguments.first != "-h" else {
            print("""
                winnow-fuzz: libFuzzer target over Winnow's pipeline and WARC/JSONL readers.
                This build has no fuzzer. Build one with Scripts/fuzz.sh, or:
                  swift build -c release --scratch-path .build-fuzz --product winnow-fuzz \\
                      -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
                Without the fuzzer, `winnow-fuzz FILE...` replays inputs (crashers) through the same harness.
                """)
            return
        }
        replay(arguments)
        #endif
    }
}
