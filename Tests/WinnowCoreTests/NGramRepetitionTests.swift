import Testing
@testable import WinnowCore

/// gopher_repetition's n-gram checks against datatrove's code written out plainly (`find_top_duplicate`
/// over a Counter of `" ".join` n-grams, `find_all_duplicate` over a set of `"".join` n-grams), on texts
/// made to hit the shortcuts: n-grams that repeat only as a longer or shorter one, concatenations that
/// are equal across different words ("ab c" / "a bc"), n-grams shorter than the prefix the duplicate
/// scan keys on, ties between equally frequent n-grams, and no repeats at all.
@Suite struct NGramRepetitionTests {
    static func topChars(_ words: [String], _ n: Int) -> Int {
        guard words.count >= n else { return 0 }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for i in 0...(words.count - n) {
            let gram = words[i..<i + n].joined(separator: " ")
            if counts[gram] == nil { order.append(gram) }
            counts[gram, default: 0] += 1
        }
        var best = order[0]
        for gram in order where counts[gram, default: 0] > counts[best, default: 0] { best = gram }
        return best.count * counts[best, default: 0]
    }

    static func duplicateChars(_ words: [String], _ n: Int) -> Int {
        var seen = Set<String>()
        var repeated = 0, i = 0
        while i < words.count - n + 1 {
            let gram = words[i..<i + n].joined()
            if seen.contains(gram) {
                repeated += gram.count
                i += n
            } else {
                seen.insert(gram)
                i += 1
            }
        }
        return repeated
    }

    /// Deterministic pseudo-random texts over a small vocabulary (so n-grams repeat) with the shapes above.
    static func texts() -> [String] {
        let vocabulary = ["a", "b", "ab", "c", "bc", "the", "of", "cat", "sat", "on", "mat", "é", "naïve", "x1", "word", "longerword", "it", "is"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        var texts = [
            "ab c d e f g h i j k l m a bc d e f g h i j k l m",
            "one two three four five six seven eight nine ten eleven twelve",
            "a b a b a b a b a b a b a b a b a b a b a b a b",
            "x y z x y w x y z x y w q r s t u v q r s t u v",
            "the cat sat on the mat and the cat sat on the hat then the dog sat on the mat",
        ]
        for size in [6, 20, 60, 200, 600] {
            for _ in 0..<4 {
                var words: [String] = []
                // A phrase copied a few times keeps the long n-grams repeating.
                let phrase = (0..<8).map { _ in vocabulary[next(vocabulary.count)] }
                while words.count < size {
                    if next(10) == 0 { words += phrase } else { words.append(vocabulary[next(vocabulary.count)]) }
                }
                texts.append(words.joined(separator: " "))
            }
        }
        return texts
    }

    @Test func measuredValuesEqualDatatrovesDefinitions() throws {
        let tops = (2...5).map { NGramThreshold($0, 1) }, dups = (2...10).map { NGramThreshold($0, 1) }
        let spec = try QualityFilterTests.spec("gopher_repetition", ["top_n_grams": .ngrams(tops), "dup_n_grams": .ngrams(dups)], neutral: true)
        for text in Self.texts() {
            var document = FilterDocument(text: Array(text.utf8))
            let words = document.words().map { String(decoding: document.text[$0], as: UTF8.self) }
            let length = Double(text.count)
            let results = FilterChain([spec]).measure(&document)
            let measured = Dictionary(results[0].checks.measured.map { ($0.check, $0.value) }) { a, _ in a }
            for t in tops where words.count >= t.n {
                #expect(measured["top_\(t.n)_gram"] == Double(Self.topChars(words, t.n)) / length, "top \(t.n): \(text)")
            }
            for t in dups {
                #expect(measured["dup_\(t.n)_gram"] == Double(Self.duplicateChars(words, t.n)) / length, "dup \(t.n): \(text)")
            }
        }
    }
}
