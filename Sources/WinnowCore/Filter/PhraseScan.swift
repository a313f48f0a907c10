/// The phrases C4 looks for in a line (`"lorem ipsum" in line.lower()`, "javascript", the policy
/// phrases, `{`), found in one pass over its bytes rather than one search per phrase. ASCII case is
/// ignored, as before.
struct PhraseScan {
    private(set) var lorem = false
    private(set) var javascript = false
    private(set) var policy = false
    private(set) var curlyBracket = false

    static let loremPhrase = Array("lorem ipsum".utf8), javascriptPhrase = Array("javascript".utf8)
    static let policies = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"].map { Array($0.utf8) }
    /// Lowercase first letters of the phrases: other bytes start none.
    static let starts: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for phrase in [loremPhrase, javascriptPhrase] + policies { table[Int(phrase[0])] = true }
        return table
    }()

    init(_ line: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = line.count
        while i < n {
            let c = line[i]
            if c == 0x7B { curlyBracket = true }
            let lower = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
            if Self.starts[Int(lower)] {
                if !lorem && lower == 0x6C { lorem = Self.matches(line, i, Self.loremPhrase) }
                if !javascript && lower == 0x6A { javascript = Self.matches(line, i, Self.javascriptPhrase) }
                if !policy { policy = Self.policies.contains { $0[0] == lower && Self.matches(line, i, $0) } }
            }
            i += 1
        }
    }

    @inline(__always)
    static func matches(_ line: UnsafeBufferPointer<UInt8>, _ at: Int, _ phrase: [UInt8]) -> Bool {
        guard line.count - at >= phrase.count else { return false }
        for k in 0..<phrase.count {
            let c = line[at + k]
            if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != phrase[k] { return false }
        }
        return true
    }
}
