/// A literal that every match of a regex must contain, found by a conservative look at the pattern:
/// runs of letters, digits and a few plain punctuation marks at the top level (not inside a group or a
/// class, not escaped, not made optional by a quantifier). A line without it cannot match, so the
/// regex engine is not run on it. Patterns with a top-level `|` have no such literal.
enum RegexLiteral {
    static func required(in pattern: String) -> [UInt8]? {
        let p = Array(pattern.utf8)
        // Inline flags ("(?i)", "(?x)") and look-arounds change what a literal means: no shortcut then.
        if pattern.contains("(?") { return nil }
        var depth = 0
        var inClass = false
        var best: [UInt8] = []
        var run: [UInt8] = []
        func finish() {
            if run.count > best.count { best = run }
            run = []
        }
        var i = 0
        while i < p.count {
            let c = p[i]
            if inClass {
                if c == UInt8(ascii: "\\") { i += 2; continue }
                if c == UInt8(ascii: "]") { inClass = false }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "\\"):
                finish(); i += 2; continue
            case UInt8(ascii: "["):
                finish(); inClass = true
            case UInt8(ascii: "("):
                finish(); depth += 1
            case UInt8(ascii: ")"):
                finish(); depth -= 1
                if depth < 0 { return nil }
            case UInt8(ascii: "|"):
                if depth == 0 { return nil }
                finish()
            case UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "{"):
                // The character before is optional: it is not part of a required literal.
                if !run.isEmpty { run.removeLast() }
                finish()
                if c == UInt8(ascii: "{") { while i < p.count && p[i] != UInt8(ascii: "}") { i += 1 } }
            case UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                finish()
            default:
                let literal = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
                    || c == UInt8(ascii: ":") || c == UInt8(ascii: ",") || c == UInt8(ascii: "-") || c == UInt8(ascii: " ")
                if depth == 0 && literal { run.append(c) } else { finish() }
            }
            i += 1
        }
        finish()
        return best.count >= 3 ? best : nil
    }
}
