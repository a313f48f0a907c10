/// A GFM pipe table from one data table's kept cells: the first row is the header, a `colspan`
/// repeats as empty cells, the cells of a row the extraction did not keep stay empty, several blocks
/// of one cell (split at `<br>` or paragraphs) are joined by a space.
enum PipeTable {
    static func lines(_ cells: ArraySlice<MarkdownBlock>) -> [[UInt8]] {
        var rows: [Int32] = []
        var grid: [Int32: [[UInt8]]] = [:]
        var width = 0
        for block in cells {
            guard case .cell(_, let row, let column, let span, let columns) = block.role else { continue }
            width = max(width, columns, column + span)
            if grid[row] == nil {
                rows.append(row)
                grid[row] = []
            }
            var slots = grid[row] ?? []
            if slots.count < column + 1 { slots.append(contentsOf: [[UInt8]](repeating: [], count: column + 1 - slots.count)) }
            if !slots[column].isEmpty { slots[column].append(0x20) }
            slots[column].append(contentsOf: block.inline)
            grid[row] = slots
        }
        let bar = UInt8(ascii: "|"), space = UInt8(0x20)
        func line(_ slots: [[UInt8]]) -> [UInt8] {
            var out: [UInt8] = [bar]
            for k in 0..<width {
                out.append(space)
                if k < slots.count { out.append(contentsOf: slots[k]) }
                out.append(contentsOf: [space, bar])
            }
            return out
        }
        var lines: [[UInt8]] = []
        for (k, row) in rows.enumerated() {
            lines.append(line(grid[row] ?? []))
            if k == 0 {
                var delimiter: [UInt8] = [bar]
                for _ in 0..<width { delimiter.append(contentsOf: Array(" --- |".utf8)) }
                lines.append(delimiter)
            }
        }
        return lines
    }
}
