/// One kept block ready for Markdown: its inline Markdown and where it sits (lists, quotes, a table,
/// a code block), found in the tree at extraction so the layout needs no tree after filtering.
public struct MarkdownBlock: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        case paragraph
        case heading(level: Int)
        /// A definition list's term (`dt`): a `**term**` line.
        case term
        /// Text of a `pre` (its span as written, `CodeText`); blocks of one `pre` join into one fence.
        case code(pre: Int32, language: [UInt8])
        /// A cell of a data table: `column` counts `colspan`s; `columns` is the table's width.
        case cell(table: Int32, row: Int32, column: Int, span: Int, columns: Int)
    }

    /// A list item (with its marker, "- " or "3. ") or a block quote (`marker` empty), around the block.
    public struct Container: Sendable, Equatable {
        public var node: Int32
        /// The item's list (`ul`/`ol`); -1 for a quote.
        public var list: Int32
        public var marker: [UInt8]
        public var isQuote: Bool { marker.isEmpty }
    }

    public var role: Role
    /// The block's element (`Block.owner`): a heading cut at `<br>` is one heading again.
    public var owner: Int32 = -1
    /// Outermost first.
    public var containers: [Container]
    public var inline: [UInt8]
    /// Code: what the `pre` has between the block before (of the same `pre`) and this one, as
    /// written (`CodeText.gap`); nil when that is not known (then the lines are simply apart).
    public var gap: [UInt8]? = nil
}

/// A page's Markdown before layout: the blocks (one per paragraph of the record, filtered with them)
/// and the page title, written as `#` when no kept block is an `h1`.
public struct MarkdownDocument: Sendable {
    public var title: [UInt8]?
    public var blocks: [MarkdownBlock]

    /// Keeps the blocks at `indices` (the line filter's choice over the paragraphs).
    mutating func keep(_ indices: [Int]) {
        let all = blocks
        blocks = indices.enumerated().compactMap { k, index in
            guard index < all.count else { return nil }
            var block = all[index]
            // A code block's gap was measured from the block before it: not if that one was dropped.
            if block.gap != nil && (k == 0 || indices[k - 1] != index - 1) { block.gap = nil }
            return block
        }
    }

    public var rendered: [UInt8] { MarkdownLayout.render(self) }
}
