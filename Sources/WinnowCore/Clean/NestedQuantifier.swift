/// A regex shape that can take exponential time on a line that almost matches: a repeated group
/// whose content is itself repeated, as in `(\w+\s?)+` or `(a*)*`. Only a warning at config load
/// (such a rule may be fine on short lines), since `limits.max_document_seconds` stops it anyway.
enum NestedQuantifier {
    static func suspect(_ pattern: String) -> Bool {
        let bytes = Array(pattern.utf8)
        // Per open group: whether a quantifier was seen inside it.
        var groups: [Bool] = []
        var i = 0
        /// An unbounded repeat at `at`: `+`, `*` or `{n,}` (`?` and `{n,m}` are bounded).
        func isQuantifier(_ at: Int) -> Bool {
            guard at < bytes.count else { return false }
            if bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "*") { return true }
            guard bytes[at] == UInt8(ascii: "{") else { return false }
            var j = at + 1
            while j < bytes.count && bytes[j] >= UInt8(ascii: "0") && bytes[j] <= UInt8(ascii: "9") { j += 1 }
            return j + 1 < bytes.count && bytes[j] == UInt8(ascii: ",") && bytes[j + 1] == UInt8(ascii: "}")
        }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"):
                i += 1
            case UInt8(ascii: "["):
                // Skip the class: its quantifier characters are literals.
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "]") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
            case UInt8(ascii: "("):
                groups.append(false)
            case UInt8(ascii: ")"):
                let inner = groups.popLast() ?? false
                if inner && isQuantifier(i + 1) { return true }
                // The group and its own quantifier count for the group around it.
                if let last = groups.indices.last, inner || isQuantifier(i + 1) { groups[last] = true }
            default:
                if isQuantifier(i), let last = groups.indices.last { groups[last] = true }
            }
            i += 1
        }
        return false
    }
}
