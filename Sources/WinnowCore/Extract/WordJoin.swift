/// Where markup alone separates two words. Card layouts put a brand and a name, a label and a value,
/// a price and its unit in sibling inline elements with no space between ("La Sportiva" + "Aragon
/// Shoes", "4.5" + "Stars"): their stylesheet sets them apart, the markup does not. The plain text
/// (`BlockSegmenter`) and the Markdown (`InlineMarkdown`) both ask this type, so they give the same words.
///
/// A letter or digit meeting an upper-case letter or a digit across an element boundary is such a join.
/// Not one: a word split by markup that continues in lower case ("W" + "ord"), a drop cap (one letter so
/// far, "T" + "HE"), anything inside or at the edge of a sub- or superscript (CO₂, x², a footnote mark),
/// `<wbr>` (a break opportunity inside a word), and text inside code (`<code>`, `<kbd>`, `<samp>`,
/// `<tt>`, `<pre>`: its markup is highlighting, not layout).
struct WordJoin {
    private var crossed = false
    /// Open sub/sup and code elements: no joins inside them.
    private var quiet = 0

    mutating func enter(_ tag: HTMLTag) { boundary(tag) }
    mutating func leave(_ tag: HTMLTag) { boundary(tag, leaving: true) }

    private mutating func boundary(_ tag: HTMLTag, leaving: Bool = false) {
        if tag == .wbr { return }
        if tag == .sub || tag == .sup {
            quiet += leaving ? -1 : 1
            return
        }
        if WordJoin.isCode(tag) {
            quiet += leaving ? -1 : 1
            crossed = true
            return
        }
        if quiet <= 0 { crossed = true }
    }

    static func isCode(_ tag: HTMLTag) -> Bool { tag == .code || tag == .kbd || tag == .samp || tag == .tt || tag == .pre }

    /// Whether text starting with `first` needs a space after `last` (the last byte written, nil at a
    /// block's start); `oneLetterSoFar`: the block's text is a single letter. Ends the boundary.
    mutating func needsSpace(after last: UInt8?, before first: UInt8, oneLetterSoFar: Bool) -> Bool {
        defer { crossed = false }
        guard crossed, quiet <= 0, !oneLetterSoFar, let last else { return false }
        return WordJoin.joinsTwoWords(last, first)
    }

    static func joinsTwoWords(_ last: UInt8, _ first: UInt8) -> Bool {
        ByteText.isASCIIAlphanumeric(last) && (ByteText.isASCIIUpper(first) || ByteText.isASCIIDigit(first))
    }
}
