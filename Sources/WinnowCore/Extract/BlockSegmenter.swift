/// Cuts the kept part of a document's `<body>` into `Block`s at block-level element boundaries and
/// `<br>`, in document order, counting link text on the way. Iterative walk, no recursion. While it
/// reads every kept text node it also counts, per node, what `ElementStats` needs (`TextCounts`), so
/// the text is scanned once.
public struct BlockSegmenter: Sendable {
    public init() {}

    public func segment(_ tree: DocumentTree) -> [Block] { segmentCounting(tree).blocks }

    public func segmentCounting(_ tree: DocumentTree) -> (blocks: [Block], counts: TextCounts) {
        var walk = Walk(tree: tree)
        walk.run()
        return (walk.blocks, walk.counts)
    }

    /// Appends `text` to a block's `buffer` as `ByteText.normalizeWhitespace` would leave the whole
    /// block (runs of ASCII whitespace and U+00A0 become one space, none at the ends; `pendingSpace`
    /// carries a run across text nodes). Copies runs of ordinary text at once. Returns the bytes that
    /// are not ASCII whitespace (for link share), the `ByteText.weightedLength` of what was added, and
    /// the node's `TextCounts` figures: weighted characters without spaces, and commas.
    static func appendNormalized(_ t: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8],
                                 pendingSpace: inout Bool) -> (nonSpace: Int, chars: Int, scalars: Int, commas: Int) {
        var nonSpace = 0
        var chars = 0
        var scalars = 0
        var commas = 0
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
                scalars += 1  // not a space to ElementStats
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
                    } else if c == UInt8(ascii: ",") {
                        commas += 1
                    }
                    weight += 1
                } else if c & 0xC0 != 0x80 {
                    if isNoBreakSpace(j) { break }
                    weight += (c >= 0xE3 && c <= 0xED) ? 3 : 1
                    // U+3001 IDEOGRAPHIC COMMA (E3 80 81) and U+FF0C FULLWIDTH COMMA (EF BC 8C).
                    if j + 2 < n && ((c == 0xE3 && t[j + 1] == 0x80 && t[j + 2] == 0x81) || (c == 0xEF && t[j + 1] == 0xBC && t[j + 2] == 0x8C)) {
                        commas += 1
                    }
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
            scalars += weight - spaces
            nonSpace += j - i - spaces
            i = j
        }
        return (nonSpace, chars, scalars, commas)
    }

    /// The walk's state; mutating methods rather than closures over locals, so no runtime
    /// exclusivity checks on the hot path.
    private struct Walk {
        let tree: DocumentTree
        var blocks: [Block] = []
        var counts: TextCounts
        // The open block's text, whitespace-normalised as it is appended (see `appendNormalized`).
        var buffer: [UInt8] = []
        var pendingSpace = false
        var chars = 0
        var linkBytes = 0
        var totalBytes = 0
        /// Open block owners (the innermost last).
        var owners: [Int32] = [DocumentTree.root]
        var linkDepth = 0
        /// Inside `<pre>`: text is kept as written (line breaks, indentation), only counted normalised.
        var preDepth = 0
        var scratch: [UInt8] = []
        var bufferHasCode = false
        /// The open block's span in the tree (`Block.startNode`, `Block.lastText`).
        var startNode: Int32 = -1
        var lastText: Int32 = -1
        /// Element boundaries between text nodes that separate words (`WordJoin`).
        var join = WordJoin()

        init(tree: DocumentTree) {
            self.tree = tree
            counts = TextCounts(nodeCount: tree.nodes.count)
        }

        mutating func run() {
            // Pre-order walk with explicit enter/leave so block boundaries close correctly.
            var current = tree.nodes[0].firstChild
            var path: [Int32] = []
            while current >= 0 {
                let node = tree.nodes[Int(current)]
                var descend = false
                if node.removedBy >= 0 || node.tag == .head || node.tag == .title {
                    // skipped subtree
                } else if node.tag == .text {
                    if startNode < 0 { startNode = current }
                    lastText = current
                    if node.start < node.end,
                       join.needsSpace(after: buffer.last, before: tree.text[Int(node.start)], oneLetterSoFar: buffer.count == 1) { pendingSpace = true }
                    let counted = preDepth > 0 ? appendPreformatted(node) : tree.text.withUnsafeBufferPointer { text in
                        BlockSegmenter.appendNormalized(UnsafeBufferPointer(rebasing: text[Int(node.start)..<Int(node.end)]), to: &buffer, pendingSpace: &pendingSpace)
                    }
                    chars += counted.chars
                    totalBytes += counted.nonSpace
                    if linkDepth > 0 { linkBytes += counted.nonSpace }
                    counts.record(current, scalars: counted.scalars, commas: counted.commas)
                } else if node.tag == .br || node.tag == .hr {
                    flush()
                } else {
                    if node.tag.isBlock { flush(); owners.append(current) } else if startNode < 0 { startNode = current }
                    join.enter(node.tag)
                    if node.tag == .a { linkDepth += 1 }
                    if node.tag == .pre { preDepth += 1 }
                    descend = node.firstChild >= 0
                    if !descend { leave(current) }
                }
                if descend {
                    path.append(current)
                    current = node.firstChild
                    continue
                }
                // Move to the next sibling, leaving every element we climb out of.
                var next = node.nextSibling
                while next < 0, let parent = path.popLast() {
                    leave(parent)
                    next = tree.nodes[Int(parent)].nextSibling
                }
                current = next
            }
            flush()
        }

        /// Code keeps its layout: the text goes in as written (CR LF as LF), and is counted as the
        /// normalised text would be, so the statistics do not depend on indentation.
        private mutating func appendPreformatted(_ node: DocumentTree.Node) -> (nonSpace: Int, chars: Int, scalars: Int, commas: Int) {
            var ignored = false
            scratch.removeAll(keepingCapacity: true)
            let counted = tree.text.withUnsafeBufferPointer { text in
                BlockSegmenter.appendNormalized(UnsafeBufferPointer(rebasing: text[Int(node.start)..<Int(node.end)]), to: &scratch, pendingSpace: &ignored)
            }
            if pendingSpace && !buffer.isEmpty && buffer.last != 0x0A && buffer.last != 0x20 { buffer.append(0x20) }
            pendingSpace = false
            bufferHasCode = true
            // U+00A0 (C2 A0) becomes a space; a lone A0 byte is the tail of another character (à is C3 A0).
            var i = Int(node.start)
            let end = Int(node.end)
            while i < end {
                let byte = tree.text[i]
                if byte == 0xC2 && i + 1 < end && tree.text[i + 1] == 0xA0 {
                    buffer.append(0x20)
                    i += 2
                    continue
                }
                if byte != 0x0D { buffer.append(byte) }
                i += 1
            }
            return counted
        }

        private mutating func flush() {
            if bufferHasCode { trimBlankEdges() }
            bufferHasCode = false
            if !buffer.isEmpty, let owner = owners.last {
                // Link share measured on raw bytes, scaled to the normalised length.
                let linkChars = totalBytes == 0 ? 0 : min(chars, chars * linkBytes / max(totalBytes, 1))
                blocks.append(Block(text: buffer, chars: chars, linkChars: linkChars, owner: owner, kind: BlockSegmenter.kind(of: owner, in: tree),
                                    startNode: startNode, lastText: lastText))
                buffer = []
            }
            startNode = -1
            lastText = -1
            pendingSpace = false
            chars = 0
            linkBytes = 0
            totalBytes = 0
        }

        /// A code block starts and ends with text, not with blank lines or trailing spaces.
        private mutating func trimBlankEdges() {
            while let last = buffer.last, ByteText.isSpace(last) { buffer.removeLast() }
            // Drop whole leading blank lines only: indentation of the first code line stays.
            var lineStart = 0
            var i = 0
            while i < buffer.count && (buffer[i] == 0x20 || buffer[i] == 0x09 || buffer[i] == 0x0A) {
                if buffer[i] == 0x0A { lineStart = i + 1 }
                i += 1
            }
            if lineStart > 0 { buffer.removeFirst(lineStart) }
        }

        private mutating func leave(_ element: Int32) {
            let tag = tree.nodes[Int(element)].tag
            join.leave(tag)
            if tag == .a { linkDepth = max(0, linkDepth - 1) }
            if tag == .pre { preDepth = max(0, preDepth - 1) }
            if tag.isBlock {
                flush()
                if owners.count > 1 { owners.removeLast() }
            }
        }
    }

    static func kind(of owner: Int32, in tree: DocumentTree) -> Block.Kind {
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

/// Per text node: weighted characters that are not whitespace (CJK counts three) and commas, as
/// `ElementStats` sums them; -1 for nodes not counted (the segmenter skips head and title).
public struct TextCounts: Sendable {
    private(set) var scalars: [Int32]
    private(set) var commas: [Int32]

    init(nodeCount: Int) {
        scalars = [Int32](repeating: -1, count: nodeCount)
        commas = [Int32](repeating: 0, count: nodeCount)
    }

    mutating func record(_ node: Int32, scalars: Int, commas: Int) {
        self.scalars[Int(node)] = Int32(clamping: scalars)
        self.commas[Int(node)] = Int32(clamping: commas)
    }

    /// (scalars, commas) of `node`, or nil when it was not counted.
    func counts(of node: Int) -> (Int32, Int32)? {
        node < scalars.count && scalars[node] >= 0 ? (scalars[node], commas[node]) : nil
    }
}
