/// Finds, for each kept block, what it is in Markdown (heading, code, table cell, term, paragraph)
/// and the lists and quotes around it, and renders its inline Markdown. Runs while the tree is there
/// (in the extract stage); the tables it meets are measured once each.
struct MarkdownBlockBuilder {
    let tree: DocumentTree
    let inline: InlineMarkdown
    private var tables: [Int32: TableShape] = [:]

    init(tree: DocumentTree, settings: OutputSettings, pageURL: String?) {
        self.tree = tree
        let resolver = settings.links || settings.images ? LinkResolver(pageURL: pageURL, tree: tree) : nil
        inline = InlineMarkdown(tree: tree, links: settings.links, images: settings.images, resolver: resolver)
    }

    mutating func build(_ blocks: [Block]) -> [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        out.reserveCapacity(blocks.count)
        for (k, block) in blocks.enumerated() {
            var built = build(block)
            built.owner = block.owner
            if case .code(let pre, _) = built.role, k > 0, let previous = out.last, case .code(let other, _) = previous.role, other == pre {
                built.gap = CodeText.gap(after: blocks[k - 1].lastText, before: block.startNode, pre: pre,
                                         lineStart: previous.inline.last == CodeText.newline, in: tree)
            }
            out.append(built)
        }
        return out
    }

    private mutating func build(_ block: Block) -> MarkdownBlock {
        var pre: Int32 = -1, cell: Int32 = -1, table: Int32 = -1
        var containers: [MarkdownBlock.Container] = []
        var node = block.owner
        while node > 0 {
            switch tree.nodes[Int(node)].tag {
            case .pre: if pre < 0 { pre = node }
            case .td, .th: if cell < 0 && table < 0 { cell = node }
            case .table: if table < 0 { table = node }
            case .li: containers.append(.init(node: node, list: tree.nodes[Int(node)].parent, marker: marker(of: node)))
            case .blockquote: containers.append(.init(node: node, list: -1, marker: []))
            default: break
            }
            node = tree.nodes[Int(node)].parent
        }
        containers.reverse()
        if pre >= 0 {
            return MarkdownBlock(role: .code(pre: pre, language: CodeLanguage.of(pre: pre, in: tree)), containers: containers,
                                 inline: CodeText.span(block, in: tree) ?? block.text)
        }
        if cell >= 0 && table >= 0 {
            let shape = self.shape(of: table)
            if shape.isData, let position = shape.cells[cell] {
                let role = MarkdownBlock.Role.cell(table: table, row: position.row, column: position.column, span: position.span, columns: shape.columns)
                return MarkdownBlock(role: role, containers: containers, inline: render(block, inTable: true))
            }
        }
        let role: MarkdownBlock.Role
        switch tree.nodes[Int(block.owner)].tag {
        case .h1: role = .heading(level: 1)
        case .h2: role = .heading(level: 2)
        case .h3: role = .heading(level: 3)
        case .h4: role = .heading(level: 4)
        case .h5: role = .heading(level: 5)
        case .h6: role = .heading(level: 6)
        case .dt: role = .term
        default: role = .paragraph
        }
        return MarkdownBlock(role: role, containers: containers, inline: render(block, inTable: false))
    }

    private func render(_ block: Block, inTable: Bool) -> [UInt8] {
        let out = inline.render(block, inTable: inTable)
        guard out.isEmpty else { return out }
        var escaped: [UInt8] = []
        MarkdownEscaper.appendEscaped(block.text, to: &escaped, inTable: inTable)
        if !inTable { MarkdownEscaper.escapeBlockEdges(&escaped) }
        return escaped
    }

    private mutating func shape(of table: Int32) -> TableShape {
        if let known = tables[table] { return known }
        let shape = TableShape(table: table, tree: tree)
        tables[table] = shape
        return shape
    }

    /// "- " in a `ul`, "N. " in an `ol` (N from `start` and the item's place).
    private func marker(of item: Int32) -> [UInt8] {
        let list = tree.nodes[Int(item)].parent
        guard list > 0, tree.nodes[Int(list)].tag == .ol else { return Array("- ".utf8) }
        var number = 1
        if let start = tree.attribute(AttributeNames.start, of: list) {
            let digits = start.prefix { $0 >= 0x30 && $0 <= 0x39 }
            if !digits.isEmpty && digits.count <= 6 { number = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        }
        var sibling = tree.nodes[Int(list)].firstChild
        while sibling >= 0 && sibling != item {
            if tree.nodes[Int(sibling)].tag == .li { number += 1 }
            sibling = tree.nodes[Int(sibling)].nextSibling
        }
        return Array("\(min(number, 999_999_999)). ".utf8)
    }

    /// The page title as the `#` line's text, escaped.
    static func title(_ title: String?) -> [UInt8]? {
        guard let title else { return nil }
        let text = ByteText.normalizeWhitespace(Array(title.utf8))
        guard !text.isEmpty else { return nil }
        var out: [UInt8] = []
        MarkdownEscaper.appendEscaped(text, to: &out, inTable: false)
        MarkdownEscaper.escapeBlockEdges(&out)
        return out
    }

    /// A paragraph of plain text (the description that stands in for a page without body text).
    static func paragraph(_ text: [UInt8]) -> MarkdownBlock {
        var out: [UInt8] = []
        MarkdownEscaper.appendEscaped(text, to: &out, inTable: false)
        MarkdownEscaper.escapeBlockEdges(&out)
        return MarkdownBlock(role: .paragraph, containers: [], inline: out)
    }
}
