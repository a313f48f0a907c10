/// How the kept blocks are laid out in `text`, as the benchmark's reviewed text is: paragraphs and
/// headings apart by a blank line, the items of one list one per line, the cells of one table row
/// on one line (joined by a space) and its rows one per line. Code keeps its own line breaks (the
/// segmenter keeps `<pre>` text as written).
enum TextLayout {
    static let blankLine: UInt8 = 0x00, newline: UInt8 = 0x0A, space: UInt8 = 0x20

    /// The separator before each of `blocks` (the first one's is never used).
    static func separators(_ blocks: [Block], in tree: DocumentTree) -> [UInt8] {
        var out = [UInt8](repeating: blankLine, count: blocks.count)
        guard blocks.count > 1 else { return out }
        for i in 1..<blocks.count {
            let a = blocks[i - 1], b = blocks[i]
            if a.kind == .cell && b.kind == .cell {
                let rowA = enclosing(.tr, of: a.owner, in: tree), rowB = enclosing(.tr, of: b.owner, in: tree)
                if rowA >= 0 && rowA == rowB { out[i] = space; continue }
                let tableA = enclosing(.table, of: a.owner, in: tree)
                if tableA >= 0 && tableA == enclosing(.table, of: b.owner, in: tree) { out[i] = newline }
            } else if a.kind == .listItem && b.kind == .listItem {
                if tree.nodes[Int(a.owner)].parent == tree.nodes[Int(b.owner)].parent { out[i] = newline }
            }
        }
        return out
    }

    /// The nearest element with `tag` around `node` (itself included), or -1.
    private static func enclosing(_ tag: HTMLTag, of node: Int32, in tree: DocumentTree) -> Int32 {
        var current = node
        var steps = 0
        while current > 0 && steps < 4 {
            if tree.nodes[Int(current)].tag == tag { return current }
            current = tree.nodes[Int(current)].parent
            steps += 1
        }
        return -1
    }

    /// `paragraphs` joined by their separators (a blank line where none is given).
    static func join(_ paragraphs: [[UInt8]], separators: [UInt8]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(paragraphs.reduce(0) { $0 + $1.count + 2 })
        for (i, paragraph) in paragraphs.enumerated() {
            if i > 0 {
                let separator = i < separators.count ? separators[i] : blankLine
                if separator == blankLine { text.append(contentsOf: [newline, newline]) } else { text.append(separator) }
            }
            text.append(contentsOf: paragraph)
        }
        return text
    }
}
