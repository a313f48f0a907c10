/// Byte-level UTF-8 checks shared by the decoder and the JSON escaper.
public enum UTF8Validation {
    /// Length of the valid UTF-8 sequence starting at `i` (1...4), or 0 if the bytes there are not valid
    /// UTF-8 (overlong forms, surrogates, values above U+10FFFF and truncated sequences are all invalid).
    @inline(__always)
    public static func sequenceLength<C: Collection>(_ bytes: C, at i: Int, end: Int) -> Int where C.Element == UInt8, C.Index == Int {
        let b0 = bytes[i]
        if b0 < 0x80 { return 1 }
        if b0 < 0xC2 { return 0 }
        if b0 < 0xE0 {
            guard i + 1 < end, bytes[i + 1] & 0xC0 == 0x80 else { return 0 }
            return 2
        }
        if b0 < 0xF0 {
            guard i + 2 < end else { return 0 }
            let b1 = bytes[i + 1], b2 = bytes[i + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return 0 }
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }
            if b0 == 0xED && b1 >= 0xA0 { return 0 }
            return 3
        }
        if b0 < 0xF5 {
            guard i + 3 < end else { return 0 }
            let b1 = bytes[i + 1], b2 = bytes[i + 2], b3 = bytes[i + 3]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return 0 }
            if b0 == 0xF0 && b1 < 0x90 { return 0 }
            if b0 == 0xF4 && b1 >= 0x90 { return 0 }
            return 4
        }
        return 0
    }

    /// True when every byte belongs to a valid UTF-8 sequence.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        let end = bytes.count
        while i < end {
            // Fast path: skip ASCII 32 bytes, then eight bytes, at a time.
            if i + 32 <= end {
                let raw = UnsafeRawPointer(base + i)
                let any = raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                if any & 0x8080_8080_8080_8080 == 0 { i += 32; continue }
            }
            if i + 8 <= end {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let length = sequenceLength(bytes, at: i, end: end)
            if length == 0 { return false }
            i += length
        }
        return true
    }

    public static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }

    /// Copies `bytes`, replacing each invalid byte with U+FFFD. Returns the copy and how many were replaced.
    public static func repaired(_ bytes: [UInt8]) -> (bytes: [UInt8], replaced: Int) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var replaced = 0
        var i = 0
        let end = bytes.count
        while i < end {
            let length = sequenceLength(bytes, at: i, end: end)
            if length == 0 {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                replaced += 1
                i += 1
            } else {
                for k in 0..<length { out.append(bytes[i + k]) }
                i += length
            }
        }
        return (out, replaced)
    }
}
