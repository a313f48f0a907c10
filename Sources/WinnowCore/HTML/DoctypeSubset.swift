/// A DOCTYPE with an internal subset (`<!DOCTYPE html [<!ENTITY name "value"> …]>`, from XHTML and
/// XML tooling) ends, for libxml2's HTML parser as for browsers, at the first `>` — so the rest of the
/// subset (`<!ATTLIST …> ]>`) became body text, the page's first paragraph. The subset declares
/// nothing an HTML reader uses, so it is blanked (spaces, same length: tree offsets stay valid).
enum DoctypeSubset {
    /// The bytes with the internal subset blanked, or nil when the page has none.
    static func blanked(_ utf8: [UInt8]) -> [UInt8]? {
        guard let open = subsetStart(utf8), let close = subsetEnd(utf8, from: open + 1) else { return nil }
        var out = utf8
        for i in open...close where out[i] != 0x0A { out[i] = 0x20 }
        return out
    }

    /// Index of the `[` of a leading DOCTYPE (after a BOM, whitespace, comments, an XML declaration).
    static func subsetStart(_ b: [UInt8]) -> Int? {
        var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < b.count {
            if ByteText.isSpace(b[i]) {
                i += 1
            } else if b[i...].starts(with: "<!--".utf8) {
                guard let end = find(b, "-->", from: i + 4) else { return nil }
                i = end + 3
            } else if b[i...].starts(with: "<?".utf8) {
                guard let end = find(b, ">", from: i + 2) else { return nil }
                i = end + 1
            } else {
                break
            }
        }
        let keyword = Array("<!doctype".utf8)
        guard i + keyword.count <= b.count, zip(b[i..<i + keyword.count], keyword).allSatisfy({ ByteText.lower($0) == $1 }) else { return nil }
        var j = i + keyword.count
        var quote: UInt8 = 0
        while j < b.count {
            let c = b[j]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return nil
            } else if c == UInt8(ascii: "[") {
                return j
            }
            j += 1
        }
        return nil
    }

    /// Index of the `]` that closes the subset (followed by optional spaces and `>`); quoted values
    /// and comments inside may hold `]` and `>`.
    static func subsetEnd(_ b: [UInt8], from start: Int) -> Int? {
        var j = start
        var quote: UInt8 = 0
        while j < b.count {
            let c = b[j]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if b[j...].starts(with: "<!--".utf8) {
                guard let end = find(b, "-->", from: j + 4) else { return nil }
                j = end + 2
            } else if c == UInt8(ascii: "]") {
                var k = j + 1
                while k < b.count && ByteText.isSpace(b[k]) { k += 1 }
                if k < b.count && b[k] == UInt8(ascii: ">") { return j }
            }
            j += 1
        }
        return nil
    }

    private static func find(_ b: [UInt8], _ needle: String, from start: Int) -> Int? {
        let n = Array(needle.utf8)
        guard start <= b.count - n.count else { return nil }
        var i = start
        while i <= b.count - n.count {
            if b[i] == n[0] && b[i..<i + n.count].elementsEqual(n) { return i }
            i += 1
        }
        return nil
    }
}
