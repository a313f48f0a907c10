import Testing
@testable import WinnowCore

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let thousand = String(repeating: "0123456789", count: 100)
        #expect(thousand.utf8.count == 1000)
        #expect(SHA256.hex(thousand) == "ab6c5f3237f551d208fc2ca5225a4cca20b3fd638794a804f0ed5549d5041734")
    }

    /// Lengths around the 64-byte block and the 56-byte padding boundary.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
    ])
    func blockBoundaries(length: Int, digest: String) {
        #expect(SHA256.hex(String(repeating: "a", count: length)) == digest)
    }

    @Test func incrementalUpdatesEqualOneShot() {
        let text = String(repeating: "0123456789", count: 100)
        var hasher = SHA256()
        let bytes = Array(text.utf8)
        hasher.update(bytes[0..<7])
        hasher.update(bytes[7..<130])
        hasher.update(bytes[130...])
        #expect(Hex.encode(hasher.finalize()) == SHA256.hex(text))
        var bytesHasher = SHA256()
        bytesHasher.update(Array("abc".utf8))
        #expect(bytesHasher.finalize().count == 32)
    }

    @Test func hexEncoding() {
        #expect(Hex.encode([]) == "")
        #expect(Hex.encode([0x00, 0x0f, 0x10, 0xab, 0xff]) == "000f10abff")
    }
}
