import Foundation

/// A set of Unicode scalars given as sorted closed ranges (the generated tables), with a table for
/// ASCII so the common case costs one load.
struct ScalarSet: @unchecked Sendable {
    // Immutable after init and never freed (the sets live as long as the process): plain pointers
    // keep the hot lookups free of reference counting.
    private let ranges: UnsafeBufferPointer<UInt32>
    private let ascii: UnsafeBufferPointer<Bool>

    /// `ranges`: flattened closed ranges (lo, hi, lo, hi, …), sorted.
    init(ranges: [UInt32]) {
        let storedRanges = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: ranges.count)
        _ = storedRanges.initialize(from: ranges)
        self.ranges = UnsafeBufferPointer(storedRanges)
        var ascii = [Bool](repeating: false, count: 128)
        var i = 0
        while i + 1 < ranges.count {
            var c = ranges[i]
            while c <= ranges[i + 1] && c < 128 { ascii[Int(c)] = true; c += 1 }
            i += 2
        }
        let storedASCII = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 128)
        _ = storedASCII.initialize(from: ascii)
        self.ascii = UnsafeBufferPointer(storedASCII)
    }

    init(scalars: [UInt32]) { self.init(ranges: scalars.sorted().flatMap { [$0, $0] }) }

    @inline(__always)
    func contains(_ c: UInt32) -> Bool {
        if c < 128 { return ascii[Int(c)] }
        var lo = 0, hi = ranges.count / 2
        while lo < hi {
            let mid = (lo + hi) / 2
            if c > ranges[2 * mid + 1] { lo = mid + 1 } else if c < ranges[2 * mid] { hi = mid } else { return true }
        }
        return false
    }
}

/// Python's character classes on scalars, for the definitions datatrove's filters use.
enum PythonText {
    static let space = ScalarSet(ranges: EnglishTokenizerTables.pythonSpace)
    static let alpha = ScalarSet(ranges: EnglishTokenizerTables.pythonAlpha)

    /// Decodes one scalar of valid UTF-8 at `i`; returns it and its byte length.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = bytes.count
        if b0 < 0xE0, i + 1 < n { return ((b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < n { return ((b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3) }
        if i + 3 < n { return ((b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F), 4) }
        return (0xFFFD, 1)  // truncated sequence: only on invalid input, which the decode stage rules out
    }

    /// The scalar that ends just before byte `end` (valid UTF-8), and its start.
    @inline(__always)
    static func decodeBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> (scalar: UInt32, start: Int) {
        var start = end - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return (decode(bytes, start).scalar, start)
    }

    /// Python's `str.isspace()` for one scalar (ASCII: \t \n \v \f \r, \x1c–\x1f and space, decided
    /// without the table).
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        if c < 0x80 { return c == 0x20 || (c &- 0x09) < 5 || (c &- 0x1C) < 4 }
        return space.contains(c)
    }

    /// `s.strip()`: the byte range without leading and trailing Python whitespace.
    static func strip(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let (c, n) = decode(bytes, lo)
            guard isSpace(c) else { break }
            lo += n
        }
        while hi > lo {
            let (c, start) = decodeBefore(bytes, hi)
            guard isSpace(c) else { break }
            hi = start
        }
        return lo..<hi
    }

    /// `len(s)`: scalars in a byte range (valid UTF-8): its bytes less the continuation bytes
    /// (10xxxxxx), counted eight bytes at a time.
    @inline(__always)
    static func length(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress, !range.isEmpty else { return 0 }
        let raw = UnsafeRawPointer(base)
        var i = range.lowerBound, continuation = 0
        let end = range.upperBound
        if range.count <= 8 && i + 8 <= bytes.count {
            // A word or short line: one 8-byte load, masked to the range.
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let mask = UInt64.max &>> UInt64(truncatingIfNeeded: 64 - 8 * range.count)
            let marks = ((w & ~(w << 1) & 0x8080_8080_8080_8080 & mask) >> 7) &* 0x0101_0101_0101_0101
            return range.count - Int(truncatingIfNeeded: marks >> 56)
        }
        while i + 8 <= end {
            // Each byte's top bit and the bit below it: 10 marks a continuation byte. Per byte 0 or 1,
            // summed in each byte lane for up to 255 words, then across the lanes (in 16-bit pairs).
            var lanes: UInt64 = 0
            var words = 0
            while i + 8 <= end && words < 255 {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                lanes &+= (w & ~(w << 1) & 0x8080_8080_8080_8080) >> 7
                i += 8
                words += 1
            }
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            continuation += Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
        }
        while i < end {
            if base[i] & 0xC0 == 0x80 { continuation += 1 }
            i += 1
        }
        return range.count - continuation
    }

    /// Offsets of the continuation bytes (10xxxxxx) of `bytes`, in order; ASCII is stepped over eight
    /// bytes at a time.
    static func continuationBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var out: [Int] = []
        guard let base = bytes.baseAddress else { return out }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i < bytes.count {
            if i + 8 <= bytes.count && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            if base[i] & 0xC0 == 0x80 { out.append(i) }
            i += 1
        }
        return out
    }

    /// `str.splitlines()` boundaries: \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029; no empty last line.
    static func splitLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0, i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return [] }
        let raw = UnsafeRawPointer(base)
        lineBreakStarts.withUnsafeBufferPointer { starts in
            while i < n {
                // Eight bytes at a time while none is below 0x20 or above 0x7F (every break starts so).
                if i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if ((w &- 0x2020_2020_2020_2020) & ~w | w) & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                let b = bytes[i]
                guard starts[Int(b)] else { i += 1; continue }
                var breakLength = 0
                switch b {
                case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E: breakLength = 1
                case 0x0D: breakLength = i + 1 < n && bytes[i + 1] == 0x0A ? 2 : 1
                case 0xC2 where i + 1 < n && bytes[i + 1] == 0x85: breakLength = 2
                case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9): breakLength = 3
                default: break
                }
                if breakLength > 0 {
                    lines.append(start..<i)
                    i += breakLength
                    start = i
                } else {
                    i += 1
                }
            }
        }
        if start < n { lines.append(start..<n) }
        return lines
    }

    /// Bytes that can start a line break of `splitLines`.
    static let lineBreakStarts: [Bool] = (0..<256).map { [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0xC2, 0xE2].contains($0) }

    /// `re.split("\n{min,}", s)`: pieces between runs of at least `min` newlines (empty pieces kept).
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, newlineRunsOf min: Int) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound, i = range.lowerBound
        guard let base = bytes.baseAddress else { return [range] }
        while i < range.upperBound {
            // memchr finds the next newline many bytes at a time
            guard let hit = memchr(base + i, 0x0A, range.upperBound - i) else { break }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var j = i
            while j < range.upperBound && bytes[j] == 0x0A { j += 1 }
            if j - i >= min {
                pieces.append(start..<i)
                start = j
            }
            i = j
        }
        pieces.append(start..<range.upperBound)
        return pieces
    }

    /// `s.count(needle)`: non-overlapping occurrences.
    static func count(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Int {
        guard let first = needle.first, bytes.count >= needle.count, let base = bytes.baseAddress else { return 0 }
        var count = 0, i = 0
        let last = bytes.count - needle.count
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { break }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < needle.count && bytes[i + k] == needle[k] { k += 1 }
            if k == needle.count { count += 1; i += needle.count } else { i += 1 }
        }
        return count
    }

    /// `s.endswith(x)` for byte strings.
    @inline(__always)
    static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ suffix: [UInt8]) -> Bool {
        guard range.count >= suffix.count else { return false }
        let base = range.upperBound - suffix.count
        for k in 0..<suffix.count where bytes[base + k] != suffix[k] { return false }
        return true
    }

    @inline(__always)
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ prefix: [UInt8]) -> Bool {
        guard range.count >= prefix.count else { return false }
        for k in 0..<prefix.count where bytes[range.lowerBound + k] != prefix[k] { return false }
        return true
    }
}
