import Testing
@testable import WinnowCore

/// gopher_repetition skips counting a top n-gram size when a bound from the shorter size's repeats
/// shows it cannot fail: the bound is never below the value, and the drop decision (and reason) with
/// the skip is the one the full count makes, just above, at and just below the threshold.
@Suite struct GopherTopGramBoundTests {
    /// Texts whose 2-, 3- and 4-grams repeat in different ways: a few words drawn over and over, one
    /// phrase repeated among fresh words, ties between phrases, and no repeat at all.
    static let texts: [String] = {
        var texts: [String] = []
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let vocabulary = ["the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "of", "longerword", "x"]
        for size in [3, 5, 12] {
            texts.append((0..<120).map { _ in vocabulary[next(size)] }.joined(separator: " "))
        }
        let fresh = (0..<80).map { "w\($0)" }
        texts.append(fresh.enumerated().map { $0.offset % 9 == 0 ? "in the middle of \($0.element)" : $0.element }.joined(separator: " "))
        texts.append("one two three one two four one two three five six one two three")
        texts.append(fresh.joined(separator: " "))
        texts.append("alpha beta gamma delta alpha beta gamma delta alpha beta gamma delta epsilon")
        return texts
    }()

    static func settings(_ sizes: [NGramThreshold]) -> [String: FilterValue] {
        ["dup_para_frac": .number(1), "dup_para_char_frac": .number(1), "dup_line_frac": .number(1),
         "dup_line_char_frac": .number(1), "top_n_grams": .ngrams(sizes), "dup_n_grams": .ngrams([])]
    }

    static func chain(_ sizes: [NGramThreshold]) throws -> FilterChain {
        let type = try #require(FilterRegistry.named("gopher_repetition"))
        var values = Dictionary(uniqueKeysWithValues: type.keys.map { ($0.key, $0.defaultValue) })
        values.merge(settings(sizes)) { $1 }
        return FilterChain([FilterSpec(name: "gopher_repetition", settings: values)])
    }

    /// The values `inspect` measures (every size counted, no skip).
    static func measured(_ text: String) throws -> [String: Double] {
        var document = FilterDocument(text: Array(text.utf8))
        let results = try chain([.init(2, 1e9), .init(3, 1e9), .init(4, 1e9)]).measure(&document)
        return Dictionary(uniqueKeysWithValues: (results.first?.checks.measured ?? []).map { ($0.check, $0.value) })
    }

    @Test(arguments: texts)
    func boundIsNeverBelowTheCount(_ text: String) {
        var document = FilterDocument(text: Array(text.utf8))
        let words = document.words()
        let starts = document.wordCharStarts()
        document.text.withUnsafeBufferPointer { b in
            let hasher = NGramHasher(b, words: words, charStarts: starts, joinedUpTo: 4)
            let table = GramTable(capacity: words.count)
            var shorter = GopherRepetitionFilter.topGramChars(hasher, table, words.count, 2, at: nil).repeats
            for n in 3...4 where words.count >= n {
                let bound = GopherRepetitionFilter.topGramBound(hasher, shorter, n)
                let (chars, repeats) = GopherRepetitionFilter.topGramChars(hasher, table, words.count, n, at: shorter.at)
                let all = GopherRepetitionFilter.topGramChars(hasher, table, words.count, n, at: nil).chars
                #expect(chars == all, "n \(n): counting at the shorter size's repeats is counting everywhere")
                #expect(bound >= chars, "n \(n): bound \(bound) below the value \(chars)")
                // after a skipped size the next starts from the older repeats: still a bound
                if n == 3 && words.count >= 4 {
                    let four = GopherRepetitionFilter.topGramChars(hasher, table, words.count, 4, at: nil).chars
                    #expect(GopherRepetitionFilter.topGramBound(hasher, shorter, 4) >= four, "4 from 2's repeats")
                }
                shorter = repeats
            }
        }
    }

    @Test(arguments: texts)
    func skipKeepsTheDecisionAroundTheThreshold(_ text: String) throws {
        let values = try Self.measured(text)
        let length = Double(text.unicodeScalars.count)
        for n in [3, 4] {
            guard let value = values["top_\(n)_gram"] else { continue }
            // just below, at and just above the value, and where the bound usually lies (passes)
            for threshold in [value - 0.001, value, value + 0.001, value * 2, 1.0, 0.5 / length] where threshold >= 0 {
                var sizes = [NGramThreshold(2, 1e9), NGramThreshold(3, 1e9), NGramThreshold(4, 1e9)]
                sizes[n - 2] = NGramThreshold(n, threshold)
                var document = FilterDocument(text: Array(text.utf8))
                let reason = try Self.chain(sizes).run(&document)?.reason
                #expect(reason == (value > threshold ? "filter.gopher_repetition.top_\(n)_gram" : nil),
                        "n \(n), value \(value), threshold \(threshold)")
            }
        }
    }

    /// The default thresholds over the texts: the same reason with and without the skip (measure runs
    /// every count; its first failure is the reason run gives).
    @Test(arguments: texts)
    func defaultsDecideAsTheFullCount(_ text: String) throws {
        let sizes = [NGramThreshold(2, 0.2), NGramThreshold(3, 0.18), NGramThreshold(4, 0.16)]
        var measuredDocument = FilterDocument(text: Array(text.utf8))
        let failure = try Self.chain(sizes).measure(&measuredDocument).first?.checks.failure?.check
        var document = FilterDocument(text: Array(text.utf8))
        #expect(try Self.chain(sizes).run(&document)?.reason == failure.map { "filter.gopher_repetition.\($0)" })
    }
}
