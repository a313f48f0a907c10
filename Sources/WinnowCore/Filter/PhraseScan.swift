/// The phrases C4 looks for in a line (`"lorem ipsum" in line.lower()`, "javascript", the policy
/// phrases, `{`), found in one pass over its bytes rather than one search per phrase: a table says which
/// bytes can start one (either case), and the next byte rules out most candidates before a comparison.
/// ASCII case is ignored, as before.
struct PhraseScan {
    private(set) var lorem = false
    private(set) var javascript = false
    private(set) var policy = false
    private(set) var curlyBracket = false

    static let loremPhrase = Array("lorem ipsum".utf8), javascriptPhrase = Array("javascript".utf8)
    static let policies = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"].map { Array($0.utf8) }
    /// By byte: 0 starts nothing, else the lowercase second byte a phrase starting with it needs
    /// (the phrases that share a first byte share their second); `{` maps to itself.
    static let starts: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for phrase in [loremPhrase, javascriptPhrase] + policies {
            table[Int(phrase[0])] = phrase[1]
            table[Int(phrase[0] - 0x20)] = phrase[1]
        }
        table[0x7B] = 0x7B
        return table
    }()

    init(_ line: UnsafeBufferPointer<UInt8>) {
        let n = line.count
        guard n > 0, let base = line.baseAddress else { return }
        var lorem = false, javascript = false, policy = false, curlyBracket = false
        Self.starts.withUnsafeBufferPointer { starts in
            var i = 0
            while i < n {
                let c = base[i]
                let second = starts[Int(c)]
                i += 1
                if second == 0 { continue }
                if second == 0x7B { curlyBracket = true; continue }
                guard i < n, Self.lower(base[i]) == second else { continue }
                let at = i - 1
                switch Self.lower(c) {
                case 0x6C: lorem = lorem || Self.matches(line, at, Self.loremPhrase)
                case 0x6A: javascript = javascript || Self.matches(line, at, Self.javascriptPhrase)
                default: policy = policy || Self.policies.contains { $0[0] == Self.lower(c) && Self.matches(line, at, $0) }
                }
            }
        }
        self.lorem = lorem
        self.javascript = javascript
        self.policy = policy
        self.curlyBracket = curlyBracket
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
