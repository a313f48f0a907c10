/// The bytes a whole-line match of a regex can start with, found by a conservative look at the
/// pattern: literals, escapes (`\d`, `\s`, `\w`), simple classes, groups with alternatives, and
/// optional parts (`?`, `*`, `{0,…}`) are understood; anything else (`.`, negated classes, `\S`,
/// inline flags, back-references) means "any byte" and gives no shortcut. Line rules skip the regex
/// engine for a line whose first byte is not in the set. Case-insensitive patterns also admit every
/// non-ASCII byte (Unicode case folding maps "k" to the Kelvin sign, for one).
enum RegexFirstBytes {
    /// 256 flags, or nil when the pattern could start with any byte (or was not understood).
    static func of(_ pattern: String, caseInsensitive: Bool) -> [Bool]? {
        var parser = Parser(p: Array(pattern.utf8), caseInsensitive: caseInsensitive)
        guard let result = parser.alternation(), parser.i == parser.p.count, let set = result.set, !result.nullable else { return nil }
        return set
    }

    /// First bytes (nil: any byte) and whether the part can match the empty string.
    private struct Part {
        var set: [Bool]?
        var nullable: Bool
    }

    private struct Parser {
        let p: [UInt8]
        let caseInsensitive: Bool
        var i = 0
        var failed = false

        static let empty = [Bool](repeating: false, count: 256)

        init(p: [UInt8], caseInsensitive: Bool) {
            self.p = p
            self.caseInsensitive = caseInsensitive
        }

        mutating func alternation() -> Part? {
            var total = Part(set: Parser.empty, nullable: false)
            while true {
                guard let sequence = sequence() else { return nil }
                total.set = Parser.union(total.set, sequence.set)
                total.nullable = total.nullable || sequence.nullable
                guard i < p.count, p[i] == UInt8(ascii: "|") else { return total }
                i += 1
            }
        }

        private mutating func sequence() -> Part? {
            var result = Part(set: Parser.empty, nullable: true)
            while i < p.count && p[i] != UInt8(ascii: "|") && p[i] != UInt8(ascii: ")") {
                guard let atom = atom() else { return nil }
                let optional = quantifier()
                // Only atoms that every earlier atom may skip contribute first bytes.
                if result.nullable { result.set = Parser.union(result.set, atom.set) }
                result.nullable = result.nullable && (atom.nullable || optional)
            }
            return result
        }

        /// Skips a quantifier after an atom; true when it allows zero repetitions.
        private mutating func quantifier() -> Bool {
            guard i < p.count else { return false }
            var optional = false
            switch p[i] {
            case UInt8(ascii: "?"), UInt8(ascii: "*"):
                optional = true
                i += 1
            case UInt8(ascii: "+"):
                i += 1
            case UInt8(ascii: "{"):
                var minimum = 0
                i += 1
                while i < p.count, p[i] >= 0x30, p[i] <= 0x39 { minimum = minimum * 10 + Int(p[i] - 0x30); i += 1 }
                while i < p.count && p[i] != UInt8(ascii: "}") { i += 1 }
                i += 1
                optional = minimum == 0
            default:
                return false
            }
            // Lazy or possessive forms.
            if i < p.count && (p[i] == UInt8(ascii: "?") || p[i] == UInt8(ascii: "+")) { i += 1 }
            return optional
        }

        private mutating func atom() -> Part? {
            let c = p[i]
            i += 1
            switch c {
            case UInt8(ascii: "("):
                if i < p.count && p[i] == UInt8(ascii: "?") {
                    guard i + 1 < p.count, p[i + 1] == UInt8(ascii: ":") else { return nil }
                    i += 2
                }
                guard let inner = alternation(), i < p.count, p[i] == UInt8(ascii: ")") else { return nil }
                i += 1
                return inner
            case UInt8(ascii: "["):
                return characterClass()
            case UInt8(ascii: "\\"):
                guard i < p.count else { return nil }
                let e = p[i]
                i += 1
                switch e {
                case UInt8(ascii: "d"): return Part(set: bytes(0x30...0x39), nullable: false)
                case UInt8(ascii: "s"): return Part(set: Parser.union(bytes([0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D]), bytes(0x80...0xFF)), nullable: false)
                case UInt8(ascii: "w"):
                    return Part(set: Parser.union(Parser.union(bytes(0x30...0x39), bytes(0x41...0x5A)), Parser.union(bytes(0x61...0x7A), bytes([0x5F] + Array(0x80...0xFF)))), nullable: false)
                case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"):
                    return Part(set: Parser.empty, nullable: true)
                case UInt8(ascii: "n"): return Part(set: literal(0x0A), nullable: false)
                case UInt8(ascii: "t"): return Part(set: literal(0x09), nullable: false)
                default:
                    // Escaped punctuation is itself; other escapes (\S, \p{…}, back-references…) are not understood.
                    let isPunctuation = e < 0x80 && !((e >= 0x30 && e <= 0x39) || (e >= 0x41 && e <= 0x5A) || (e >= 0x61 && e <= 0x7A))
                    return isPunctuation ? Part(set: literal(e), nullable: false) : Part(set: nil, nullable: false)
                }
            case UInt8(ascii: "."):
                return Part(set: nil, nullable: false)
            case UInt8(ascii: "^"), UInt8(ascii: "$"):
                return Part(set: Parser.empty, nullable: true)
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                return nil
            default:
                // A literal; the rest of a multi-byte character belongs to it.
                while i < p.count && p[i] & 0xC0 == 0x80 { i += 1 }
                return Part(set: literal(c), nullable: false)
            }
        }

        /// `[...]` without negation: its ASCII members, and every non-ASCII byte if it has any.
        private mutating func characterClass() -> Part? {
            var set = Parser.empty
            var any = false
            if i < p.count && p[i] == UInt8(ascii: "^") { any = true; i += 1 }
            var first = true
            var previous: UInt8?
            while i < p.count && (first || p[i] != UInt8(ascii: "]")) {
                first = false
                var c = p[i]
                i += 1
                if c == UInt8(ascii: "\\") {
                    guard i < p.count else { return nil }
                    let e = p[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "d"): set = Parser.merge(set, bytes(0x30...0x39)); previous = nil; continue
                    case UInt8(ascii: "s"), UInt8(ascii: "w"), UInt8(ascii: "S"), UInt8(ascii: "W"), UInt8(ascii: "D"), UInt8(ascii: "p"), UInt8(ascii: "P"):
                        any = true; previous = nil; continue
                    case UInt8(ascii: "n"): c = 0x0A
                    case UInt8(ascii: "t"): c = 0x09
                    default: c = e
                    }
                } else if c == UInt8(ascii: "["), i < p.count, p[i] == UInt8(ascii: ":") {
                    any = true  // POSIX class or nested set: not understood
                } else if c == UInt8(ascii: "-"), let low = previous, i < p.count, p[i] != UInt8(ascii: "]") {
                    let high = p[i]
                    i += 1
                    if high >= 0x80 || high < low { any = true } else { set = Parser.merge(set, bytes(low...high)) }
                    previous = nil
                    continue
                }
                set = Parser.merge(set, c >= 0x80 ? bytes(0x80...0xFF) : literal(c))
                previous = c < 0x80 ? c : nil
            }
            guard i < p.count else { return nil }
            i += 1  // the closing ]
            return Part(set: any ? nil : set, nullable: false)
        }

        private func literal(_ c: UInt8) -> [Bool] {
            var set = Parser.empty
            set[Int(c)] = true
            if caseInsensitive {
                if c >= 0x41 && c <= 0x5A { set[Int(c + 0x20)] = true }
                if c >= 0x61 && c <= 0x7A { set[Int(c - 0x20)] = true }
                for b in 0x80...0xFF { set[b] = true }
            }
            return set
        }

        private func bytes<S: Sequence>(_ members: S) -> [Bool] where S.Element: BinaryInteger {
            var set = Parser.empty
            for b in members { set[Int(b)] = true }
            if caseInsensitive {
                for b in 0x41...0x5A where set[b] || set[b + 0x20] { set[b] = true; set[b + 0x20] = true }
                for b in 0x80...0xFF { set[b] = true }
            }
            return set
        }

        static func union(_ a: [Bool]?, _ b: [Bool]?) -> [Bool]? {
            guard let a, let b else { return nil }
            return merge(a, b)
        }

        static func merge(_ a: [Bool], _ b: [Bool]) -> [Bool] { zip(a, b).map { $0 || $1 } }
    }
}
