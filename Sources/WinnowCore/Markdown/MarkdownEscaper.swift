/// Escapes text so that a CommonMark/GFM parser reads it back as the same plain text, never as markup.
/// The rules (README "Markdown escaping"):
/// - anywhere: `\` `` ` `` `*` `[` `]` `<` `~` get a backslash; `&` before a letter or `#` (an entity);
///   `_` unless it sits between two ASCII letters or digits (intraword `_` never makes emphasis);
/// - in table cells also `|`;
/// - at the start of a block (not of a table cell, which holds inline content only): `#` `-` `+` `=` `>`, and the `.` or `)` after up to nine leading digits
///   (headings, list items, setext underlines, quotes, ordered lists);
/// - a block's last `#` (an ATX heading's closing sequence).
enum MarkdownEscaper {
    /// Bytes escaped wherever they are (`_`, `&` and `|` have their own rules).
    private static let always: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "\\`*[]<~".utf8 { table[Int(byte)] = true }
        return table
    }()

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool { ByteText.isASCIIAlphanumeric(b) }

    /// Appends `text` (whitespace-normalised UTF-8) to `out` with the inline escapes.
    static func appendEscaped<C: RandomAccessCollection>(_ text: C, to out: inout [UInt8], inTable: Bool) where C.Element == UInt8, C.Index == Int {
        var i = text.startIndex
        let end = text.endIndex
        while i < end {
            let b = text[i]
            if b < 0x80 {
                if always[Int(b)] {
                    out.append(0x5C)
                } else if b == UInt8(ascii: "_") {
                    let before = i > text.startIndex && isWordByte(text[i - 1])
                    let after = i + 1 < end && isWordByte(text[i + 1])
                    if !(before && after) { out.append(0x5C) }
                } else if b == UInt8(ascii: "&") {
                    if i + 1 < end, isWordByte(text[i + 1]) || text[i + 1] == UInt8(ascii: "#") { out.append(0x5C) }
                } else if b == UInt8(ascii: "|") && inTable {
                    out.append(0x5C)
                }
            }
            out.append(b)
            i += 1
        }
    }

    /// Escapes what would start or close a block construct: a block's first bytes and its last `#`.
    static func escapeBlockEdges(_ block: inout [UInt8]) {
        let n = block.count
        if n > 0 && block[n - 1] == UInt8(ascii: "#") && !(n > 1 && block[n - 2] == 0x5C) { block.insert(0x5C, at: n - 1) }
        guard let first = block.first else { return }
        if blockStart[Int(first)] {
            block.insert(0x5C, at: 0)
            return
        }
        var i = 0
        while i < block.count && i < 10 && block[i] >= 0x30 && block[i] <= 0x39 { i += 1 }
        if i > 0 && i <= 9 && i < block.count && (block[i] == UInt8(ascii: ".") || block[i] == UInt8(ascii: ")")) {
            block.insert(0x5C, at: i)
        }
    }

    private static let blockStart: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "#-+=>".utf8 { table[Int(byte)] = true }
        return table
    }()
}
