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
