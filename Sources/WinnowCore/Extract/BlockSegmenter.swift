/// Cuts the kept part of a document's `<body>` into `Block`s at block-level element boundaries and
/// `<br>`, in document order, counting link text on the way. Iterative walk, no recursion.
public struct BlockSegmenter: Sendable {
    public init() {}

    public func segment(_ tree: DocumentTree) -> [Block] {
        var blocks: [Block] = []
        // The open block's text, whitespace-normalised as it is appended (see `appendNormalized`).
        var buffer: [UInt8] = []
        var pendingSpace = false
        var chars = 0
        var linkBytes = 0
        var totalBytes = 0
        // Stack of open elements: (node, its block owner before it opened, was it a link).
        var owners: [Int32] = [DocumentTree.root]
        var linkDepth = 0

        func flush() {
            if !buffer.isEmpty, let owner = owners.last {
                // Link share measured on raw bytes, scaled to the normalised length.
                let linkChars = totalBytes == 0 ? 0 : min(chars, chars * linkBytes / max(totalBytes, 1))
                blocks.append(Block(text: buffer, chars: chars, linkChars: linkChars, owner: owner, kind: kind(of: owner, in: tree)))
                buffer = []
            }
            pendingSpace = false
            chars = 0
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
                let (nonSpace, added) = tree.text.withUnsafeBufferPointer { text in
                    BlockSegmenter.appendNormalized(UnsafeBufferPointer(rebasing: text[Int(node.start)..<Int(node.end)]), to: &buffer, pendingSpace: &pendingSpace)
                }
                chars += added
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

    /// Appends `text` to a block's `buffer` as `ByteText.normalizeWhitespace` would leave the whole
    /// block (runs of ASCII whitespace and U+00A0 become one space, none at the ends; `pendingSpace`
    /// carries a run across text nodes). Copies runs of ordinary text at once. Returns the bytes that
    /// are not ASCII whitespace (for link share) and the `ByteText.weightedLength` of what was added.
    static func appendNormalized(_ t: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8], pendingSpace: inout Bool) -> (nonSpace: Int, chars: Int) {
        var nonSpace = 0
        var chars = 0
        let n = t.count
        var i = 0
        @inline(__always) func isNoBreakSpace(_ k: Int) -> Bool { t[k] == 0xC2 && k + 1 < n && t[k + 1] == 0xA0 }
        while i < n {
            let byte = t[i]
            if ByteText.isSpace(byte) {
                pendingSpace = true
                i += 1
                continue
            }
            if isNoBreakSpace(i) {
                pendingSpace = true
                nonSpace += 2
                i += 2
                continue
            }
            // A run: text with single spaces between words, which normalising leaves as it is.
            var j = i
            var spaces = 0
            var weight = 0
            while j < n {
                let c = t[j]
                if c < 0x80 {
                    if c == 0x20 {
                        guard j + 1 < n, !ByteText.isSpace(t[j + 1]), !isNoBreakSpace(j + 1) else { break }
                        spaces += 1
                    } else if c >= 0x09 && c <= 0x0D {
                        break
                    }
                    weight += 1
                } else if c & 0xC0 != 0x80 {
                    if isNoBreakSpace(j) { break }
                    weight += (c >= 0xE3 && c <= 0xED) ? 3 : 1
                }
                j += 1
            }
            if pendingSpace && !buffer.isEmpty {
                buffer.append(0x20)
                chars += 1
            }
            pendingSpace = false
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: t[i..<j]))
            chars += weight
            nonSpace += j - i - spaces
            i = j
        }
        return (nonSpace, chars)
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
