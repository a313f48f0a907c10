import Foundation

/// The phrases C4 looks for in a line (`"lorem ipsum" in line.lower()`, "javascript", the policy
/// phrases, `{`), found in one pass over its bytes rather than one search per phrase. The pass jumps
/// (Wu–Manber): a window as long as the shortest phrase slides along the line, and the two bytes at
/// its end say how far it can move before a phrase could end in it — on English text about eight
/// bytes a step, where testing each byte for a phrase's first letter stopped at most bytes. Only
/// windows the table cannot move are compared with the phrases. `{` is a memchr. ASCII case is ignored,
/// as before.
struct PhraseScan {
    private(set) var lorem = false
    private(set) var javascript = false
    private(set) var policy = false
    private(set) var curlyBracket = false

    static let loremPhrase = Array("lorem ipsum".utf8), javascriptPhrase = Array("javascript".utf8)
    static let policies = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"].map { Array($0.utf8) }
    static let phrases = [loremPhrase, javascriptPhrase] + policies
    /// The window: the shortest phrase's length.
    static let window = phrases.map(\.count).min() ?? 1

    /// By `blockIndex` of a window's last two bytes: how far the window can move before a phrase's
    /// first `window` bytes could hold those two bytes (0: a phrase may end the window here). Bytes
    /// that share an index share the smallest shift, so the table only errs toward looking.
    static let shifts: [UInt8] = {
        var table = [UInt8](repeating: UInt8(window - 1), count: 1024)
        for phrase in phrases {
            for j in 1..<window {
                let k = blockIndex(phrase[j - 1], phrase[j])
                table[k] = min(table[k], UInt8(window - 1 - j))
            }
        }
        return table
    }()

    /// Two bytes' low five bits each (a letter's case does not change them): distinct for letters.
    @inline(__always)
    static func blockIndex(_ a: UInt8, _ b: UInt8) -> Int { Int(a & 0x1F) << 5 | Int(b & 0x1F) }

    init(_ line: UnsafeBufferPointer<UInt8>) {
        let n = line.count
        guard n > 0, let base = line.baseAddress else { return }
        curlyBracket = memchr(base, 0x7B, n) != nil
        let w = Self.window
        guard n >= w else { return }
        var lorem = false, javascript = false, policy = false
        Self.shifts.withUnsafeBufferPointer { shifts in
            var end = w - 1
            while end < n {
                let shift = Int(shifts[Self.blockIndex(base[end - 1], base[end])])
                if shift > 0 { end += shift; continue }
                let at = end - (w - 1)
                lorem = lorem || Self.matches(line, at, Self.loremPhrase)
                javascript = javascript || Self.matches(line, at, Self.javascriptPhrase)
                policy = policy || Self.policies.contains { Self.matches(line, at, $0) }
                end += 1
            }
        }
        self.lorem = lorem
        self.javascript = javascript
        self.policy = policy
    }

    @inline(__always)
    static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    @inline(__always)
    static func matches(_ line: UnsafeBufferPointer<UInt8>, _ at: Int, _ phrase: [UInt8]) -> Bool {
        guard line.count - at >= phrase.count else { return false }
        for k in 0..<phrase.count where lower(line[at + k]) != phrase[k] { return false }
        return true
    }
}
