import Foundation
import Testing
@testable import WinnowCore

/// The FineWeb preset end to end: filter rejects in rejects.jsonl, output independent of workers.
@Suite struct FilterRunTests {
    init() { _ = LibXML.ready }

    @Test func fineWebPresetOutputIsTheSameForOneAndTwoWorkers() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        _ = try RunnerTests.makeCorpus(in: dir)
        let preset = try ConfigLoader.load(path: Fixtures.packageRoot.appendingPathComponent("Config/fineweb.yml").path)
        let one = try RunnerTests.run([dir.file("corpus")], output: dir.file("out1"), workers: 1, config: preset)
        let two = try RunnerTests.run([dir.file("corpus")], output: dir.file("out2"), workers: 2, config: preset)
        #expect(one.status == "complete" && two.status == "complete")
        let files = dir.list("out1").filter { $0 != "report.json" }
        #expect(files == dir.list("out2").filter { $0 != "report.json" })
        for name in files { #expect(dir.read("out1/" + name) == dir.read("out2/" + name), "\(name) differs between 1 and 2 workers") }
        let (records, rejects, _) = try RunnerTests.outputs(dir.file("out1"))
        let filtered = rejects.values.filter { $0["stage"] as? String == "filter" }
        #expect(!filtered.isEmpty, "the preset drops the short pages")
        for reject in filtered {
            let reason = reject["reason"] as? String ?? ""
            #expect(reason.hasPrefix("filter."), "\(reason)")
            #expect((reject["detail"] as? String ?? "").contains("(filters."))
        }
        for record in records.values {
            let metadata = record["metadata"] as? [String: Any]
            #expect(metadata?["rules_version"] as? String == preset.hash)
        }
    }

    @Test func rulesDiffAndInspectShowTheFilters() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        _ = try RunnerTests.makeCorpus(in: dir)
        let preset = try ConfigLoader.load(path: Fixtures.packageRoot.appendingPathComponent("Config/fineweb.yml").path)
        let found = try InputDiscovery().discover(roots: [dir.file("corpus")])
        let diff = RulesDiff(old: try ConfigLoader.loadDefault(), new: preset, workers: 1).run(entries: found.entries)
        #expect(diff.dropped > 0)
        #expect(diff.droppedByReason.keys.allSatisfy { $0.hasPrefix("filter.") }, "\(diff.droppedByReason)")
        #expect(diff.text().contains("newly dropped, by reason: filter."))
        let shown = PageInspector(config: preset).inspect(path: dir.file("corpus/news/library.htm"))
        #expect(shown.contains("filters (measured"))
        #expect(shown.contains("gopher_quality: word_count="))
    }

    @Test func filtersOffLeavesTheDefaultOutputAlone() throws {
        // The default config has no filters, so its rules_version and the filter stage are as before.
        let loaded = try ConfigLoader.loadDefault()
        let stage = try #require(Pipeline(config: loaded, added: "").chain.stage(FilterStage.self))
        #expect(stage.chain.isEmpty)
    }
}
