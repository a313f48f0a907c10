/// spaCy's blank English tokenizer (spaCy 3), which datatrove 0.10.1 uses for English words
/// (`split_into_words`) and, with spaCy's sentencizer, sentences (`split_into_sentences`): text split
/// at whitespace, then each piece stripped of prefixes and suffixes and split at infixes, with the
/// special cases ("don't" → "do" "n't", "e.g.", "U.S.") and URLs kept whole. The rules are spaCy's own
/// tables (`EnglishTokenizerTables`, generated); this walks scalars of UTF-8 text, no `String` work.
final class EnglishTokenizer: Sendable {
    /// A token as a byte range of the text; `isSpace` for the whitespace tokens spaCy makes of runs
    /// other than one space (datatrove drops them from words, the sentencizer sees them).
    struct Token: Sendable, Equatable {
        var start: Int
        var end: Int
        var isSpace: Bool
    }

    /// Up to five scalars (21 bits each) and the count packed, for looking literal affixes up without
    /// allocating (the longest of spaCy's is five scalars).
    struct Packed: Hashable, Sendable {
        var a: UInt64 = 0
        var b: UInt64 = 0
        init?(_ s: UnsafeBufferPointer<UInt32>, _ lo: Int, _ hi: Int) {
            guard hi - lo <= 5 else { return nil }
            for k in lo..<hi {
                let c = UInt64(s[k] & 0x1F_FFFF)
                let slot = k - lo
                if slot < 3 { a |= c << (21 * UInt64(slot)) } else { b |= c << (21 * UInt64(slot - 3)) }
            }
            b |= UInt64(hi - lo) << 42
        }
        var hash: UInt64 { mixHash(a &* 0x9E37_79B9_7F4A_7C15 ^ b) }
        init?(_ scalars: [UInt32]) {
            guard let p = scalars.withUnsafeBufferPointer({ Packed($0, 0, $0.count) }) else { return nil }
            self = p
        }
    }

    /// A literal affix: its place in spaCy's list (prefixes: the first match wins) and whether it is a
    /// currency or unit suffix, which only splits after a digit.
    struct Literal: Sendable {
        var key: Packed
        var order: Int
        var afterDigit: Bool
    }

    static let shared = EnglishTokenizer()

    let alpha = ScalarSet(ranges: EnglishTokenizerTables.alpha)
    let alphaLower = ScalarSet(ranges: EnglishTokenizerTables.alphaLower)
    let alphaUpper = ScalarSet(ranges: EnglishTokenizerTables.alphaUpper)
    let icon = ScalarSet(ranges: EnglishTokenizerTables.icon)
    let dotAfter = ScalarSet(ranges: EnglishTokenizerTables.dotAfter)
    let quotes = ScalarSet(scalars: EnglishTokenizerTables.quotes)
    let punct = ScalarSet(ranges: EnglishTokenizerTables.unicodePunct)
    let sentencePunct = ScalarSet(scalars: EnglishTokenizerTables.sentencePunct)
    let prefixLiterals: HashedTable<Literal>
    let suffixLiterals: HashedTable<Literal>
    /// Order of the pattern prefixes in spaCy's list: `\+(?![0-9])`, `\.\.+`, the icon class.
    let plusOrder: Int, dotsOrder: Int, iconOrder: Int
    let prefixFirst: ScalarSet
    let suffixLast: ScalarSet
    let maxPrefix: Int
    let maxSuffix: Int
    /// By the low byte of a piece's first (last) scalar: bit l set when a literal prefix (suffix) of l
    /// scalars could start (end) with it, so the look-ups try only those lengths.
    let prefixLengths: [UInt8]
    let suffixLengths: [UInt8]
    struct Special: Sendable {
        var key: [UInt32]
        var pieces: [Int]
    }
    /// Special cases by hash of their scalars: the scalars and the lengths of their pieces.
    let specials: HashedTable<Special>
    let specialLengths: ScalarSet
    /// First scalars of the special cases: most words are ruled out before hashing.
    let specialEnds: ScalarSet
    /// The special cases that start with an ASCII letter and end in ASCII, by shape: at
    /// `shapeIndex(first, last)`, bit min(length, 31) set for each length. An ASCII word whose shape
    /// has no such case (most words) is no special case, without hashing it.
    let specialShapes: [UInt32]
    /// spaCy's final special-case pass: special cases that its affix rules split ("Minn." → "Minn" ".",
    /// "):" → ")" ":") are put back together wherever those tokens stand side by side. By hash of the
    /// key: the key, the tokens the affix rules make of it, and the special case's pieces.
    struct Pattern: Sendable {
        var key: [UInt32]
        var tokens: [Int]
        var pieces: [Int]
    }
    let matcher: HashedTable<Pattern>
    let maxMatcherTokens: Int
    let usesSpecials: Bool
    /// ASCII bytes: `ByteClass` (Python whitespace, letter, other).
    let byteClasses: [UInt8]

    convenience init() { self.init(specials: true) }

    /// `specials: false`: affix rules only (spaCy's `_tokenize_affixes(string, False)`), to build the matcher.
    init(specials usesSpecials: Bool) {
        self.usesSpecials = usesSpecials
        byteClasses = (0..<128).map { b -> UInt8 in
            if PythonText.space.contains(UInt32(b)) { return ByteClass.space }
            return (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A ? ByteClass.letter : ByteClass.other
        }
        func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
        var prefixes: [Packed: Literal] = [:], suffixes: [Packed: Literal] = [:]
        var first: [UInt32] = [0x2B, 0x2E], last: [UInt32] = [0x2E, 0x2B]
        var plus = Int.max, dots = Int.max, icon = Int.max, longestPrefix = 1, longestSuffix = 1
        var prefixMasks = [UInt8](repeating: 0, count: 256), suffixMasks = [UInt8](repeating: 0, count: 256)
        for (order, name) in EnglishTokenizerTables.prefixes.enumerated() {
            switch name {
            case "@plus": plus = min(plus, order)
            case "@dots": dots = min(dots, order)
            case "@icon": icon = min(icon, order)
            default:
                let l = scalars(name)
                guard let key = Packed(l), prefixes[key] == nil else { continue }
                prefixes[key] = Literal(key: key, order: order, afterDigit: false)
                first.append(l[0])
                prefixMasks[Int(l[0] & 0xFF)] |= 1 << l.count
                longestPrefix = max(longestPrefix, l.count)
            }
        }
        for name in EnglishTokenizerTables.suffixes where !name.hasPrefix("@") {
            let l = scalars(name)
            guard let key = Packed(l) else { continue }
            suffixes[key] = Literal(key: key, order: 0, afterDigit: false)
            last.append(l[l.count - 1])
            suffixMasks[Int(l[l.count - 1] & 0xFF)] |= 1 << l.count
            longestSuffix = max(longestSuffix, l.count)
        }
        for name in EnglishTokenizerTables.units + EnglishTokenizerTables.currency {
            let l = scalars(name)
            guard let key = Packed(l), suffixes[key] == nil else { continue }
            suffixes[key] = Literal(key: key, order: 0, afterDigit: true)
            last.append(l[l.count - 1])
            suffixMasks[Int(l[l.count - 1] & 0xFF)] |= 1 << l.count
            longestSuffix = max(longestSuffix, l.count)
        }
        prefixLiterals = HashedTable(prefixes.map { ($0.key.hash, $0.value) })
        suffixLiterals = HashedTable(suffixes.map { ($0.key.hash, $0.value) })
        plusOrder = plus
        dotsOrder = dots
        iconOrder = icon
        prefixFirst = ScalarSet(scalars: Array(Set(first)))
        suffixLast = ScalarSet(scalars: Array(Set(last)))
        maxPrefix = longestPrefix
        maxSuffix = longestSuffix
        prefixLengths = prefixMasks
        suffixLengths = suffixMasks
        var entries: [(hash: UInt64, value: Special)] = []
        var lengths = Set<UInt32>(), firsts = Set<UInt32>()
        for line in EnglishTokenizerTables.exceptions.split(separator: "\n") {
            let pieces = line.split(separator: "\u{1}", omittingEmptySubsequences: false).map { $0.unicodeScalars.count }
            // compactMap, not filter: filtering a scalar view builds a String scalar by scalar.
            let key = line.unicodeScalars.compactMap { $0.value == 1 ? nil : $0.value }
            entries.append((key.withUnsafeBufferPointer { scalarHash($0, 0, $0.count) }, Special(key: key, pieces: pieces)))
            lengths.insert(UInt32(key.count))
            if let c = key.first { firsts.insert(c) }
        }
        specials = HashedTable(entries)
        var shapes = [UInt32](repeating: 0, count: 26 * 128)
        for entry in entries {
            let key = entry.value.key
            guard let first = key.first, let last = key.last, first < 0x80, last < 0x80,
                  let index = Self.shapeIndex(UInt8(first), UInt8(last)) else { continue }
            shapes[index] |= 1 &<< UInt32(truncatingIfNeeded: min(key.count, 31))
        }
        specialShapes = shapes
        specialLengths = ScalarSet(scalars: Array(lengths))
        specialEnds = ScalarSet(scalars: Array(firsts))
        var patterns: [(hash: UInt64, value: Pattern)] = []
        var longest = 0
        if usesSpecials {
            let plain = EnglishTokenizer(specials: false)
            for entry in entries {
                do {
                    let key = entry.value.key, pieces = entry.value.pieces
                    let text = Array(String(String.UnicodeScalarView(key.compactMap(Unicode.Scalar.init))).utf8)
                    var tokens: [Int] = []
                    text.withUnsafeBufferPointer { b in plain.tokenize(b) { token in tokens.append(PythonText.length(b, token.start..<token.end)) } }
                    guard tokens.count >= 2 else { continue }
                    patterns.append((entry.hash, Pattern(key: key, tokens: tokens, pieces: pieces)))
                    longest = max(longest, tokens.count)
                }
            }
        }
        matcher = HashedTable(patterns)
        maxMatcherTokens = longest
    }

    // MARK: - Words and sentences

    /// datatrove's `split_into_words` for English: the tokens, whitespace ones left out.
    func words(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(bytes.count / 5)
        tokenize(bytes) { token in if !token.isSpace { out.append(token.start..<token.end) } }
        return out
    }

    /// `len(split_into_sentences(text))`: spaCy's sentencizer over the tokens — a sentence starts at the
    /// first token after a sentence mark (. ! ? and the other scripts' marks) that is not punctuation itself.
    func sentenceCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var tokens: [Token] = []
        tokenize(bytes) { tokens.append($0) }
        return sentenceCount(bytes, tokens[...])
    }

    /// The sentences of a run of tokens of `bytes`: a line's tokens taken from the whole text's, which
    /// are the line's own tokens (tokens never cross whitespace, and lines end at whitespace).
    func sentenceCount(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: ArraySlice<Token>) -> Int {
        var count = 0, seenPeriod = false
        for token in tokens {
            if count == 0 { count = 1 }
            let (c, length) = PythonText.decode(bytes, token.start)
            // a sentence mark is a token of one scalar
            let inPunctChars = !token.isSpace && length == token.end - token.start && sentencePunct.contains(c)
            if seenPeriod {
                if !inPunctChars && !allPunctuation(bytes, token) {
                    count += 1
                    seenPeriod = false
                }
            } else if inPunctChars {
                seenPeriod = true
            }
        }
        return count
    }

    /// The sentencizer's `is_punct`: a non-space token made only of punctuation.
    @inline(__always)
    private func allPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Token) -> Bool {
        guard !token.isSpace else { return false }
        var i = token.start
        while i < token.end {
            let (c, length) = PythonText.decode(bytes, i)
            if !punct.contains(c) { return false }
            i += length
        }
        return true
    }

    // MARK: - Tokenizer

    /// Every token of `bytes` in order (valid UTF-8). The text is walked byte by byte: whitespace runs
    /// and pieces of ASCII letters (most English words) are decided on the bytes; only the other pieces
    /// are decoded to scalars for spaCy's affix, infix, URL and special-case rules.
    func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (Token) -> Void) {
        // The byte classes through a buffer pointer: no bounds check per byte (every index is < 128).
        byteClasses.withUnsafeBufferPointer { tokenize(bytes, $0, emit) }
    }

    private func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, _ classes: UnsafeBufferPointer<UInt8>, _ emit: (Token) -> Void) {
        let piece = Chunk(tokenizer: self)
        let space = PythonText.space
        let n = bytes.count
        /// Whether the scalar at `k` is Python whitespace, and its byte length.
        @inline(__always) func spaceAt(_ k: Int) -> (Bool, Int) {
            let b = bytes[k]
            if b < 0x80 { return (classes[Int(b)] == ByteClass.space, 1) }
            let (c, length) = PythonText.decode(bytes, k)
            return (space.contains(c), length)
        }
        guard let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var emitted = false
        while i < n {
            let (isSpace, length) = spaceAt(i)
            var j = i + length
            if isSpace {
                while j < n {
                    let (more, l) = spaceAt(j)
                    guard more else { break }
                    j += l
                }
                // One space after a token is its trailing space; the rest of the run is a token.
                let start = emitted && bytes[i] == 0x20 ? i + 1 : i
                if start < j { emit(Token(start: start, end: j, isSpace: true)) }
            } else {
                var letters = bytes[i] < 0x80 && classes[Int(bytes[i])] == ByteClass.letter
                while j < n {
                    // While the piece is letters, its next letters are stepped over eight bytes at a time.
                    if letters && j + 8 <= n {
                        let run = Self.leadingLetters(raw, j)
                        j += run
                        if run == 8 { continue }
                    }
                    let b = bytes[j]
                    if b < 0x80 {
                        let c = classes[Int(b)]
                        if c == ByteClass.space { break }
                        letters = letters && c == ByteClass.letter
                        j += 1
                    } else {
                        let (more, l) = spaceAt(j)
                        if more { break }
                        letters = false
                        j += l
                    }
                }
                // Only ASCII letters: no prefix, suffix, infix or URL rule applies (spaCy's letter-only
                // affixes are units, which split only after a digit), so the piece is one token unless
                // it is a special case ("cannot", "gonna").
                if letters && !isSpecial(bytes, i, j) {
                    emit(Token(start: i, end: j, isSpace: false))
                } else if j - i >= 2, splitsOffLast(bytes, i, j), !isSpecial(bytes, i, j), !isSpecial(bytes, i, j - 1) {
                    emit(Token(start: i, end: j - 1, isSpace: false))
                    emit(Token(start: j - 1, end: j, isSpace: false))
                } else {
                    piece.run(bytes, i, j, emit)
                }
                emitted = true
            }
            i = j
        }
    }

    /// How many of the eight bytes at `at` are ASCII letters before the first that is not (8: all).
    @inline(__always)
    static func leadingLetters(_ raw: UnsafeRawPointer, _ at: Int) -> Int {
        let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        // Per byte, with letters folded to lowercase: top bit set unless 0x61...0x7A. A byte of 0x80 or
        // more is marked by its own top bit; the carries it makes reach only the bytes after it.
        let x = w | 0x2020_2020_2020_2020
        let belowA = ~(x &+ 0x1F1F_1F1F_1F1F_1F1F) & 0x8080_8080_8080_8080
        let aboveZ = (x &+ 0x0505_0505_0505_0505) & 0x8080_8080_8080_8080
        let notLetter = w & 0x8080_8080_8080_8080 | belowA | aboveZ
        return notLetter.trailingZeroBitCount &>> 3
    }

    /// ASCII letters then one of `, ; : ! ? ) " '` (or `.` after a lowercase letter): the mark is the
    /// only suffix rule that matches (no longer literal suffix ends in it, and `.` splits after a
    /// lowercase letter), no prefix rule matches letters, and the letters are one token as above — so
    /// the piece is the letters and the mark, unless the piece or the letters are a special case (the
    /// special-case pass over two tokens looks only at the whole piece).
    @inline(__always)
    func splitsOffLast(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        let last = bytes[hi - 1]
        switch last {
        case 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x22, 0x27: break
        case 0x2E: guard bytes[hi - 2] &- 0x61 < 26 else { return false }
        default: return false
        }
        for k in lo..<(hi - 1) where bytes[k] >= 0x80 || (bytes[k] | 0x20) &- 0x61 >= 26 { return false }
        return true
    }

    enum ByteClass {
        static let other: UInt8 = 0, space: UInt8 = 1, letter: UInt8 = 2
    }

    /// Whether the ASCII piece `lo..<hi` of `bytes` is one of spaCy's special cases (as `Chunk.special`).
    @inline(__always)
    func isSpecial(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        if let index = Self.shapeIndex(bytes[lo], bytes[hi - 1]), specialShapes[index] & (1 &<< UInt32(truncatingIfNeeded: min(hi - lo, 31))) == 0 { return false }
        return hasSpecialCase(bytes, lo, hi)
    }

    /// `isSpecial` past the shape test: the look-up.
    @inline(never)
    private func hasSpecialCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        guard usesSpecials, specialLengths.contains(UInt32(hi - lo)), specialEnds.contains(UInt32(bytes[lo])) else { return false }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in lo..<hi { h = (h ^ UInt64(bytes[k])) &* 0x100_0000_01b3 }
        return specials.find(mixHash(h)) { special in
            special.key.count == hi - lo && special.key.withUnsafeBufferPointer { key in (0..<key.count).allSatisfy { key[$0] == UInt32(bytes[lo + $0]) } }
        } != nil
    }

    /// Where a piece starting with ASCII letter `first` and ending in ASCII `last` has its bit in
    /// `specialShapes` (letters folded to lowercase); nil for other first or last bytes.
    @inline(__always)
    static func shapeIndex(_ first: UInt8, _ last: UInt8) -> Int? {
        let f = (first | 0x20) &- 0x61
        guard first < 0x80, f < 26, last < 0x80 else { return nil }
        let l = (last | 0x20) &- 0x61 < 26 ? last | 0x20 : last
        return Int(f) * 128 + Int(l)
    }

    /// The tokenizer's rules for one whitespace-free piece, on its scalars (decoded into buffers kept
    /// from piece to piece); token offsets are the text's bytes. One per `tokenize` call, never shared
    /// nor reentered: its properties skip the runtime exclusivity checks (two calls for each access,
    /// a sixth of the tokenizer's instructions on the pieces that get here).
    private final class Chunk {
        /// The piece's scalars, and the byte offset of each in the text (one more: the piece's end).
        @exclusivity(unchecked) private(set) var s = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
        @exclusivity(unchecked) private(set) var offsets = UnsafeBufferPointer<Int>(start: nil, count: 0)
        @exclusivity(unchecked) private var scalarStorage: UnsafeMutablePointer<UInt32>
        @exclusivity(unchecked) private var offsetStorage: UnsafeMutablePointer<Int>
        @exclusivity(unchecked) private var capacity = 64
        let tokenizer: EnglishTokenizer
        @exclusivity(unchecked) var prefixStack: [(Int, Int)] = []
        @exclusivity(unchecked) var suffixStack: [(Int, Int)] = []
        /// The current piece's tokens (scalar ranges) before the special-case pass; nil pieces: a plain token.
        @exclusivity(unchecked) var pending: [(lo: Int, hi: Int)] = []
        @exclusivity(unchecked) var spans: [(start: Int, end: Int, pieces: [Int])] = []

        init(tokenizer: EnglishTokenizer) {
            self.tokenizer = tokenizer
            scalarStorage = .allocate(capacity: capacity)
            offsetStorage = .allocate(capacity: capacity + 1)
        }

        deinit {
            scalarStorage.deallocate()
            offsetStorage.deallocate()
        }

        /// Tokens of the piece `start..<end` of `bytes`.
        func run(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ emit: (Token) -> Void) {
            if end - start > capacity {
                scalarStorage.deallocate()
                offsetStorage.deallocate()
                capacity = end - start
                scalarStorage = .allocate(capacity: capacity)
                offsetStorage = .allocate(capacity: capacity + 1)
            }
            var i = start, count = 0
            while i < end {
                let (c, length) = PythonText.decode(bytes, i)
                scalarStorage[count] = c
                offsetStorage[count] = i
                count += 1
                i += length
            }
            offsetStorage[count] = end
            s = UnsafeBufferPointer(start: scalarStorage, count: count)
            offsets = UnsafeBufferPointer(start: offsetStorage, count: count + 1)
            pending.removeAll(keepingCapacity: true)
            split(0, count)
            flush(emit)
        }

        func emitRange(_ lo: Int, _ hi: Int) { pending.append((lo, hi)) }

        func emitSpecial(_ lo: Int, _ pieces: [Int]) {
            var p = lo
            for length in pieces where length > 0 {
                emitRange(p, p + length)
                p += length
            }
        }

        /// The piece's tokens after spaCy's special-case pass (longest matches first, then earliest).
        func flush(_ emit: (Token) -> Void) {
            let t = tokenizer
            if !spans.isEmpty { spans.removeAll(keepingCapacity: true) }
            if pending.count >= 2 && t.maxMatcherTokens >= 2 {
                for i in 0..<(pending.count - 1) {
                    guard t.specialEnds.contains(s[pending[i].lo]) else { continue }
                    var h: UInt64 = 0xcbf2_9ce4_8422_2325
                    for c in s[pending[i].lo..<pending[i].hi] { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
                    for j in (i + 1)..<min(pending.count, i + t.maxMatcherTokens) {
                        for c in s[pending[j].lo..<pending[j].hi] { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
                        let lo = pending[i].lo, hi = pending[j].hi
                        guard t.specialLengths.contains(UInt32(hi - lo)) else { continue }
                        let found = t.matcher.find(mixHash(h)) { c in
                            c.tokens.count == j - i + 1 && c.key.count == hi - lo && c.key.elementsEqual(UnsafeBufferPointer(rebasing: s[lo..<hi]))
                                && zip(c.tokens, pending[i...j]).allSatisfy({ $0 == $1.hi - $1.lo })
                        }
                        if let found { spans.append((i, j + 1, found.pieces)) }
                    }
                }
            }
            if spans.isEmpty {
                for (lo, hi) in pending { emit(Token(start: offsets[lo], end: offsets[hi], isSpace: false)) }
                return
            }
            // spaCy's filter_spans: longest first, earlier first among equals, no overlaps.
            spans.sort { ($0.end - $0.start, -$0.start) > ($1.end - $1.start, -$1.start) }
            var taken = [Bool](repeating: false, count: pending.count)
            var startsAt = [Int: (end: Int, pieces: [Int])]()
            for span in spans where !taken[span.start..<span.end].contains(true) {
                for k in span.start..<span.end { taken[k] = true }
                startsAt[span.start] = (span.end, span.pieces)
            }
            var i = 0
            while i < pending.count {
                if let span = startsAt[i] {
                    var p = pending[i].lo
                    for length in span.pieces where length > 0 {
                        emit(Token(start: offsets[p], end: offsets[p + length], isSpace: false))
                        p += length
                    }
                    i = span.end
                } else {
                    emit(Token(start: offsets[pending[i].lo], end: offsets[pending[i].hi], isSpace: false))
                    i += 1
                }
            }
        }

        func special(_ lo: Int, _ hi: Int) -> [Int]? {
            let t = tokenizer
            guard t.usesSpecials, t.specialLengths.contains(UInt32(hi - lo)), t.specialEnds.contains(s[lo]) else { return nil }
            // The shape test of `isSpecial` (the table's lengths are in scalars): most pieces that
            // start with an ASCII letter and end in ASCII are ruled out without hashing.
            if s[lo] < 0x80, s[hi - 1] < 0x80, let index = EnglishTokenizer.shapeIndex(UInt8(s[lo]), UInt8(s[hi - 1])),
               t.specialShapes[index] & (1 &<< UInt32(truncatingIfNeeded: min(hi - lo, 31))) == 0 { return nil }
            let n = hi - lo
            return t.specials.find(scalarHash(s, lo, hi)) { $0.key.count == n && $0.key.elementsEqual(UnsafeBufferPointer(rebasing: s[lo..<hi])) }?.pieces
        }

        /// spaCy's `_split_affixes` then `_attach_tokens` for one whitespace-free piece.
        func split(_ start: Int, _ end: Int) {
            var lo = start, hi = end
            if !prefixStack.isEmpty { prefixStack.removeAll(keepingCapacity: true) }
            if !suffixStack.isEmpty { suffixStack.removeAll(keepingCapacity: true) }
            var remainder: [Int]? = nil
            var lastSize = -1
            while lo < hi && hi - lo != lastSize {
                if let pieces = special(lo, hi) { remainder = pieces; break }
                lastSize = hi - lo
                let pre = prefixLength(lo, hi)
                if pre > 0 && lo + pre < hi, let pieces = special(lo + pre, hi) {
                    prefixStack.append((lo, lo + pre)); lo += pre; remainder = pieces; break
                }
                let suf = suffixLength(lo + pre, hi)
                if suf > 0 && hi - suf > lo, let pieces = special(lo, hi - suf) {
                    suffixStack.append((hi - suf, hi)); hi -= suf; remainder = pieces; break
                }
                if pre > 0 && suf > 0 && pre + suf <= hi - lo {
                    prefixStack.append((lo, lo + pre)); suffixStack.append((hi - suf, hi)); lo += pre; hi -= suf
                } else if pre > 0 {
                    prefixStack.append((lo, lo + pre)); lo += pre
                } else if suf > 0 {
                    suffixStack.append((hi - suf, hi)); hi -= suf
                }
            }
            for (a, b) in prefixStack { emitRange(a, b) }
            if lo < hi {
                if let pieces = remainder ?? special(lo, hi) {
                    emitSpecial(lo, pieces)
                } else if isURL(lo, hi) {
                    emitRange(lo, hi)
                } else {
                    splitInfixes(lo, hi)
                }
            }
            for (a, b) in suffixStack.reversed() { emitRange(a, b) }
        }

        @inline(__always) func digit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

        /// `prefix_search`: the first of spaCy's prefix rules, in its order, that matches at the start.
        func prefixLength(_ lo: Int, _ hi: Int) -> Int {
            let c = s[lo]
            let t = tokenizer
            guard t.prefixFirst.contains(c) || t.icon.contains(c) else { return 0 }
            var best = Int.max, length = 0
            let mask = t.prefixLengths[Int(c & 0xFF)]
            for l in 1...min(t.maxPrefix, hi - lo) where mask & (1 << l) != 0 {
                if let key = Packed(s, lo, lo + l), let literal = t.prefixLiterals.find(key.hash, { $0.key == key }), literal.order < best { best = literal.order; length = l }
            }
            if c == 0x2B && !(lo + 1 < hi && digit(s[lo + 1])) && t.plusOrder < best { best = t.plusOrder; length = 1 }
            if c == 0x2E && lo + 1 < hi && s[lo + 1] == 0x2E && t.dotsOrder < best {
                var k = lo + 2
                while k < hi && s[k] == 0x2E { k += 1 }
                best = t.dotsOrder
                length = k - lo
            }
            if t.icon.contains(c) && t.iconOrder < best { length = 1 }
            return length
        }

        /// `suffix_search`: the leftmost position from which one of the suffix rules matches to the end.
        func suffixLength(_ lo: Int, _ hi: Int) -> Int {
            guard hi > lo else { return 0 }
            let t = tokenizer
            let last = s[hi - 1]
            if last == 0x2E && hi - 2 >= lo && s[hi - 2] == 0x2E {
                var k = hi - 2
                while k > lo && s[k - 1] == 0x2E { k -= 1 }
                return hi - k
            }
            guard t.suffixLast.contains(last) || t.icon.contains(last) else { return 0 }
            let mask = t.suffixLengths[Int(last & 0xFF)]
            for start in max(lo, hi - t.maxSuffix)..<hi where mask & (1 << (hi - start)) != 0 {
                if let key = Packed(s, start, hi), let literal = t.suffixLiterals.find(key.hash, { $0.key == key }), !literal.afterDigit || (start > lo && digit(s[start - 1])) {
                    return hi - start
                }
            }
            // the one-character pattern rules
            if t.icon.contains(last) { return 1 }
            let before: UInt32 = hi - 2 >= lo ? s[hi - 2] : 0
            if last == 0x2B && hi - 2 >= lo && digit(before) { return 1 }
            guard last == 0x2E, hi - 2 >= lo else { return 0 }
            if hi - 3 >= lo && s[hi - 3] == 0xB0 && (before | 0x20 == 0x66 || before | 0x20 == 0x63 || before | 0x20 == 0x6B) { return 1 }
            if t.dotAfter.contains(before) { return 1 }
            if hi - 3 >= lo && t.alphaUpper.contains(before) && t.alphaUpper.contains(s[hi - 3]) { return 1 }
            return 0
        }

        /// spaCy's infix rules at `p`: the end of the infix, or nil.
        func infix(at p: Int, _ lo: Int, _ hi: Int) -> Int? {
            let c = s[p]
            // ASCII letters and digits start no infix: the common case, decided at once.
            if c < 0x80 && ((c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)) { return nil }
            let before: UInt32? = p > lo ? s[p - 1] : nil
            let after: UInt32? = p + 1 < hi ? s[p + 1] : nil
            if c == 0x2E, after == 0x2E {
                var k = p + 2
                while k < hi && s[k] == 0x2E { k += 1 }
                return k
            }
            if c == 0x2026 || tokenizer.icon.contains(c) { return p + 1 }
            guard let before else { return nil }
            if digit(before) && (c == 0x2B || c == 0x2D || c == 0x2A || c == 0x5E), let after, digit(after) || after == 0x2D { return p + 1 }
            if c == 0x2E, tokenizer.alphaLower.contains(before) || tokenizer.quotes.contains(before),
               let after, tokenizer.alphaUpper.contains(after) || tokenizer.quotes.contains(after) { return p + 1 }
            if c == 0x2C, tokenizer.alpha.contains(before), let after, tokenizer.alpha.contains(after) { return p + 1 }
            guard tokenizer.alpha.contains(before) || digit(before) else { return nil }
            // HYPHENS in spaCy's order: - – — -- --- —— ~ (each must be followed by a letter).
            if c == 0x2D || c == 0x2013 || c == 0x2014 || c == 0x7E {
                // regex alternation order: - – — -- --- —— ~, the first followed by a letter wins
                func letter(_ end: Int) -> Bool { end < hi && tokenizer.alpha.contains(s[end]) }
                func run(_ x: UInt32, _ k: Int) -> Bool { p + k <= hi && (0..<k).allSatisfy { s[p + $0] == x } }
                if c == 0x2D { for k in 1...3 where run(0x2D, k) && letter(p + k) { return p + k } }
                if c == 0x2013 && letter(p + 1) { return p + 1 }
                if c == 0x2014 { for k in 1...2 where run(0x2014, k) && letter(p + k) { return p + k } }
                if c == 0x7E && letter(p + 1) { return p + 1 }
            }
            if c == 0x3A || c == 0x3C || c == 0x3E || c == 0x3D || c == 0x2F, let after, tokenizer.alpha.contains(after) { return p + 1 }
            return nil
        }

        func splitInfixes(_ lo: Int, _ hi: Int) {
            var start = lo, p = lo
            while p < hi {
                guard let end = infix(at: p, lo, hi) else { p += 1; continue }
                if p != lo {  // an infix at the very start stays with what follows (spaCy skips it)
                    if p != start { emitRange(start, p) }
                    emitRange(p, end)
                    start = end
                }
                p = end
            }
            if start < hi { emitRange(start, hi) }
        }

        /// spaCy's URL_MATCH, as far as it decides tokens: [scheme://][user@]host.tld[:port][/?#rest].
        func isURL(_ lo: Int, _ hi: Int) -> Bool {
            // a host has a dot before its top-level domain
            guard (lo..<hi).contains(where: { s[$0] == 0x2E }) else { return false }
            var hostStart = lo
            // scheme: [\w+\-.]{2,}://
            var k = lo
            while k < hi && (tokenizer.alpha.contains(s[k]) || digit(s[k]) || s[k] == 0x5F || s[k] == 0x2B || s[k] == 0x2D || s[k] == 0x2E) { k += 1 }
            if k - lo >= 2 && k + 2 < hi && s[k] == 0x3A && s[k + 1] == 0x2F && s[k + 2] == 0x2F { hostStart = k + 3 }
            if let at = (hostStart..<hi).last(where: { s[$0] == 0x40 }), at > hostStart, matchesHost(at + 1, hi) { return true }
            return matchesHost(hostStart, hi)
        }

        func matchesHost(_ lo: Int, _ hi: Int) -> Bool {
            func hostChar(_ c: UInt32) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || digit(c) || (c >= 0xA1 && c <= 0xFFFF) }
            var end = lo
            while end < hi && s[end] != 0x3A && s[end] != 0x2F && s[end] != 0x3F && s[end] != 0x23 { end += 1 }
            // labels "x." then a TLD of 2–63 lowercase letters
            guard let lastDot = (lo..<end).last(where: { s[$0] == 0x2E }), lastDot > lo else { return false }
            let tld = end - lastDot - 1
            guard tld >= 2 && tld <= 63, (lastDot + 1..<end).allSatisfy({ tokenizer.alphaLower.contains(s[$0]) }) else { return false }
            var labelStart = lo
            for q in lo...lastDot where s[q] == 0x2E {
                let length = q - labelStart
                guard length >= 1 && length <= 64, hostChar(s[labelStart]), hostChar(s[q - 1]) else { return false }
                for r in labelStart..<q where !(hostChar(s[r]) || s[r] == 0x5F || s[r] == 0x2D) { return false }
                labelStart = q + 1
            }
            guard end < hi else { return true }
            var rest = end
            if s[rest] == 0x3A {
                var d = rest + 1
                while d < hi && digit(s[d]) { d += 1 }
                guard d - rest - 1 >= 2 && d - rest - 1 <= 5 else { return false }
                rest = d
            }
            return rest == hi || s[rest] == 0x2F || s[rest] == 0x3F || s[rest] == 0x23
        }
    }
}
