/// The kept attributes of the start tags `MarkupSkipper` rewrote, already decoded. libxml2 reads an
/// attribute value one character at a time (about 130 instructions a byte, a third of the parse on
/// pages with long class lists), so the skipper decodes the values itself, exactly as libxml2 would
/// (`AttributeValueDecoder`), and hands libxml2 one short marker attribute per tag instead:
/// `<div .w=17>`. The tree builder swaps the marker for tag 17's attributes. libxml2 still sees every
/// element, so the tree's shape (implied and auto-closed elements) does not change.
public struct SideAttributes: Sendable {
    /// The marker's name: `.` may start an attribute name for libxml2 but not a CSS one, so no config
    /// selector can ask to keep a page attribute of this name, and the skipper drops any page's own.
    static let markerName: [UInt8] = [UInt8(ascii: "."), UInt8(ascii: "w")]

    var values: [UInt8] = []
    var entries: [DocumentTree.Attribute] = []
    /// Tag k's attributes are `entries[tagStarts[k]..<tagStarts[k + 1]]`.
    var tagStarts: [Int32] = [0]

    var tagCount: Int { tagStarts.count - 1 }

    /// How far the table was filled, to undo a tag that libxml2 must read itself after all.
    struct Mark { let entries: Int, values: Int, tags: Int }
    var mark: Mark { Mark(entries: entries.count, values: values.count, tags: tagStarts.count) }

    mutating func rollBack(to mark: Mark) {
        entries.removeSubrange(mark.entries...)
        values.removeSubrange(mark.values...)
        tagStarts.removeSubrange(mark.tags...)
    }

    /// Tag `k`'s attributes, or an empty range for a marker that names no tag.
    func attributes(ofTag k: Int) -> Range<Int> {
        guard k >= 0, k < tagCount else { return 0..<0 }
        return Int(tagStarts[k])..<Int(tagStarts[k + 1])
    }

    /// Whether `name` (a NUL-terminated attribute name from libxml2) is the marker.
    @inline(__always)
    static func isMarker(_ name: UnsafePointer<UInt8>) -> Bool {
        name[0] == markerName[0] && name[1] == markerName[1] && name[2] == 0
    }

    /// The tag number a marker value names (decimal digits only), or nil.
    static func tagNumber(_ value: UnsafePointer<UInt8>?) -> Int? {
        guard let value, value[0] != 0 else { return nil }
        var n = 0
        var i = 0
        while value[i] != 0 {
            let digit = Int(value[i]) - 0x30
            guard digit >= 0, digit <= 9, n < Int32.max / 10 else { return nil }
            n = n * 10 + digit
            i += 1
        }
        return n
    }
}
