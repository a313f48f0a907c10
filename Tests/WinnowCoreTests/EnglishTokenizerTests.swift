import Testing
@testable import WinnowCore

/// Words and sentences as spaCy 3.8's blank English pipeline gives them (datatrove's English tokenizer);
/// each expectation is spaCy's own output for the input.
@Suite struct EnglishTokenizerTests {
    static func words(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b in EnglishTokenizer.shared.words(b).map { String(decoding: bytes[$0], as: UTF8.self) } }
    }

    static func sentences(_ text: String) -> Int {
        Array(text.utf8).withUnsafeBufferPointer { EnglishTokenizer.shared.sentenceCount($0) }
    }

    @Test func matchesSpaCy() {
        #expect(Self.words("Hello world. This is e.g. a test.") == ["Hello", "world", ".", "This", "is", "e.g.", "a", "test", "."])
        #expect(Self.words("don't U.S. (hello) \"quoted.\" end...") == ["do", "n't", "U.S.", "(", "hello", ")", "\"", "quoted", ".", "\"", "end", "..."])
        #expect(Self.words("my-site.com/path and http://x.org/a-b?c. A.B. ABC. 10km $5 5$ 3+4 a/b a:b x,y")
                == ["my-site.com/path", "and", "http://x.org/a-b?c", ".", "A.B.", "ABC", ".", "10", "km", "$", "5", "5", "$", "3", "+", "4",
                    "a", "/", "b", "a", ":", "b", "x", ",", "y"])
        #expect(Self.words("Mr. Smith.  Next") == ["Mr.", "Smith", ".", "Next"])
        #expect(Self.words("ok ... yes!!") == ["ok", "...", "yes", "!", "!"])
    }

    @Test func sentencesAsTheSentencizerSplitsThem() {
        #expect(Self.sentences("Hello world. This is e.g. a test.") == 2)
        #expect(Self.sentences("Mr. Smith.  Next") == 2)  // a run of spaces after "." starts a sentence
        #expect(Self.sentences("Wait!!! Really?") == 2)
        #expect(Self.sentences("no marks at all") == 1)
    }
}
