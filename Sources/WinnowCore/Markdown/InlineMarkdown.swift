/// Renders one block's span of the tree (`Block.startNode` … `Block.lastText`) again, with its inline
/// markup: `em`/`i` as `*`, `strong`/`b` as `**`, `code`/`kbd`/`samp`/`tt` as backtick spans, links
/// and images when asked for; the text between is escaped (`MarkdownEscaper`) and whitespace-normalised
/// exactly as the segmenter normalised the block, so the words are the block's words.
struct InlineMarkdown {
    let tree: DocumentTree
    let links: Bool
    let images: Bool
    let resolver: LinkResolver?

    func render(_ block: Block, inTable: Bool) -> [UInt8] {
        var state = State(tree: tree, inTable: inTable, links: links, images: images, resolver: resolver)
        guard walk(block, into: &state) else {
            // The span could not be followed (it should always can): the plain text, escaped.
            var out: [UInt8] = []
            MarkdownEscaper.appendEscaped(block.text, to: &out, inTable: inTable)
            if !inTable { MarkdownEscaper.escapeBlockEdges(&out) }
            return out
        }
        state.closeAll()
        // A cell holds inline content only: nothing at its edges can start a block.
        if !inTable { MarkdownEscaper.escapeBlockEdges(&state.out) }
        return state.out
    }

    /// Pre-order walk from the span's first node to its last text node, opening the inline elements
    /// the span starts inside of first. False when the span leaves the block's owner.
    private func walk(_ block: Block, into state: inout State) -> Bool {
        let start = block.startNode, last = block.lastText
        guard start > 0, last > 0, Int(start) < tree.nodes.count, Int(last) < tree.nodes.count else { return false }
        var chain: [Int32] = []
        var ancestor = tree.nodes[Int(start)].parent
        while ancestor > 0 && ancestor != block.owner {
            chain.append(ancestor)
            ancestor = tree.nodes[Int(ancestor)].parent
        }
        guard ancestor == block.owner else { return false }
        for node in chain.reversed() { state.open(node) }
        var current = start
        while current >= 0 {
            let node = tree.nodes[Int(current)]
            var descend = false
            if node.removedBy >= 0 {
                // removed by cleaning: not part of the text
            } else if node.tag == .text {
                state.text(node)
                if current == last { return true }
            } else {
                state.open(current)
                descend = node.firstChild >= 0
                if !descend { state.close(current) }
            }
            if descend {
                current = node.firstChild
                continue
            }
            var climb = current
            var next = node.nextSibling
            while next < 0 {
                let parent = tree.nodes[Int(climb)].parent
                if parent <= 0 || parent == block.owner { return false }
                state.close(parent)
                climb = parent
                next = tree.nodes[Int(parent)].nextSibling
            }
            current = next
        }
        return false
    }

    /// The output and the open inline elements of one block.
    private struct State {
        enum Kind { case plain, em, strong, code, link }
        struct Open { var node: Int32; var kind: Kind; var position: Int }
        /// Emphasis whose closing marker follows punctuation: valid only if what comes next is
        /// whitespace or punctuation, which is known only when the next text arrives.
        struct Pending { var open: Int; var close: Int; var length: Int }

        let tree: DocumentTree
        let inTable: Bool
        let links: Bool
        let images: Bool
        let resolver: LinkResolver?
        var out: [UInt8] = []
        var stack: [Open] = []
        var pending: [Pending] = []
        /// The last emphasis span written, if its closing markers end `out`'s content so far.
        var lastSpan: (open: Int, end: Int, length: Int)?
        var pendingSpace = false
        var codeDepth = 0
        var code: [UInt8] = []
        var codeSpace = false
        var linkDepth = 0
        var scratch: [UInt8] = []
        /// The last text byte written (nil before any), how many, and the element boundaries since,
        /// so words joined across elements get the space the plain text gives them (`WordJoin`).
        var lastTextByte: UInt8?
        var textBytes = 0
        var join = WordJoin()

        init(tree: DocumentTree, inTable: Bool, links: Bool, images: Bool, resolver: LinkResolver?) {
            self.tree = tree
            self.inTable = inTable
            self.links = links
            self.images = images
            self.resolver = resolver
        }

        mutating func open(_ node: Int32) {
            let tag = tree.nodes[Int(node)].tag
            join.enter(tag)
            var kind = Kind.plain
            switch tag {
            case .em, .i: kind = codeDepth == 0 ? .em : .plain
            case .strong, .b: kind = codeDepth == 0 ? .strong : .plain
            case .code, .kbd, .samp, .tt:
                kind = .code
                codeDepth += 1
                if codeDepth == 1 { code.removeAll(keepingCapacity: true); codeSpace = false }
            case .a:
                if links && linkDepth == 0 && codeDepth == 0 && tree.hasAttribute(AttributeNames.href, of: node) { kind = .link }
                linkDepth += 1
            case .img:
                if images && codeDepth == 0 { image(node) }
            default: break
            }
            stack.append(Open(node: node, kind: kind, position: out.count))
        }

        mutating func close(_ node: Int32) {
            join.leave(tree.nodes[Int(node)].tag)
            guard let top = stack.last, top.node == node else { return }
            stack.removeLast()
            if tree.nodes[Int(node)].tag == .a { linkDepth -= 1 }
            switch top.kind {
            case .plain: break
            case .em: emphasis(from: top.position, marker: 1)
            case .strong: emphasis(from: top.position, marker: 2)
            case .code:
                codeDepth -= 1
                if codeDepth == 0 { codeSpan() }
            case .link: link(from: top.position, node: node)
            }
        }

        mutating func closeAll() {
            while let top = stack.last { close(top.node) }
            pending.removeAll()
        }

        mutating func text(_ node: DocumentTree.Node) {
            let range = Int(node.start)..<Int(node.end)
            guard !range.isEmpty else { return }
            let leading = ByteText.isSpace(tree.text[range.lowerBound]) || (tree.text[range.lowerBound] == 0xC2 && range.count > 1 && tree.text[range.lowerBound + 1] == 0xA0)
            if codeDepth > 0 {
                if code.isEmpty && leading { pendingSpace = true }
                tree.text.withUnsafeBufferPointer { text in
                    _ = BlockSegmenter.appendNormalized(UnsafeBufferPointer(rebasing: text[range]), to: &code, pendingSpace: &codeSpace)
                }
                return
            }
            scratch.removeAll(keepingCapacity: true)
            var trailing = false
            tree.text.withUnsafeBufferPointer { text in
                _ = BlockSegmenter.appendNormalized(UnsafeBufferPointer(rebasing: text[range]), to: &scratch, pendingSpace: &trailing)
            }
            guard !scratch.isEmpty else {
                pendingSpace = pendingSpace || leading
                return
            }
            let joined = join.needsSpace(after: lastTextByte, before: scratch[0], oneLetterSoFar: textBytes == 1)
            textBytes += scratch.count
            lastTextByte = trailing ? 0x20 : scratch[scratch.count - 1]
            let space = (pendingSpace || leading || joined) && !out.isEmpty
            resolvePending(nextIsSpaceOrPunctuation: space || MarkdownPunctuation.isPunctuation(scratch, at: 0))
            if space { out.append(0x20) }
            MarkdownEscaper.appendEscaped(scratch, to: &out, inTable: inTable)
            pendingSpace = trailing
        }

        /// What follows pending emphasis is now known.
        private mutating func resolvePending(nextIsSpaceOrPunctuation valid: Bool) {
            if valid { pending.removeAll(); return }
            while let p = pending.popLast() {
                lastSpan = nil
                guard p.close + p.length == out.count else { pending.removeAll(); return }
                out.removeSubrange(p.close..<(p.close + p.length))
                out.removeSubrange(p.open..<(p.open + p.length))
                for k in pending.indices {
                    if pending[k].open > p.open { pending[k].open -= p.length }
                    if pending[k].close > p.open { pending[k].close -= p.length }
                }
            }
        }

        /// Markers around `out[from...]` when CommonMark will read them as emphasis; otherwise none
        /// (the words stay, the emphasis is lost, never a stray `*`).
        private mutating func emphasis(from position: Int, marker length: Int) {
            var start = position
            while start < out.count && out[start] == 0x20 { start += 1 }
            guard start < out.count else { return }
            let star = UInt8(ascii: "*")
            // Back-to-back elements of one kind (`<b>CoolMax</b><b><sup>®</sup></b><b>):</b>`) are one
            // span: the last one's closing markers move to the end of this one's text.
            // (Not when an element still open began after that span: its recorded position would move.)
            if let last = lastSpan, last.end == start, last.length == length, out[out.count - 1] != star,
               stack.allSatisfy({ $0.position < last.end - length }) {
                out.removeSubrange((last.end - length)..<last.end)
                pending.removeAll()
                closeSpan(openedAt: last.open, length: length)
                return
            }
            // Adjacent delimiter runs merge: `***` is not two spans.
            if out[start] == star || out[out.count - 1] == star || (start > 0 && out[start - 1] == star) { return }
            // Unicode spaces (U+202F…) count as spaces to CommonMark but not to the normaliser.
            if MarkdownPunctuation.isUnicodeSpace(out, at: start) || MarkdownPunctuation.isUnicodeSpace(out, at: MarkdownPunctuation.start(endingAt: out.count, in: out)) { return }
            if MarkdownPunctuation.isPunctuation(out, at: start) && start > 0 && out[start - 1] != 0x20 && !MarkdownPunctuation.isPunctuation(out, endingAt: start) { return }
            pending.removeAll()
            out.insert(contentsOf: [UInt8](repeating: star, count: length), at: start)
            closeSpan(openedAt: start, length: length)
        }

        /// Appends the closing markers of the span whose opening ones are at `open`; it becomes
        /// `lastSpan`, and `pending` when its text ends in punctuation (valid only if a space or
        /// punctuation follows).
        private mutating func closeSpan(openedAt open: Int, length: Int) {
            let close = out.count
            let endsInPunctuation = MarkdownPunctuation.isPunctuation(out, endingAt: close)
            out.append(contentsOf: [UInt8](repeating: UInt8(ascii: "*"), count: length))
            if endsInPunctuation { pending.append(Pending(open: open, close: close, length: length)) }
            lastSpan = (open, out.count, length)
        }

        private mutating func link(from position: Int, node: Int32) {
            var start = position
            while start < out.count && out[start] == 0x20 { start += 1 }
            guard start < out.count, let href = tree.attribute(AttributeNames.href, of: node), let url = resolver?.destination(href) else { return }
            pending.removeAll()
            lastSpan = nil
            out.insert(UInt8(ascii: "["), at: start)
            out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "(")])
            out.append(contentsOf: url)
            out.append(UInt8(ascii: ")"))
        }

        /// `code` as a backtick span, one backtick longer than its longest run of backticks.
        private mutating func codeSpan() {
            let afterSpace = codeSpace
            defer { pendingSpace = pendingSpace || afterSpace }
            guard !code.isEmpty else { return }
            textBytes += code.count
            lastTextByte = afterSpace ? 0x20 : code[code.count - 1]
            let tick = UInt8(ascii: "`")
            var longest = 0, run = 0
            for b in code {
                run = b == tick ? run + 1 : 0
                longest = max(longest, run)
            }
            pending.removeAll()
            // Two spans back to back would make one run of backticks: a space keeps them apart.
            if (pendingSpace || out.last == tick) && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            let fence = [UInt8](repeating: tick, count: longest + 1)
            let pad = code.first == tick || code.last == tick
            out.append(contentsOf: fence)
            if pad { out.append(0x20) }
            for b in code {
                if inTable && b == UInt8(ascii: "|") { out.append(0x5C) }
                out.append(b)
            }
            if pad { out.append(0x20) }
            out.append(contentsOf: fence)
        }

        private mutating func image(_ node: Int32) {
            guard let src = tree.attribute(AttributeNames.src, of: node), let url = resolver?.destination(src) else { return }
            pending.removeAll()
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(contentsOf: [UInt8(ascii: "!"), UInt8(ascii: "[")])
            if let alt = tree.attribute(AttributeNames.alt, of: node) {
                MarkdownEscaper.appendEscaped(ByteText.normalizeWhitespace(alt), to: &out, inTable: inTable)
            }
            out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "(")])
            out.append(contentsOf: url)
            out.append(UInt8(ascii: ")"))
        }
    }
}
