import Testing
@testable import WinnowCore

/// C4's phrase scan, which jumps over the line, against the plain definition: each phrase searched for
/// at every position of the line with ASCII case folded.
@Suite struct PhraseScanTests {
    static func plain(_ line: [UInt8]) -> (lorem: Bool, javascript: Bool, policy: Bool, curly: Bool) {
        let lower = line.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func has(_ phrase: [UInt8]) -> Bool {
            guard lower.count >= phrase.count else { return false }
            return (0...(lower.count - phrase.count)).contains { Array(lower[$0..<($0 + phrase.count)]) == phrase }
        }
        return (has(PhraseScan.loremPhrase), has(PhraseScan.javascriptPhrase), PhraseScan.policies.contains(where: has), line.contains(0x7B))
    }

    static func check(_ line: [UInt8]) {
        let got = line.withUnsafeBufferPointer { PhraseScan($0) }
        let want = plain(line)
        #expect(got.lorem == want.lorem && got.javascript == want.javascript && got.policy == want.policy && got.curlyBracket == want.curly,
                "\(String(decoding: line, as: UTF8.self))")
    }

    @Test func fixedLines() {
        let lines = ["", "{", "javascript", "JavaScript", "JAVASCRIPT is off", "enable javascrip", "nojavascript here",
                     "Lorem Ipsum dolor", "lorem  ipsum", "xlorem ipsumx", "Terms of Use", "terms of us", "our PRIVACY policy",
                     "see cookie policy.", "this site uses cookies", "use of cookies", "we use cookies", "use cookie",
                     "a [b] c", "uses cookiesjavascriptlorem ipsum{", "ßjavascriptß", "日本語 javascript 日本語", "use cookies",
                     "javascript" + String(repeating: " ", count: 30) + "privacy policy"]
        for line in lines { Self.check(Array(line.utf8)) }
    }

    /// Random lines over the phrases' letters (in either case), spaces, other bytes that share their
    /// low five bits (`@`, `[`, `` ` ``, digits) and UTF-8, with phrases planted at every offset.
    @Test func randomLinesAgreeWithThePlainSearch() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet = Array("loremipsujavcrtfyk OLEMJAVSCRIPTUYK@[`{0123\u{E9}".utf8)
        for round in 0..<4000 {
            var line = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }
            if round % 2 == 0 {
                var phrase = PhraseScan.phrases[next(PhraseScan.phrases.count)]
                if round % 4 == 0 { phrase = phrase.map { $0 >= 0x61 && $0 <= 0x7A && next(2) == 0 ? $0 - 0x20 : $0 } }
                // sometimes cut short, so nearly-phrases are tested too
                if round % 3 == 0 { phrase.removeLast(next(3)) }
                line.insert(contentsOf: phrase, at: next(line.count + 1))
            }
            Self.check(line)
        }
    }
}
