/// A table's grid, and whether it holds data (a GFM pipe table) or lays out a page (its blocks are
/// written as blocks): a layout table has one column, `role="presentation"`, or a cell that holds
/// block content (a list, table, heading, code block, quote, rule, form or section).
struct TableShape {
    struct Cell { var row: Int32; var column: Int; var span: Int }

    private(set) var isData = false
    private(set) var columns = 0
    private(set) var cells: [Int32: Cell] = [:]

    static let maxSpan = 64

    init(table: Int32, tree: DocumentTree) {
        if let role = tree.attribute(AttributeNames.role, of: table), ByteText.equalsIgnoringASCIICase(role, "presentation") { return }
        var blockContent = false
        for row in TableShape.rows(of: table, in: tree) {
            var column = 0
            var cell = tree.nodes[Int(row)].firstChild
            while cell >= 0 {
                let tag = tree.nodes[Int(cell)].tag
                if tag == .td || tag == .th {
                    let span = TableShape.colspan(of: cell, in: tree)
                    cells[cell] = Cell(row: row, column: column, span: span)
                    column += span
                    if !blockContent { blockContent = TableShape.holdsBlocks(cell, in: tree) }
                }
                cell = tree.nodes[Int(cell)].nextSibling
            }
            columns = max(columns, column)
        }
        isData = columns >= 2 && !blockContent
    }

    /// The table's own rows: `tr` children, also inside `thead`/`tbody`/`tfoot` (not nested tables').
    static func rows(of table: Int32, in tree: DocumentTree) -> [Int32] {
        var rows: [Int32] = []
        var child = tree.nodes[Int(table)].firstChild
        while child >= 0 {
            let tag = tree.nodes[Int(child)].tag
            if tag == .tr {
                rows.append(child)
            } else if tag == .thead || tag == .tbody || tag == .tfoot {
                var row = tree.nodes[Int(child)].firstChild
                while row >= 0 {
                    if tree.nodes[Int(row)].tag == .tr { rows.append(row) }
                    row = tree.nodes[Int(row)].nextSibling
                }
            }
            child = tree.nodes[Int(child)].nextSibling
        }
        return rows
    }

    private static func colspan(of cell: Int32, in tree: DocumentTree) -> Int {
        guard let value = tree.attribute(AttributeNames.colspan, of: cell) else { return 1 }
        var n = 0
        for b in value {
            guard b >= 0x30 && b <= 0x39 else { if b == 0x20 { continue } else { break } }
            n = min(maxSpan, n * 10 + Int(b - 0x30))
        }
        return max(1, n)
    }

    private static func holdsBlocks(_ cell: Int32, in tree: DocumentTree) -> Bool {
        var found = false
        tree.forEachDescendant(of: cell) { node in
            switch tree.nodes[Int(node)].tag {
            case .table, .ul, .ol, .dl, .pre, .blockquote, .h1, .h2, .h3, .h4, .h5, .h6, .hr, .form, .section, .article: found = true
            default: break
            }
        }
        return found
    }
}
