import Foundation
import Testing
@testable import WinnowCore

/// End to end through the library: discovery, the pipeline, ordered output, report.
@Suite struct RunnerTests {
    init() { _ = LibXML.ready }

    static let added = "2026-11-27T02:00:00Z"

    /// A small mixed corpus: HTML pages, a text dump, and gzipped copies of both kinds.
    static func makeCorpus(in dir: TempDir) throws -> [String] {
        let article = try Fixtures.string("pages/article.html")
        let seed = try Fixtures.string("text/seed-dump.txt")
        let second = """
            <!DOCTYPE html><html lang="en"><head><title>Library opens new reading room</title></head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <main><h1>Library opens new reading room</h1>
            <p>The town library opened a new reading room on Saturday, with space for forty readers, a children's corner, and a collection of local history books donated by residents.</p>
            <p>The librarian said the room had been planned for years, and that volunteers had painted the walls and built the shelves over the winter months.</p>
            </main><footer>Town Library, High Street</footer></body></html>
            """
        try dir.write("corpus/news/article.html", article)
        try dir.write("corpus/news/library.htm", second)
        try dir.write("corpus/news/zipped.html.gz", Tool.gzip(Array(article.replacingOccurrences(of: "Tuesday", with: "Wednesday").utf8)))
        try dir.write("corpus/dumps/seed.txt", seed)
        try dir.write("corpus/dumps/seed-copy.txt.gz", Tool.gzip(Array(seed.replacingOccurrences(of: "six metres", with: "seven metres").utf8)))
        try dir.write("corpus/dumps/empty.txt", "")
        try dir.write("corpus/README.md", "not an input")
        return ["dumps/empty.txt", "dumps/seed-copy.txt.gz", "dumps/seed.txt", "news/article.html", "news/library.htm", "news/zipped.html.gz"]
    }

    static func run(_ inputs: [String], output: String, workers: Int, config: LoadedConfig? = nil,
                    limits: ShardWriter.Limits = .init(maxBytes: 256 << 20)) throws -> RunReport {
        _ = LibXML.ready
        let options = RunOptions(inputs: inputs, output: output, workers: workers, shardLimits: limits, progress: .quiet, added: added)
        return try WinnowRunner(options: options, config: config ?? ConfigLoader.loadDefault()).run()
    }

    /// Records by source, rejects by source.
    static func outputs(_ dir: String) throws -> (records: [String: [String: Any]], rejects: [String: [String: Any]], recordOrder: [String]) {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("part-") }.sorted()
        var records: [String: [String: Any]] = [:]
        var order: [String] = []
        for name in names {
            for record in try jsonLines([UInt8](FileManager.default.contents(atPath: dir + "/" + name) ?? Data())) {
                let source = record["source"] as? String ?? "?"
                #expect(records[source] == nil, "\(source) written twice")
                records[source] = record
                order.append(source)
            }
        }
        var rejects: [String: [String: Any]] = [:]
        for reject in try jsonLines([UInt8](FileManager.default.contents(atPath: dir + "/rejects.jsonl") ?? Data())) {
            let source = reject["source"] as? String ?? "?"
            #expect(rejects[source] == nil, "\(source) rejected twice")
            rejects[source] = reject
        }
        return (records, rejects, order)
    }

    @Test func outputDoesNotDependOnWorkersAndEveryInputLandsOnce() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let sources = try Self.makeCorpus(in: dir)
        let one = try Self.run([dir.file("corpus")], output: dir.file("out1"), workers: 1, limits: .init(maxRecords: 2))
        let two = try Self.run([dir.file("corpus")], output: dir.file("out2"), workers: 2, limits: .init(maxRecords: 2))
        #expect(one.status == "complete")
        #expect(one.exitCode == .success)
        #expect(two.workers == 2)

        let files = dir.list("out1").filter { $0 != "report.json" }
        #expect(files == dir.list("out2").filter { $0 != "report.json" })
        #expect(files.contains("rejects.jsonl"))
        #expect(files.filter { $0.hasPrefix("part-") } == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"])
        for name in files {
            #expect(dir.read("out1/" + name) == dir.read("out2/" + name), "\(name) differs between 1 and 2 workers")
        }
        #expect(!dir.list("out1").contains { $0.hasPrefix(".tmp-") })

        let (records, rejects, order) = try Self.outputs(dir.file("out1"))
        #expect(Set(records.keys).isDisjoint(with: rejects.keys))
        #expect(Set(records.keys).union(rejects.keys) == Set(sources))
        #expect(order == order.sorted())  // input order
        #expect(rejects["dumps/empty.txt"]?["reason"] as? String == "input.empty")
        #expect(records.count == 5)
    }

    @Test func reportCountsAgreeWithTheFiles() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let sources = try Self.makeCorpus(in: dir)
        let report = try Self.run([dir.file("corpus")], output: dir.file("out"), workers: 2)
        let json = try jsonObject(atPath: dir.file("out/report.json"))
        let (records, rejects, _) = try Self.outputs(dir.file("out"))
        #expect(json["status"] as? String == "complete")
        #expect(json["exit_code"] as? Int == 0)
        #expect(json["records"] as? Int == records.count)
        #expect(json["rejects"] as? Int == rejects.count)
        let inputs = try #require(json["inputs"] as? [String: Any])
        #expect(inputs["documents"] as? Int == sources.count)
        #expect(inputs["processed"] as? Int == sources.count)
        #expect(inputs["skipped_by_extension"] as? [String: Int] == ["md": 1])
        let byReason = try #require(json["rejects_by_reason"] as? [String: Int])
        #expect(byReason.values.reduce(0, +) == rejects.count)
        #expect(byReason == ["input.empty": 1])
        let stages = try #require(json["stages"] as? [String: [String: Any]])
        #expect(Set(stages.keys) == ["load", "decode", "parse", "clean", "extract", "filter"])
        #expect(stages["load"]?["in"] as? Int == sources.count)
        #expect(stages["load"]?["dropped"] as? Int == 1)
        #expect(stages["filter"]?["in"] as? Int == records.count)
        #expect(json["shards"] as? [String] == ["part-00000.jsonl"])
        #expect(json["rules_version"] as? String == (try ConfigLoader.loadDefault().hash))
        let hits = try #require(json["rule_hits"] as? [String: Int])
        #expect(hits["rule.line.ad-placeholder"] == 2)         // once per dump
        #expect(hits["rule.line.image-caption"] == 4)          // label + caption, twice
        #expect(hits["rule.line.story-navigation"] == 2)
        #expect(hits["rule.selector.navigation"] ?? 0 >= 3)
        #expect(report.stats.records == records.count)
        #expect(report.shards == ["part-00000.jsonl"])
    }

    @Test func seedDumpLosesItsChromeLines() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        _ = try Self.makeCorpus(in: dir)
        _ = try Self.run([dir.file("corpus")], output: dir.file("out"), workers: 1)
        let (records, _, _) = try Self.outputs(dir.file("out"))
        let record = try #require(records["dumps/seed.txt"])
        let text = try #require(record["text"] as? String)
        for chrome in ["ARTICLE AD BOX", "Image caption", "The harbour wall after the storm on Tuesday morning", "More on this story", "Image source"] {
            #expect(!text.contains(chrome), "\(chrome) should be gone")
        }
        #expect(text == """
            The old harbour wall was badly damaged overnight as the storm brought waves of more than six metres to the coast.

            Fishermen said they had never seen the sea so rough, and several boats were moved inland before the worst of the weather.
            The council said repairs would start as soon as it was safe.

            Residents were advised to stay away from the sea front until the wind had dropped.
            """)
        let meta = try #require(record["metadata"] as? [String: Any])
        #expect(meta["title"] as? String == "Storm damages harbour wall")
        #expect(meta["content_type"] as? String == "text/plain")
        #expect(record["added"] as? String == Self.added)
        #expect(record["id"] as? String == SHA256.hex("dumps/seed.txt"))
        // The gzipped copy went through the same path.
        let copy = try #require(records["dumps/seed-copy.txt.gz"]?["text"] as? String)
        #expect(copy == text.replacingOccurrences(of: "six metres", with: "seven metres"))
    }

    @Test func htmlRecordHasBodyTextAndMetadata() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        _ = try Self.makeCorpus(in: dir)
        _ = try Self.run([dir.file("corpus")], output: dir.file("out"), workers: 1)
        let (records, _, _) = try Self.outputs(dir.file("out"))
        let record = try #require(records["news/article.html"])
        let text = try #require(record["text"] as? String)
        let paragraphs = text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 3)
        #expect(paragraphs.first?.hasPrefix("The town council approved a plan on Tuesday") == true)
        for chrome in ["Most read", "bakery", "Copyright", "Weather", "Share this", "Harbour plan approved"] {
            #expect(!text.contains(chrome), "\(chrome) should be gone")
        }
        #expect(record["created"] as? String == "2022-01-28T09:30:00Z")
        let meta = try #require(record["metadata"] as? [String: Any])
        #expect(meta["title"] as? String == "Harbour plan approved after long debate")
        #expect(meta["language"] as? String == "en-GB")
        #expect(meta["url"] as? String == "https://gazette.example/news/harbour-plan")
        #expect(meta["encoding"] as? String == "utf-8")
        #expect(meta["chars"] as? Int == text.unicodeScalars.count)
        #expect(meta["words"] as? Int == text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count)
        let zipped = try #require(records["news/zipped.html.gz"]?["text"] as? String)
        #expect(zipped == text.replacingOccurrences(of: "Tuesday", with: "Wednesday"))
        let library = try #require(records["news/library.htm"]?["text"] as? String)
        #expect(library.hasPrefix("The town library opened a new reading room"))
        #expect(!library.contains("Town Library, High Street"))
    }

    @Test func aRunReplacesThePreviousRunsOutput() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        _ = try Self.makeCorpus(in: dir)
        try dir.write("out/part-00007.jsonl", "stale\n")
        try dir.write("out/.tmp-part-00000.jsonl", "crashed\n")
        try dir.write("out/keep-me.txt", "not ours")
        _ = try Self.run([dir.file("corpus/news/library.htm")], output: dir.file("out"), workers: 1)
        #expect(dir.list("out") == [".winnow", "keep-me.txt", "manifest.json", "part-00000.jsonl", "rejects.jsonl", "report.json"])
    }

    @Test func noInputs() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("only-other/x.pdf", "x")
        #expect(throws: RunError.self) { try Self.run([dir.file("missing")], output: dir.file("out"), workers: 1) }
        do {
            _ = try Self.run([dir.file("only-other")], output: dir.file("out"), workers: 1)
            Issue.record("a directory without inputs must fail")
        } catch let error as RunError {
            #expect(error.code == .noInput)
            #expect(error.message.contains("1 other files skipped"))
        }
    }

    @Test func unwritableOutput() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try dir.write("in/a.txt", "Some text here.")
        try dir.write("blocker", "a file where a directory should be")
        do {
            _ = try Self.run([dir.file("in")], output: dir.file("blocker/out"), workers: 1)
            Issue.record("output under a file must fail")
        } catch let error as RunError {
            #expect(error.code == .cannotCreateOutput)
        }
    }
}
