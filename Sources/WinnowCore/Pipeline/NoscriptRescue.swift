/// Pages built by JavaScript (forum engines, shop front-ends) often carry their whole text for
/// crawlers and script-less browsers inside `<noscript>`, and next to nothing outside it. The parse
/// stage drops `<noscript>` bodies before parsing; when the parsed page then has almost no text and
/// the markup has a `<noscript>`, it parses again with those bodies kept. The cleaner's guard
/// (no rule removes an element holding most of the page's text) then keeps a `<noscript>` that holds
/// the page, and still drops the small ones (tracking pixels, "enable JavaScript" notes).
struct NoscriptRescue: Sendable {
    /// Below this many bytes of text outside `<head>`, a page counts as empty of its own text.
    static let minBodyTextBytes = 500
    let skipper: MarkupSkipper

    init?(dropTags: Set<HTMLTag>, keptAttributes: AttributeNames) {
        guard dropTags.contains(.noscript) else { return nil }
        var kept = dropTags
        kept.remove(.noscript)
        skipper = MarkupSkipper(dropTags: kept, keptAttributes: keptAttributes)
    }

    /// Whether `tree` (parsed with `<noscript>` bodies dropped) is empty enough, and the page has a
    /// `<noscript>`, for a second parse to be worth it.
    static func worthTrying(_ tree: DocumentTree, source: [UInt8]) -> Bool {
        bodyTextBytes(tree, upTo: minBodyTextBytes) < minBodyTextBytes && ByteText.containsIgnoringASCIICase(source, Array("<noscript".utf8))
    }

    /// Text bytes that are not ASCII whitespace, outside `<head>` and `<title>` (counting stops at `limit`).
    static func bodyTextBytes(_ tree: DocumentTree, upTo limit: Int = .max) -> Int {
        var total = 0
        var inHead = [Bool](repeating: false, count: tree.nodes.count)
        for index in 1..<max(tree.nodes.count, 1) {
            let node = tree.nodes[index]
            let head = inHead[Int(node.parent)] || node.tag == .head || node.tag == .title
            inHead[index] = head
            guard node.tag == .text, !head else { continue }
            for byte in tree.text[Int(node.start)..<Int(node.end)] where !ByteText.isSpace(byte) { total += 1 }
            if total >= limit { break }
        }
        return total
    }
}
