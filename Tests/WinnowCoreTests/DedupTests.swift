import Foundation
import Testing
@testable import WinnowCore

/// `dedup:`: normalisation, signatures, the writer-side decision, and dedup across runs.
@Suite struct DedupTests {
    init() { _ = LibXML.ready }

    static func config() throws -> LoadedConfig {
        try ConfigLoader.load(yaml: "version: 1\ndedup:\n  exact: true\n  near: true\n", file: "<dedup test>")
    }

    /// Prose-like text from a seeded generator: sentences of common words, a few paragraphs.
    static func prose(seed: UInt64, words count: Int = 240) -> [String] {
        let vocabulary = ("the harbour council residents morning storm weather boats coast wall repairs town library reading room "
            + "children history volunteers winter shelves market bread river bridge station train evening garden school teacher "
            + "village road festival music summer farmers fields rain sunday museum painting visitors city hall mayor plans").split(separator: " ").map(String.init)
        var state = Hash64.mix(seed)
        return (0..<count).map { _ in vocabulary[Int(Hash64.splitMix(&state) % UInt64(vocabulary.count))] }
    }

    static func page(_ words: [String]) -> String {
        stride(from: 0, to: words.count, by: 12).map { start -> String in
            let sentence = words[start..<min(words.count, start + 12)].joined(separator: " ")
            return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
        }.joined(separator: " ") + "\n"
    }

    /// 6 originals, an exact copy (case and punctuation changed), a near copy (2 words replaced), a
    /// copy of the near copy, and an unrelated page; names sort in that order.
    static func makeCorpus(in dir: TempDir, folder: String = "in", prefix: String = "a", seed: UInt64 = 0) throws {
        for i in 0..<6 { try dir.write("\(folder)/\(prefix)\(i).txt", page(prose(seed: seed + UInt64(i) * 1000))) }
        try dir.write("\(folder)/\(prefix)6-exact.txt", page(prose(seed: seed + 1000)).uppercased().replacingOccurrences(of: ".", with: "!"))
        var near = prose(seed: seed + 2000)
        near[50] = "zebra"; near[150] = "giraffe"
        try dir.write("\(folder)/\(prefix)7-near.txt", page(near))
        near[100] = "lion"
        try dir.write("\(folder)/\(prefix)8-near-of-near.txt", page(near))
        try dir.write("\(folder)/\(prefix)9-other.txt", page(prose(seed: seed + 99_999)))
    }

    static func run(_ inputs: [String], output: String, workers: Int = 1, incremental: Bool = false, against: [String] = []) throws -> RunReport {
        var options = RunOptions(inputs: inputs, output: output, workers: workers, progress: .quiet, added: RunnerTests.added)
        options.incremental = incremental
        options.dedupAgainst = against
        return try WinnowRunner(options: options, config: try config()).run()
    }

    static func words(_ text: String, _ settings: DedupSettings.Normalization = .init()) -> [String] {
        var words: [String] = []
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            TextNormalizer(settings: settings).forEachWord(UnsafeBufferPointer(buffer)) { words.append(String(decoding: $0, as: UTF8.self)) }
        }
        return words
    }

    @Test func normalisationFollowsDatatrove() {
        #expect(Self.words("Héllo, World! Pi is 3.14 — or 3,1 and 42nd…") == ["hello", "world", "pi", "is", "0", "or", "0", "and", "0nd"])
        #expect(Self.words("ÇA VA? «Oui»：好的。") == ["ca", "va", "oui", "好的"])
        #expect(Self.words("tab\there\u{0}nul") == ["tab", "here", "nul"])
        var keep = DedupSettings.Normalization()
        keep.lowercase = false; keep.numbers = false; keep.diacritics = false
        #expect(Self.words("Héllo 3.14", keep) == ["Héllo", "3", "14"])
        keep.punctuation = false
        #expect(Self.words("a-b, c", keep) == ["a-b,", "c"])
    }

    @Test func signaturesAgreeForCopiesAndDifferForOthers() throws {
        var settings = DedupSettings()
        settings.exact = true; settings.near = true
        let signer = DedupSigner(settings: settings)
        let text = Self.page(Self.prose(seed: 7))
        let a = try #require(signer.sign(text: Array(text.utf8), id: "a", source: "a.txt"))
        let b = try #require(signer.sign(text: Array(text.uppercased().utf8), id: "b", source: "b.txt"))
        #expect(a.exact == b.exact && a.bands == b.bands && a.document != b.document)
        #expect(a.bands.count == 14)
        var words = Self.prose(seed: 7)
        words[10] = "zebra"
        let near = try #require(signer.sign(text: Array(Self.page(words).utf8), id: "c", source: "c.txt"))
        #expect(near.exact != a.exact)
        #expect(Set(near.bands).intersection(a.bands).count >= 1)
        let other = try #require(signer.sign(text: Array(Self.page(Self.prose(seed: 8)).utf8), id: "d", source: "d.txt"))
        #expect(Set(other.bands).isDisjoint(with: a.bands))
        #expect(signer.sign(text: Array("… !!! ---".utf8), id: "e", source: "e.txt") == nil)
        // Shorter than a shingle: the words make one shingle.
        #expect(signer.sign(text: Array("two words".utf8), id: "f", source: "f.txt")?.bands.count == 14)
    }

    @Test func minHashValuesAreDatatroves() {
        #expect(XXHash64.hash(Array("abc".utf8)) == 4_952_883_123_889_572_249)
        #expect(XXHash64.hash([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(XXHash64.hash(Array("the quick brown fox jumps over the lazy dog again".utf8)) == XXHash64.hash(Array("the quick brown fox jumps over the lazy dog again".utf8)))
        // numpy: RandomState(1).randint(1, 2**61 - 1, dtype=uint64, size=112), then randint(0, …).
        var random = NumpyRandomState(seed: 1)
        let a = (0..<112).map { _ in random.randint(1, DedupSigner.mersenne) }
        let b = (0..<112).map { _ in random.randint(0, DedupSigner.mersenne) }
        #expect(Array(a.prefix(2)) == [775_169_054_918_279_404, 1_758_426_461_858_698_313] && a[111] == 223_865_076_026_037_746)
        #expect(Array(b.prefix(2)) == [1_062_448_801_025_099_917, 1_324_811_268_927_594_100] && b[111] == 1_097_409_548_522_419_201)
        // datatrove 0.10.1 MinhashDedupSignature(FineWeb config).get_signature(get_shingles(text)).
        var settings = DedupSettings()
        settings.near = true
        let signer = DedupSigner(settings: settings)
        let text = Array("The quick brown fox jumps over the lazy dog, and the cat sat on the mat near 42 chairs.".utf8)
        let (joined, starts) = text.withUnsafeBufferPointer { signer.words($0) }
        let minima = signer.minima(joined, starts)
        #expect(Array(minima.prefix(3)) == [85_330_943_174_081_874, 211_531_576_825_678_044, 177_519_887_139_641_803])
        #expect(minima[111] == 3_963_570_588_256_049)
    }

    @Test func recordLinesGiveBackIdAndText() throws {
        var json = JSONBuffer()
        json.beginObject()
        json.key("id"); json.string("x\"1")
        json.key("text"); json.string("line one\nTab\there \"quoted\" \\ back \u{1} ctl é 😀")
        json.key("source"); json.string("s")
        json.endObject()
        let parsed = try #require(RecordLine.idAndText(json.bytes))
        #expect(parsed.id == "x\"1")
        #expect(String(decoding: parsed.text, as: UTF8.self) == "line one\nTab\there \"quoted\" \\ back \u{1} ctl é 😀")
        #expect(RecordLine.idAndText(Array(#"{"source":"s"}"#.utf8)) == nil)
    }

    @Test func configKeysAreReadCheckedAndHashed() throws {
        let off = try ConfigLoader.load(yaml: "version: 1\ndedup:\n  exact: false\n", file: "t")
        #expect(off.hash == (try ConfigLoader.load(yaml: "version: 1\n", file: "t").hash))
        let on = try ConfigLoader.load(yaml: "version: 1\ndedup:\n  near: true\n  bands: 20\n  rows: 5\n  shingle_words: 3\n  seed: 9\n  normalize: {numbers: false}\n", file: "t")
        #expect(on.config.dedup.near && !on.config.dedup.exact)
        #expect(on.config.dedup.bands == 20 && on.config.dedup.rows == 5 && on.config.dedup.shingleWords == 3 && on.config.dedup.seed == 9)
        #expect(!on.config.dedup.normalize.numbers)
        #expect(on.hash != off.hash)
        let seed10 = try ConfigLoader.load(yaml: "version: 1\ndedup:\n  near: true\n  bands: 20\n  rows: 5\n  shingle_words: 3\n  seed: 10\n  normalize: {numbers: false}\n", file: "t")
        #expect(seed10.hash != on.hash)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: "version: 1\ndedup:\n  fuzzy: true\n", file: "t") }
        #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: "version: 1\ndedup:\n  bands: 0\n", file: "t") }
        #expect(throws: ConfigError.self) { try ConfigLoader.load(yaml: "version: 1\ndedup:\n  normalize: {case: true}\n", file: "t") }
        #expect(try ConfigLoader.loadDefault().config.dedup.enabled == false)
    }

    @Test func firstCopyWinsNamedInTheRejectAndTheRunIsTheSameForAnyWorkers() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.makeCorpus(in: dir)
        let report = try Self.run([dir.file("in")], output: dir.file("one"), workers: 1)
        _ = try Self.run([dir.file("in")], output: dir.file("two"), workers: 2)
        for name in ["part-00000.jsonl", "rejects.jsonl"] { #expect(dir.read("one/" + name) == dir.read("two/" + name), "\(name) differs") }
        let (records, rejects, _) = try RunnerTests.outputs(dir.file("one"))
        #expect(records.count == 7)
        let id = { (source: String) in records[source]?["id"] as? String }
        #expect(rejects["a6-exact.txt"]?["reason"] as? String == "dedup.exact")
        #expect(rejects["a6-exact.txt"]?["detail"] as? String == id("a1.txt"))
        #expect(rejects["a6-exact.txt"]?["stage"] as? String == "dedup")
        #expect(rejects["a7-near.txt"]?["reason"] as? String == "dedup.near")
        #expect(rejects["a7-near.txt"]?["detail"] as? String == id("a2.txt"))
        // The copy of a copy joins the first one's cluster.
        #expect(rejects["a8-near-of-near.txt"]?["detail"] as? String == id("a2.txt"))
        let dedup = try #require(report.dedup)
        #expect(dedup.exact == 1 && dedup.near == 2 && dedup.checked == 10)
        #expect(dedup.clusterSizes == [2: 1, 3: 1])
        let json = try jsonObject(atPath: dir.file("one/report.json"))
        let object = try #require(json["dedup"] as? [String: Any])
        #expect(object["cluster_sizes"] as? [String: Int] == ["2": 1, "3": 1])
        #expect(object["removed"] as? [String: Int] == ["dedup.exact": 1, "dedup.near": 2])
        #expect((json["stages"] as? [String: [String: Any]])?["dedup"]?["dropped"] as? Int == 3)
        #expect(Manifest.read(path: dir.file("one/manifest.json"))?.dedupGeneration == 1)
    }

    @Test func earlierGenerationsCountAsSeenAndRerunsGiveTheSameOutput() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.makeCorpus(in: dir)
        _ = try Self.run([dir.file("in")], output: dir.file("out"))
        let first = dir.read("out/part-00000.jsonl")
        let firstRejects = dir.read("out/rejects.jsonl")
        let again = try Self.run([dir.file("in")], output: dir.file("out"), workers: 2)
        #expect(dir.read("out/part-00000.jsonl") == first && dir.read("out/rejects.jsonl") == firstRejects)
        #expect(again.dedup?.generation == 2)
        // A later run over new pages only: the copy of a page the output already held is removed.
        try dir.write("new/b0.txt", Self.page(Self.prose(seed: 3000)).lowercased())
        try dir.write("new/b1.txt", Self.page(Self.prose(seed: 424_242)))
        _ = try Self.run([dir.file("new")], output: dir.file("out"))
        let (records, rejects, _) = try RunnerTests.outputs(dir.file("out"))
        #expect(rejects["b0.txt"]?["reason"] as? String == "dedup.exact")
        #expect(rejects["b0.txt"]?["detail"] as? String == RecordEncoder.id(forSource: "a3.txt"))
        #expect(records.keys.sorted() == ["b1.txt"])
    }

    @Test func twoNightsIncrementalEqualOneRunOverEverything() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.makeCorpus(in: dir, folder: "all/night1", prefix: "a")
        _ = try Self.run([dir.file("all")], output: dir.file("split"), incremental: true)
        // Night 2: new pages, among them copies of night 1's and of each other.
        try Self.makeCorpus(in: dir, folder: "all/night2", prefix: "b", seed: 50)
        try dir.write("all/night2/c-copy-of-a4.txt", Self.page(Self.prose(seed: 4000)))
        let second = try Self.run([dir.file("all")], output: dir.file("split"), workers: 2, incremental: true)
        #expect(second.incremental?.carried == 10)
        _ = try Self.run([dir.file("all")], output: dir.file("once"))
        #expect(dir.read("split/part-00000.jsonl") == dir.read("once/part-00000.jsonl"))
        #expect(dir.read("split/rejects.jsonl") == dir.read("once/rejects.jsonl"))
        let (_, rejects, _) = try RunnerTests.outputs(dir.file("once"))
        #expect(rejects["night2/c-copy-of-a4.txt"]?["detail"] as? String == RecordEncoder.id(forSource: "night1/a4.txt"))
    }

    @Test func anotherOutputCountsAsSeenWithDedupAgainst() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.makeCorpus(in: dir)
        _ = try Self.run([dir.file("in")], output: dir.file("corpus"))
        try dir.write("new/n0.txt", Self.page(Self.prose(seed: 5000)))
        try dir.write("new/n1.txt", Self.page(Self.prose(seed: 777_777)))
        try dir.write("new/n2.txt", Self.page(Self.prose(seed: 777_777)))
        let report = try Self.run([dir.file("new")], output: dir.file("nightly"), against: [dir.file("corpus")])
        let (records, rejects, _) = try RunnerTests.outputs(dir.file("nightly"))
        #expect(rejects["n0.txt"]?["detail"] as? String == RecordEncoder.id(forSource: "a5.txt"))
        #expect(rejects["n2.txt"]?["detail"] as? String == RecordEncoder.id(forSource: "n1.txt"))
        #expect(records.keys.sorted() == ["n1.txt"])
        #expect(report.dedup?.againstCorpus == 1)
        #expect(throws: RunError.self) { try Self.run([dir.file("new")], output: dir.file("x"), against: [dir.file("new")]) }
    }

    @Test func aRunThatDiedBeforeItsCommitLeavesNoRowsBehind() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try Self.makeCorpus(in: dir)
        _ = try Self.run([dir.file("in")], output: dir.file("out"))
        let path = dir.file("out/.winnow/dedup.sqlite")
        let parameters = try Self.config().config.dedup.canonical
        // A run that wrote rows of generation 2, made them durable, and died before the commit point.
        let dying = try DedupIndex.openForRun(path: path, parameters: parameters, committedGeneration: 1)
        #expect(dying.generation == 2)
        try dying.insert(key: 42, owner: 7)
        try dying.addRoot(7, id: "ghost")
        try dying.finishRun()
        dying.close()
        let next = try DedupIndex.openForRun(path: path, parameters: parameters, committedGeneration: 1)
        #expect(try next.owner(of: 42) == nil)
        #expect(try next.id(of: 7) == nil)
        #expect(next.generation == 2)
        #expect(try next.rootCount() == 7)
        // Died after the commit point: the manifest names the generation, its rows stay.
        try next.insert(key: 43, owner: 8)
        try next.addRoot(8, id: "kept")
        try next.finishRun()
        next.close()
        let after = try DedupIndex.openForRun(path: path, parameters: parameters, committedGeneration: 2)
        #expect(try after.owner(of: 43) == 8)
        #expect(after.generation == 3)
        after.abandon()
        // Other settings: the index starts afresh.
        let other = try DedupIndex.openForRun(path: path, parameters: parameters + "x", committedGeneration: 2)
        #expect(other.wasReset)
        #expect(try other.rootCount() == 0)
        other.abandon()
    }

    /// The committed output's bytes: every shard the manifest lists, then the rejects file.
    static func committedBytes(_ out: String) throws -> [UInt8] {
        let manifest = try #require(Manifest.read(path: out + "/manifest.json"))
        return try (manifest.shards.map(\.name) + ["rejects.jsonl"]).flatMap { name in
            try #require(FileManager.default.contents(atPath: out + "/" + name)).map { $0 }
        }
    }

    @Test func killedAtRandomMomentsAndRestartedTheDedupResultIsTheSame() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        for k in 0..<8 { try Self.makeCorpus(in: dir, folder: "corpus/f\(k)", prefix: "a", seed: UInt64(k) * 100_000) }
        // Copies across folders too: f7 repeats pages of f0.
        for i in 0..<4 { try dir.write("corpus/f7/z\(i).txt", Self.page(Self.prose(seed: UInt64(i) * 1000))) }
        let config = try dir.write("dedup.yml", "version: 1\ndedup:\n  exact: true\n  near: true\n")
        let common = ["--quiet", "--shard-records", "3", "--added", RunnerTests.added, "--config", config]
        let clean = try OperationsTests.winnow(["run"] + common + ["--workers", "2", "--output", dir.file("clean"), dir.file("corpus")])
        #expect(clean.status == 0, "\(clean.stderrString)")
        let expected = try Self.committedBytes(dir.file("clean"))
        let out = dir.file("out")
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let process = try OperationsTests.start(["run"] + (round % 2 == 1 ? ["--incremental"] : []) + common + ["--workers", "2", "--output", out, dir.file("corpus")])
            usleep(UInt32.random(in: 0...400_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let restart = try OperationsTests.winnow(["run"] + (round % 3 == 0 ? ["--incremental"] : []) + common + ["--output", out, dir.file("corpus")])
            #expect(restart.status == 0, "round \(round): \(restart.stderrString)")
            #expect(try Self.committedBytes(out) == expected, "round \(round): the output differs from a clean run's")
        }
    }
}
