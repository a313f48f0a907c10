import Testing
@testable import WinnowCore

@Suite struct ProgressReporterTests {
    @Test func progressLine() {
        let progress = ProgressReporter(total: 4, mode: .quiet)
        progress.record(DocumentResult(sequence: 0, source: "a", outcome: .record([]), bytesIn: 1_048_576, stageSeconds: [], ruleHits: [:]))
        progress.record(DocumentResult(sequence: 1, source: "b", outcome: .reject(stage: "load", reason: "input.empty", detail: ""),
                                       bytesIn: 0, stageSeconds: [], ruleHits: [:]))
        let line = progress.line()
        #expect(line.hasPrefix("2/4 docs (50.0%)"))
        #expect(line.contains("ETA "))
        #expect(line.hasSuffix("rejects 1"))
        progress.finish()
    }

    @Test func durations() {
        #expect(ProgressReporter.duration(0) == "0:00")
        #expect(ProgressReporter.duration(75) == "1:15")
        #expect(ProgressReporter.duration(3_725) == "1:02:05")
    }

    @Test func quietModeWhenAsked() {
        #expect(ProgressReporter.defaultMode(quiet: true) == .quiet)
    }
}

@Suite struct ContainerProgressTests {
    @Test func unknownTotalShowsInputBytes() {
        let input = InputProgress(totalBytes: 4 << 20)
        input.add(1 << 20)
        let progress = ProgressReporter(total: nil, mode: .quiet, inputProgress: input)
        progress.record(DocumentResult(sequence: 0, source: "a.warc.gz#0", outcome: .record([]), bytesIn: 1000, stageSeconds: [], ruleHits: [:]))
        let line = progress.line()
        #expect(line.hasPrefix("1 docs  1/4 MB input (25.0%)"), "\(line)")
        #expect(line.hasSuffix("rejects 0"))
        progress.finish()
    }
}
