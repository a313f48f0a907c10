/// The text of a `pre` as a browser shows it, for a fenced code block. The segmenter cuts a `pre` at
/// `<br>` and at line elements (`<div class="line">`) and trims each piece, which loses the blank
/// lines between pieces (`<div><br></div>`) and the spaces that end a line; so the Markdown reads
/// each kept piece's span again as written, and what lies between two pieces (whitespace, `<br>`,
/// the edges of line elements) as line breaks.
enum CodeText {
    static let newline: UInt8 = 0x0A

    /// The block's text nodes from `startNode` to `lastText` as written (CR dropped, U+00A0 as a
    /// space, as the segmenter reads a `pre`), untrimmed; nil when the span cannot be followed.
    static func span(_ block: Block, in tree: DocumentTree) -> [UInt8]? {
        let start = block.startNode, last = block.lastText
        guard start > 0, last > 0, Int(start) < tree.nodes.count, Int(last) < tree.nodes.count else { return nil }
        var out: [UInt8] = []
        var current = start
        while true {
            let node = tree.nodes[Int(current)]
            if node.removedBy < 0 {
                if node.tag == .text {
                    append(node, tree, to: &out)
                    if current == last { return out }
                } else if node.firstChild >= 0 {
                    current = node.firstChild
                    continue
                }
            }
            guard let next = following(current, within: block.owner, in: tree, leaving: { _ in }) else { return nil }
            current = next
        }
    }

    /// What lies between the end of one block of a `pre` (its last text node `last`) and the start
    /// of the next (`next`): whitespace as written, `<br>` as a line break, the edges of block
    /// elements as a line break unless a line just ended. Nil when text of a block that was not kept
    /// lies between (its lines are then simply apart), or when `next` is not found inside `pre`.
    static func gap(after last: Int32, before next: Int32, pre: Int32, lineStart: Bool, in tree: DocumentTree) -> [UInt8]? {
        var out: [UInt8] = []
        var atLineStart = lineStart
        func edge() {
            if !atLineStart { out.append(newline) }
            atLineStart = true
        }
        var current = last
        var steps = 0
        while true {
            guard var node = following(current, within: pre, in: tree, leaving: { if tree.nodes[Int($0)].tag.isBlock { edge() } }) else { return nil }
            // Enter `node` and its first descendants until a leaf (or `next`) is reached.
            while true {
                steps += 1
                if node == next { return out }
                if steps > 4096 { return nil }
                let element = tree.nodes[Int(node)]
                if element.removedBy >= 0 { break }
                if element.tag == .text {
                    let before = out.count
                    append(element, tree, to: &out)
                    if out[before...].contains(where: { !isBlank($0) }) { return nil }
                    if out.count > before { atLineStart = out.last == newline }
                    break
                }
                if element.tag == .br {
                    out.append(newline)
                    atLineStart = true
                    break
                }
                if element.tag.isBlock { edge() }
                if element.firstChild >= 0 {
                    node = element.firstChild
                    continue
                }
                if element.tag.isBlock { edge() }
                break
            }
            current = node
        }
    }

    /// The fence's lines: the pieces joined by their gaps (a line break where there is none), then
    /// trimmed as the segmenter trims one code block: no trailing whitespace, no leading blank lines.
    static func lines(_ parts: [[UInt8]], gaps: [[UInt8]?]) -> [[UInt8]] {
        var text: [UInt8] = []
        for (k, part) in parts.enumerated() {
            if k > 0 {
                if k < gaps.count, let gap = gaps[k] {
                    text.append(contentsOf: gap)
                } else {
                    while let b = text.last, ByteText.isSpace(b) { text.removeLast() }
                    text.append(newline)
                }
            }
            text.append(contentsOf: part)
        }
        while let b = text.last, ByteText.isSpace(b) { text.removeLast() }
        var lineStart = 0, i = 0
        while i < text.count && (text[i] == 0x20 || text[i] == 0x09 || text[i] == newline) {
            if text[i] == newline { lineStart = i + 1 }
            i += 1
        }
        return text[lineStart...].split(separator: newline, omittingEmptySubsequences: false).map(Array.init)
    }

    /// The node after `node`'s subtree in document order, calling `leaving` for each element climbed
    /// out of; nil when the walk would leave `root`.
    private static func following(_ node: Int32, within root: Int32, in tree: DocumentTree, leaving: (Int32) -> Void) -> Int32? {
        var climb = node
        while tree.nodes[Int(climb)].nextSibling < 0 {
            climb = tree.nodes[Int(climb)].parent
            if climb <= 0 || climb == root { return nil }
            leaving(climb)
        }
        return tree.nodes[Int(climb)].nextSibling
    }

    private static func append(_ node: DocumentTree.Node, _ tree: DocumentTree, to out: inout [UInt8]) {
        var i = Int(node.start)
        let end = Int(node.end)
        while i < end {
            let byte = tree.text[i]
            if byte == 0xC2 && i + 1 < end && tree.text[i + 1] == 0xA0 {
                out.append(0x20)
                i += 2
                continue
            }
            if byte != 0x0D { out.append(byte) }
            i += 1
        }
    }

    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == newline || b == 0x0C }
}
