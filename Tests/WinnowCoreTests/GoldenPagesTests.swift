import Foundation
import Testing
@testable import WinnowCore

/// Golden pages (Tests/Fixtures/golden/<case>/): each hard case is run through the default pipeline and
/// compared with `expected.txt` / `expected-metadata.json`, Winnow's reviewed output, so any change
/// to what Winnow extracts fails here until it is looked at and accepted on purpose:
///
///     WINNOW_UPDATE_GOLDEN=1 swift test --filter GoldenPagesTests
///
/// rewrites the expectations (review `git diff Tests/Fixtures/golden` before committing). Separately,
/// the output is scored against the hand-written `truth.txt` with the benchmark's shingle F1: a
/// quality floor that an accepted regression cannot silently lower.
@Suite struct GoldenPagesTests {
    static let root = Fixtures.directory.appendingPathComponent("golden")
    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
        .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("truth.txt").path) }
        .sorted()
    static let updating = ProcessInfo.processInfo.environment["WINNOW_UPDATE_GOLDEN"] == "1"

    struct Output {
        var text: String
        var metadata: [String: Any]
    }

    static func run(_ name: String) throws -> Output {
        _ = LibXML.ready
        let folder = root.appendingPathComponent(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        guard let source = files.first(where: { $0.hasPrefix("source.") }),
              let (kind, gzipped) = InputItem.classify(source) else { throw TestFailure("\(name): no source.html or source.txt") }
        let path = folder.appendingPathComponent(source).path
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let pipeline = Pipeline(config: try ConfigLoader.loadDefault(), added: "2026-01-01T00:00:00Z")
        let (document, drop) = pipeline.run(InputItem(path: path, source: name, kind: kind, gzipped: gzipped, size: size))
        if let drop { throw TestFailure("\(name): rejected at \(drop.stage): \(drop.reason)") }
        let meta = document.metadata
        let text = String(decoding: document.text, as: UTF8.self)
        return Output(text: text, metadata: [
            "title": meta.title ?? NSNull(), "author": meta.authors, "created": meta.published ?? NSNull(),
            "language": meta.language ?? NSNull(), "url": meta.url ?? NSNull(), "sitename": meta.sitename ?? NSNull(),
            "description": meta.description ?? NSNull(), "encoding": document.encoding,
        ])
    }

    @Test func thereAreAtLeastFifteenGoldenPages() {
        #expect(Self.cases.count >= 15)
    }

    @Test(arguments: cases)
    func outputMatchesTheReviewedExpectation(_ name: String) throws {
        let output = try Self.run(name)
        let folder = Self.root.appendingPathComponent(name)
        let textPath = folder.appendingPathComponent("expected.txt").path
        let metadataPath = folder.appendingPathComponent("expected-metadata.json").path
        let metadataJSON = try JSONSerialization.data(withJSONObject: output.metadata, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        if Self.updating {
            try Data((output.text + "\n").utf8).write(to: URL(fileURLWithPath: textPath))
            try (metadataJSON + Data("\n".utf8)).write(to: URL(fileURLWithPath: metadataPath))
            return
        }
        let expectedText = try Fixtures.string("golden/\(name)/expected.txt")
        #expect(output.text + "\n" == expectedText, "\(name): text differs from expected.txt")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(try Fixtures.bytes("golden/\(name)/expected-metadata.json"))) as? NSDictionary)
        #expect(NSDictionary(dictionary: output.metadata).isEqual(expected), "\(name): metadata differs from expected-metadata.json")
    }

    /// Pages of the non-article kinds carry their kind as the folder prefix (see the fixtures' README).
    static let typedPrefixes = ["service-", "product-", "collection-", "listing-", "forum-", "docs-"]

    /// The floor under the hand-written truth: every page at least 0.6 F1; articles (and text dumps) at
    /// least 0.93 on average, pages of the other kinds, harder by nature, at least 0.80 (0.82 when the bound was set).
    @Test func qualityAgainstTheHandWrittenTruth() throws {
        var scores: [String: Double] = [:]
        for name in Self.cases {
            let truth = try Fixtures.string("golden/\(name)/truth.txt")
            scores[name] = ShingleScore.f1(truth: truth, prediction: try Self.run(name).text)
        }
        for (name, score) in scores { #expect(score >= 0.6, "\(name): F1 \(score) against truth.txt") }
        let typed = scores.filter { name, _ in Self.typedPrefixes.contains { name.hasPrefix($0) } }
        let articles = scores.filter { typed[$0.key] == nil }
        let mean = { (group: [String: Double]) in group.values.reduce(0, +) / Double(max(group.count, 1)) }
        #expect(mean(articles) >= 0.93, "articles: mean F1 \(mean(articles)) against truth.txt")
        #expect(mean(typed) >= 0.80, "other kinds: mean F1 \(mean(typed)) against truth.txt")
        #expect(typed.count >= 14, "at least two golden pages per non-article kind")
    }
}

/// The benchmark's metric (../shared/tools/score_extraction.py): 4-token shingles of \w+ runs,
/// compared as multisets; F1 of precision and recall.
enum ShingleScore {
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" || scalar.properties.generalCategory == .nonspacingMark {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func shingles(_ tokens: [String]) -> [String: Int] {
        guard !tokens.isEmpty else { return [:] }
        if tokens.count < 4 { return [tokens.joined(separator: " "): 1] }
        var counts: [String: Int] = [:]
        for i in 0...(tokens.count - 4) { counts[tokens[i..<i + 4].joined(separator: " "), default: 0] += 1 }
        return counts
    }

    static func f1(truth: String, prediction: String) -> Double {
        let t = shingles(tokens(truth)), p = shingles(tokens(prediction))
        let tp = t.reduce(0) { $0 + min($1.value, p[$1.key] ?? 0) }
        let tTotal = t.values.reduce(0, +), pTotal = p.values.reduce(0, +)
        if tTotal == tp && pTotal == tp { return 1 }
        let precision = pTotal == 0 ? 0 : Double(tp) / Double(pTotal)
        let recall = tTotal == 0 ? 0 : Double(tp) / Double(tTotal)
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }
}
