import Foundation

/// Small byte-level text helpers for the hot paths (no per-Character String work).
public enum ByteText {
    /// The decimal number written in `bytes[range]` (ASCII digits only), or nil (also past the end).
    static func decimal(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.upperBound <= bytes.count else { return nil }
        var value = 0
        for i in range {
            guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return nil }
            value = value * 10 + Int(bytes[i] - 0x30)
        }
        return value
    }

    @inline(__always)
    public static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    @inline(__always)
    public static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    @inline(__always) public static func isASCIIUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    @inline(__always) public static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) public static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) public static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool { isASCIILetter(byte) || isASCIIDigit(byte) }

    public static func equalsIgnoringASCIICase<C: Collection>(_ bytes: C, _ ascii: StaticString) -> Bool where C.Element == UInt8 {
        ascii.withUTF8Buffer { other in
            guard bytes.count == other.count else { return false }
            return zip(bytes, other).allSatisfy { lower($0) == lower($1) }
        }
    }

    /// True if `needle` (lowercase ASCII) occurs in `haystack`, compared case-insensitively.
    public static func containsIgnoringASCIICase<C: Collection>(_ haystack: C, _ needle: [UInt8]) -> Bool where C.Element == UInt8, C.Index == Int {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            if lower(haystack[i]) == first {
                var k = 1
                while k < needle.count && lower(haystack[i + k]) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Collapses runs of whitespace (ASCII and U+00A0) to one space and trims both ends.
    public static func normalizeWhitespace<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8, C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let byte = bytes[i]
            if isSpace(byte) {
                pendingSpace = true
                i += 1
                continue
            }
            // U+00A0 NO-BREAK SPACE (C2 A0) counts as a space.
            if byte == 0xC2 && i + 1 < end && bytes[i + 1] == 0xA0 {
                pendingSpace = true
                i += 2
                continue
            }
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
            i += 1
        }
        return out
    }

    /// Number of Unicode scalars in valid UTF-8 (bytes that are not continuation bytes).
    public static func scalarCount<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Text length in Latin-equivalent characters, for length thresholds that must work across scripts:
    /// a CJK or Hangul character (UTF-8 lead bytes E3–ED: U+3000–U+DFFF) carries about as much as three
    /// Latin letters, so it counts three. Every other scalar counts one.
    @inline(__always)
    public static func weightedLength<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += (byte >= 0xE3 && byte <= 0xED) ? 3 : 1 }
        return count
    }

    /// Every place where `name` (lowercase ASCII) occurs in `bytes`, any case, followed by optional
    /// spaces and `separator`: calls `body` with the index just after the separator (spaces skipped);
    /// stops when `body` returns true, and returns whether it did. Reads `display: none` in a style and
    /// `charset=utf-8` in a meta tag alike.
    public static func forEachDeclaration<C: Collection>(of name: [UInt8], separator: UInt8, in bytes: C,
                                                        _ body: (Int) -> Bool) -> Bool where C.Element == UInt8, C.Index == Int {
        var i = bytes.startIndex
        while i + name.count <= bytes.endIndex {
            var k = 0
            while k < name.count && lower(bytes[i + k]) == name[k] { k += 1 }
            if k == name.count {
                var j = i + k
                while j < bytes.endIndex && isSpace(bytes[j]) { j += 1 }
                if j < bytes.endIndex && bytes[j] == separator {
                    j += 1
                    while j < bytes.endIndex && isSpace(bytes[j]) { j += 1 }
                    if body(j) { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// Number of whitespace-separated words.
    public static func wordCount<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        // A word starts at a non-space byte after a space (or at the start): count those edges.
        var count = 0
        var previousSpace = 1
        spaceTable.withUnsafeBufferPointer { table in
            for byte in bytes {
                let space = table[Int(byte)]
                count &+= previousSpace & (space ^ 1)
                previousSpace = space
            }
        }
        return count
    }

    /// 1 for the bytes `isSpace` accepts, by byte value.
    private static let spaceTable: [Int] = (0..<256).map { isSpace(UInt8($0)) ? 1 : 0 }
}

/// Whitespace trimming without Foundation's CharacterSet (which was a hot spot in metadata): Unicode
/// White_Space is the same set as `.whitespacesAndNewlines` (categories Z*, U+0009–U+000D, U+0085).
public enum WhitespaceTrim {
    public static func trimmed(_ text: String) -> String { trimmed(Substring(text)) }

    public static func trimmed(_ text: Substring) -> String {
        let utf8 = text.utf8
        // Most values need nothing: ASCII, not blank, at both ends.
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80, first > 0x20, last > 0x20 { return String(text) }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(Substring(scalars[first...last]))
    }
}

/// Substring search on raw bytes: memchr finds candidates for the first byte, then the rest is compared.
public enum ByteSearch {
    /// `String.contains` on UTF-8 bytes (Foundation's version goes through NSString).
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { contains(h, $0) } }
    }

    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count, let base = haystack.baseAddress, let needleBase = needle.baseAddress else { return false }
        var offset = 0
        let lastStart = haystack.count - needle.count
        while offset <= lastStart {
            guard let hit = memchr(base + offset, Int32(first), lastStart - offset + 1) else { return false }
            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + position, needleBase, needle.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }
}
