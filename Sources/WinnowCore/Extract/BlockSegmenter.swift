/// Cuts the kept part of a document's `<body>` into `Block`s at block-level element boundaries and
/// `<br>`, in document order, counting link text on the way. Iterative walk, no recursion.
public struct BlockSegmenter: Sendable {
    public init() {}

    public func segment(_ tree: DocumentTree) -> [Block] {
        var blocks: [Block] = []
        var buffer: [UInt8] = []
        var linkBytes = 0
        var totalBytes = 0
        // Stack of open elements: (node, its block owner before it opened, was it a link).
        var owners: [Int32] = [DocumentTree.root]
        var linkDepth = 0

        func flush() {
            let text = ByteText.normalizeWhitespace(buffer)
            if !text.isEmpty, let owner = owners.last {
                let chars = ByteText.weightedLength(text)
                // Link share measured on raw bytes, scaled to the normalised length.
                let linkChars = totalBytes == 0 ? 0 : min(chars, chars * linkBytes / max(totalBytes, 1))
                blocks.append(Block(text: text, chars: chars, linkChars: linkChars, owner: owner, kind: kind(of: owner, in: tree)))
            }
            buffer.removeAll(keepingCapacity: true)
            linkBytes = 0
            totalBytes = 0
        }

        func leave(_ element: Int32) {
            let tag = tree.nodes[Int(element)].tag
            if tag == .a { linkDepth = max(0, linkDepth - 1) }
            if tag.isBlock {
                flush()
                if owners.count > 1 { owners.removeLast() }
            }
        }

        // Pre-order walk with explicit enter/leave so block boundaries close correctly.
        var current = tree.nodes[0].firstChild
        var path: [Int32] = []
        while current >= 0 {
            let node = tree.nodes[Int(current)]
            var descend = false
            if node.removedBy >= 0 || node.tag == .head || node.tag == .title {
                // skipped subtree
            } else if node.tag == .text {
                let text = tree.text[Int(node.start)..<Int(node.end)]
                var nonSpace = 0
                for byte in text where !ByteText.isSpace(byte) { nonSpace += 1 }
                buffer.append(contentsOf: text)
                totalBytes += nonSpace
                if linkDepth > 0 { linkBytes += nonSpace }
            } else {
                if node.tag == .br || node.tag == .hr {
                    flush()
                } else {
                    if node.tag.isBlock { flush(); owners.append(current) }
                    if node.tag == .a { linkDepth += 1 }
                    descend = node.firstChild >= 0
                    if !descend { leave(current) }
                }
            }
            if descend {
                path.append(current)
                current = node.firstChild
                continue
            }
            // Move to the next sibling, leaving every element we climb out of.
            var next = node.nextSibling
            var climb = current
            while next < 0, let parent = path.popLast() {
                leave(parent)
                climb = parent
                next = tree.nodes[Int(climb)].nextSibling
            }
            current = next
        }
        flush()
        return blocks
    }

    private func kind(of owner: Int32, in tree: DocumentTree) -> Block.Kind {
        let tag = tree.nodes[Int(owner)].tag
        switch tag {
        case .p: return .paragraph
        case .h1: return .heading1
        case .h2, .h3, .h4, .h5, .h6: return .heading
        case .li, .dd, .dt: return .listItem
        case .blockquote: return .quote
        case .pre: return .preformatted
        case .td, .th: return .cell
        default: return .other
        }
    }
}
