import Testing
@testable import WinnowCore

@Suite struct UTF8ValidationTests {
    @Test func validText() {
        #expect(UTF8Validation.isValid(Array("plain ASCII that is longer than eight bytes".utf8)))
        #expect(UTF8Validation.isValid(Array("héllo — 日本語 😀 \u{10FFFF}".utf8)))
        #expect(UTF8Validation.isValid([]))
    }

    @Test(arguments: [
        ("stray Latin-1 byte", [0x61, 0xE9, 0x62] as [UInt8]),
        ("lone continuation", [0x80]),
        ("overlong 2-byte slash", [0xC0, 0xAF]),
        ("overlong 3-byte", [0xE0, 0x80, 0xAF]),
        ("overlong 4-byte", [0xF0, 0x80, 0x80, 0xAF]),
        ("UTF-16 surrogate", [0xED, 0xA0, 0x80]),
        ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("F5 lead byte", [0xF5, 0x80, 0x80, 0x80]),
        ("truncated 3-byte", [0xE6, 0x97]),
        ("truncated 4-byte", [0xF0, 0x9F, 0x98]),
    ])
    func invalidSequences(name: String, bytes: [UInt8]) {
        #expect(!UTF8Validation.isValid(bytes), "\(name)")
        // Also after a run of ASCII long enough to take the 8-byte fast path.
        #expect(!UTF8Validation.isValid(Array("0123456789abcdef".utf8) + bytes), "\(name) after ASCII")
    }

    /// The ASCII fast paths read 32 and 8 bytes at a time: a bad byte is found at every offset in
    /// and after those words, and a good multi-byte character anywhere is still accepted.
    @Test func everyOffsetOfTheFastPathsIsChecked() {
        let ascii = Array("The quick brown fox jumps over the lazy dog, twice over and back again.".utf8)
        for offset in 0...ascii.count {
            var bad = ascii
            bad.insert(0xFF, at: offset)
            #expect(!UTF8Validation.isValid(bad), "0xFF at \(offset)")
            var good = ascii
            good.insert(contentsOf: Array("é".utf8), at: offset)
            #expect(UTF8Validation.isValid(good), "é at \(offset)")
        }
    }

    @Test func sequenceLengths() {
        let bytes: [UInt8] = Array("aé日😀".utf8)
        #expect(UTF8Validation.sequenceLength(bytes, at: 0, end: bytes.count) == 1)
        #expect(UTF8Validation.sequenceLength(bytes, at: 1, end: bytes.count) == 2)
        #expect(UTF8Validation.sequenceLength(bytes, at: 3, end: bytes.count) == 3)
        #expect(UTF8Validation.sequenceLength(bytes, at: 6, end: bytes.count) == 4)
        // The same 4-byte sequence cut short by `end`.
        #expect(UTF8Validation.sequenceLength(bytes, at: 6, end: 9) == 0)
    }

    @Test func repairedReplacesEachInvalidByte() {
        let valid = Array("déjà vu".utf8)
        let unchanged = UTF8Validation.repaired(valid)
        #expect(unchanged.bytes == valid)
        #expect(unchanged.replaced == 0)

        let repaired = UTF8Validation.repaired([0x61, 0xFF, 0x62, 0xE6, 0x97, 0x63])
        #expect(repaired.bytes.utf8String == "a\u{FFFD}b\u{FFFD}\u{FFFD}c")
        #expect(repaired.replaced == 3)
        #expect(UTF8Validation.isValid(repaired.bytes))
    }
}
