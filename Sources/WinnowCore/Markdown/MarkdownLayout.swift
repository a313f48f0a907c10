/// Writes a `MarkdownDocument` as GitHub-flavoured Markdown: blocks apart by a blank line, the items
/// of a list one per line, nested content indented to its item's text, quotes with `>`, the blocks of
/// one `pre` in one fence, the cells of one data table as one pipe table.
enum MarkdownLayout {
    static let newline: UInt8 = 0x0A, space: UInt8 = 0x20

    static func render(_ document: MarkdownDocument) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(document.blocks.reduce(64) { $0 + $1.inline.count + 8 })
        if let title = document.title, !document.blocks.contains(where: { $0.role == .heading(level: 1) }) {
            out.append(contentsOf: [UInt8(ascii: "#"), space])
            out.append(contentsOf: title)
        }
        var started = Set<Int32>()
        var previous: MarkdownBlock?
        let blocks = document.blocks
        var i = 0
        while i < blocks.count {
            let block = blocks[i]
            let end = groupEnd(blocks, from: i)
            if !out.isEmpty { separate(&out, previous: previous, next: block, started: started) }
            let (first, rest) = prefixes(block.containers, started: &started)
            let lines = self.lines(blocks[i..<end])
            for (k, line) in lines.enumerated() {
                if k > 0 { out.append(newline) }
                if line.isEmpty {
                    out.append(contentsOf: trimmedTrailingSpaces(k == 0 ? first : rest))
                } else {
                    out.append(contentsOf: k == 0 ? first : rest)
                    out.append(contentsOf: line)
                }
            }
            previous = blocks[end - 1]
            i = end
        }
        return out
    }

    /// Blocks of one `pre` (split at `<br>` or line elements), of one heading (split at `<br>`) and the
    /// cells of one table go together.
    private static func groupEnd(_ blocks: [MarkdownBlock], from i: Int) -> Int {
        var j = i + 1
        switch blocks[i].role {
        case .code(let pre, _):
            while j < blocks.count, case .code(let other, _) = blocks[j].role, other == pre { j += 1 }
        case .heading:
            while j < blocks.count, blocks[j].role == blocks[i].role, blocks[j].owner == blocks[i].owner, blocks[j].containers == blocks[i].containers { j += 1 }
        case .cell(let table, _, _, _, _):
            while j < blocks.count, case .cell(let other, _, _, _, _) = blocks[j].role, other == table { j += 1 }
        default: break
        }
        return j
    }

    /// A newline between the items of one list and before a list nested in the item above (tight),
    /// else a blank line that stays inside the quotes both blocks share. (An item of another list
    /// right under a paragraph would be read as that paragraph's next line.)
    private static func separate(_ out: inout [UInt8], previous: MarkdownBlock?, next: MarkdownBlock, started: Set<Int32>) {
        out.append(newline)
        if let previous, let item = next.containers.last, !item.isQuote, !started.contains(item.node) {
            let sameList = previous.containers.contains { !$0.isQuote && $0.list == item.list }
            let nested = previous.containers.contains { !$0.isQuote } && next.containers.starts(with: previous.containers)
            if sameList || nested { return }
        }
        var shared: [UInt8] = []
        if let previous {
            for (a, b) in zip(previous.containers, next.containers) where a == b {
                shared.append(contentsOf: a.isQuote ? [UInt8(ascii: ">"), space] : [UInt8](repeating: space, count: a.marker.count))
            }
        }
        out.append(contentsOf: trimmedTrailingSpaces(shared))
        out.append(newline)
    }

    /// The first line's prefix (a new item's marker) and the following lines' (indentation, `> `).
    private static func prefixes(_ containers: [MarkdownBlock.Container], started: inout Set<Int32>) -> ([UInt8], [UInt8]) {
        var first: [UInt8] = [], rest: [UInt8] = []
        for container in containers {
            if container.isQuote {
                first.append(contentsOf: [UInt8(ascii: ">"), space])
                rest.append(contentsOf: [UInt8(ascii: ">"), space])
            } else {
                let opens = started.insert(container.node).inserted
                first.append(contentsOf: opens ? container.marker : [UInt8](repeating: space, count: container.marker.count))
                rest.append(contentsOf: [UInt8](repeating: space, count: container.marker.count))
            }
        }
        return (first, rest)
    }

    private static func trimmedTrailingSpaces(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        while end > 0 && bytes[end - 1] == space { end -= 1 }
        return Array(bytes[..<end])
    }

    private static func lines(_ group: ArraySlice<MarkdownBlock>) -> [[UInt8]] {
        guard let block = group.first else { return [] }
        switch block.role {
        case .paragraph: return [block.inline]
        case .heading(let level):
            var line = [UInt8](repeating: UInt8(ascii: "#"), count: max(1, min(6, level))) + [space]
            for (k, part) in group.enumerated() {
                if k > 0 { line.append(space) }
                line.append(contentsOf: part.inline)
            }
            return [line]
        case .term: return [term(block.inline)]
        case .code(_, let language): return CodeFence.lines(group.map(\.inline), gaps: group.map(\.gap), language: language)
        case .cell: return PipeTable.lines(group)
        }
    }

    /// `**term**` when the term's edges let CommonMark read it as strong emphasis, else the term alone.
    private static func term(_ inline: [UInt8]) -> [UInt8] {
        guard !inline.isEmpty, !MarkdownPunctuation.isPunctuation(inline, at: 0), !MarkdownPunctuation.isPunctuation(inline, endingAt: inline.count) else { return inline }
        let stars = [UInt8(ascii: "*"), UInt8(ascii: "*")]
        return stars + inline + stars
    }
}
