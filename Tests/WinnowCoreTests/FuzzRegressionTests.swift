import Foundation
import Testing
@testable import WinnowCore

/// Inputs the fuzzer found and hand-made hostile inputs (Tests/Fixtures/fuzz, see its README), replayed
/// through `FuzzHarness`, the code path `winnow-fuzz` runs: each must end in records or rejects, with
/// valid record lines, in time.
@Suite struct FuzzRegressionTests {
    init() { _ = LibXML.ready }

    static let folder = "fuzz"

    /// Input file names (everything in the folder but its README).
    static func inputs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.path(folder))) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
    }

    static func harness(_ dir: TempDir) throws -> FuzzHarness {
        try FuzzHarness.builtIn(scratchDirectory: dir.path)
    }

    @Test(arguments: inputs())
    func replayEndsInRecordsOrRejects(_ name: String) throws {
        let dir = try TempDir("winnow-fuzz-test")
        defer { dir.remove() }
        let harness = try Self.harness(dir)
        let bytes = try Fixtures.bytes(Self.folder + "/" + name)
        let start = Date()
        let outcome = try #require(harness.run(bytes))
        let elapsed = Date().timeIntervalSince(start)
        #expect(harness.check(outcome, inputCount: bytes.count) == nil, "\(name): \(harness.check(outcome, inputCount: bytes.count) ?? "")")
        for result in outcome.results {
            switch result.outcome {
            case .record(let line): #expect(!line.isEmpty)
            case .reject(let stage, let reason, _): #expect(!stage.isEmpty && !reason.isEmpty)
            }
        }
        // A hang that was fixed must stay fixed (generous: debug build, parallel tests).
        #expect(elapsed < 30, "\(name) took \(elapsed) s")
    }

    /// A moved or misnamed folder must not silently leave the replay test with no cases.
    @Test func inputsAreFound() {
        #expect(!Self.inputs().isEmpty)
    }

    /// The tight variant is the built-in rules with small limits, and inputs reach it and its budgets.
    @Test func tightLimitsVariant() throws {
        let dir = try TempDir("winnow-fuzz-test")
        defer { dir.remove() }
        let harness = try Self.harness(dir)
        let limits = harness.tight.pipeline.chain.stage(LoadStage.self)?.maxBytes
        #expect(limits == FuzzHarness.tightLimits.maxDocumentBytes)
        #expect(try FuzzHarness.tightConfig().rules.dropTags == (try ConfigLoader.loadDefault()).rules.dropTags)
        let deep = Array(("<html><body>" + String(repeating: "<div>", count: 40) + "<p>Deep text that is long enough.</p>").utf8)
        let cases: [(bytes: [UInt8], reason: String)] = [
            ([6, 0] + deep, "budget.depth"),
            ([6, 0] + Array(("<body>" + String(repeating: "<b>x</b>", count: 400)).utf8), "budget.nodes"),
            ([7, 0] + [UInt8](repeating: 0x61, count: 9000), "input.too_large"),
        ]
        for (bytes, reason) in cases {
            let outcome = try #require(harness.run(bytes))
            #expect(outcome.tight)
            guard case .reject(_, let got, _) = outcome.results.first?.outcome else { Issue.record("no reject for \(reason)"); continue }
            #expect(got == reason)
        }
        // The same deep page under the shipped limits is a record.
        let standard = try #require(harness.run([0, 0] + deep))
        #expect(!standard.tight)
        #expect(standard.results.count == 1)
        if case .record = standard.results.first?.outcome {} else { Issue.record("deep page under shipped limits: \(String(describing: standard.results.first?.outcome))") }
    }

    /// The harness itself: every target is reachable through the first byte, and a good input of
    /// each kind gives a record (so the fuzzer does not silently test only rejects).
    @Test func everyTargetGivesARecord() throws {
        let dir = try TempDir("winnow-fuzz-test")
        defer { dir.remove() }
        let harness = try Self.harness(dir)
        let page = WARCFixture.page(1)
        let text = Array("A title line\n\nThe first paragraph of a plain text document, long enough to be kept as body text.\n".utf8)
        let jsonText = String(decoding: text, as: UTF8.self).replacingOccurrences(of: "\n", with: "\\n")
        let inputs: [FuzzHarness.Target: [UInt8]] = [
            .html: [0, 0] + page,
            .text: [1, 1] + text,
            .file: [2] + page,
            .warc: [3] + WARCFixture.response("http://example.com/1", id: 1, body: page),
            .warcGzip: [4] + (try WARCFixture.gzip(WARCFixture.response("http://example.com/1", id: 1, body: page))),
            .jsonl: [5] + Array("{\"text\":\"\(jsonText)\"}\n".utf8),
        ]
        #expect(Set(inputs.keys) == Set(FuzzHarness.Target.allCases))
        for (target, bytes) in inputs {
            let outcome = try #require(harness.run(bytes))
            #expect(outcome.target == target)
            #expect(harness.check(outcome, inputCount: bytes.count) == nil)
            let records = outcome.results.filter { if case .record = $0.outcome { return true } else { return false } }
            #expect(records.count == 1, "\(target.name): \(outcome.results.map(\.outcome))")
        }
        // Selector bytes wrap around, and an empty input is fine.
        #expect(FuzzHarness.Target(selector: 6) == .html)
        #expect(try #require(harness.run([])).results.isEmpty)
    }
}
