/// Titles compared as words: ASCII letters and digits lowercased, other letters as they are, and
/// punctuation (ASCII, Latin-1 signs such as "®" and "¶", the dashes, quotes and bullets of U+2000–U+206F,
/// "™") between words. Each word is an FNV-1a hash, so comparing two titles is comparing small arrays.
enum TitleWords {
    static func of(_ text: String) -> [UInt64] {
        var hashes: [UInt64] = []
        var hash: UInt64 = 0xcbf29ce484222325
        var inWord = false
        func end() {
            if inWord { hashes.append(hash) }
            hash = 0xcbf29ce484222325
            inWord = false
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = ByteText.lower(UInt8(value))
                guard (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) else { end(); continue }
                hash = (hash ^ UInt64(byte)) &* 0x100000001b3
                inWord = true
            } else if value <= 0xBF || (value >= 0x2000 && value <= 0x206F) || value == 0x2122 || value == 0x3000 {
                end()
            } else {
                for byte in String(scalar).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
                inWord = true
            }
        }
        end()
        return hashes
    }

    /// True when `needle` occurs in `haystack` as a run of whole words.
    static func isRun(_ needle: [UInt64], in haystack: [UInt64]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// The words, lowercased, without punctuation ("The Motley-Fool" → ["the", "motley", "fool"]), to
    /// compare with host name labels.
    static func squashedWords(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            let lower = ByteText.lower(byte)
            if (lower >= 0x30 && lower <= 0x39) || (lower >= 0x61 && lower <= 0x7A) || lower >= 0x80 {
                current.append(lower)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }
}
