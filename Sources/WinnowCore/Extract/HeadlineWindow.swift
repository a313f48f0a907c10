/// The short texts just before and after the page's first `<h1>`: where readers see the byline and
/// the date ("By Jane Doe", "Published March 3, 2025") when the markup does not name them. Filled
/// during the metadata walk from text node ids only; the texts are read once, at the end.
struct HeadlineWindow {
    /// Non-blank texts kept on each side of the headline.
    static let reach = 30
    /// Raw text nodes remembered per side: blank ones (whitespace between tags) are most of them.
    private static let rawLimit = reach * 4

    /// A non-blank text near the headline: `offset` counts texts from the `<h1>` (its own text is 0,
    /// the text just before it -1). `text` is nil for texts too long to be a byline or date line.
    struct Entry {
        var node: Int32
        var offset: Int
        var text: String?
    }

    private(set) var anchor: Int32?
    /// Text nodes before the anchor: a ring of the last `rawLimit`.
    private var before: [Int32] = []
    private var ringStart = 0
    private var after: [Int32] = []

    var wantsText: Bool { anchor == nil || after.count < HeadlineWindow.rawLimit }

    mutating func see(text node: Int32) {
        if anchor != nil {
            if after.count < HeadlineWindow.rawLimit { after.append(node) }
        } else if before.count < HeadlineWindow.rawLimit {
            before.append(node)
        } else {
            before[ringStart] = node
            ringStart = (ringStart + 1) % HeadlineWindow.rawLimit
        }
    }

    mutating func see(h1 node: Int32) {
        if anchor == nil { anchor = node }
    }

    /// The non-blank texts around the headline, nearest first (after before before at equal distance).
    /// Texts of scripts, styles, navigation and footers are left out.
    func entries(_ tree: DocumentTree) -> [Entry] {
        guard anchor != nil else { return [] }
        let ordered = Array(before[ringStart...] + before[..<ringStart])
        var earlier: [Entry] = []
        for node in ordered.reversed() where earlier.count < HeadlineWindow.reach {
            if let entry = HeadlineWindow.entry(node, offset: -(earlier.count + 1), tree) { earlier.append(entry) }
        }
        var later: [Entry] = []
        for node in after where later.count < HeadlineWindow.reach {
            if let entry = HeadlineWindow.entry(node, offset: later.count, tree) { later.append(entry) }
        }
        var result: [Entry] = []
        for i in 0..<max(earlier.count, later.count) {
            if i < later.count { result.append(later[i]) }
            if i < earlier.count { result.append(earlier[i]) }
        }
        return result
    }

    private static func entry(_ node: Int32, offset: Int, _ tree: DocumentTree) -> Entry? {
        let n = tree.nodes[Int(node)]
        guard n.end > n.start else { return nil }
        let raw = tree.text[Int(n.start)..<Int(n.end)]
        guard raw.contains(where: { !ByteText.isSpace($0) }), !insideChrome(node, tree) else { return nil }
        guard raw.count <= 240 else { return Entry(node: node, offset: offset, text: nil) }
        let bytes = ByteText.normalizeWhitespace(raw)
        return Entry(node: node, offset: offset, text: bytes.count <= 120 ? String(decoding: bytes, as: UTF8.self) : nil)
    }

    /// Script and style text, menus and footers: not where a page states its own byline.
    private static func insideChrome(_ node: Int32, _ tree: DocumentTree) -> Bool {
        var current = tree.nodes[Int(node)].parent
        while current > 0 {
            let tag = tree.nodes[Int(current)].tag
            if tag == .script || tag == .style || tag == .noscript || tag == .template || tag == .nav || tag == .footer || tag == .title { return true }
            current = tree.nodes[Int(current)].parent
        }
        return false
    }
}
