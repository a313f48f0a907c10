/// What the page-type classifier reads about a page: the page figures of `BlockFeatures` plus, over
/// all text and over the text of Readability's container, the share of characters in each kind of
/// block, under each telling class word (comment, answer, card, price, doc…), in repeated structures,
/// inside articles, tables and forms. Derived from the block rows alone, so it does not depend on the
/// block classifier's decisions (the two models are trained independently).
enum PageTypeFeatures {
    static let classWords = ["comment", "reply", "answer", "question", "post", "thread", "message", "review", "forum",
                             "card", "item", "product", "price", "grid", "result", "listing", "teaser", "tile",
                             "doc", "toc", "faq", "hero", "feature", "spec", "desc", "article", "content", "entry",
                             "blog", "date", "author", "tag", "categ", "filter", "facet", "pagination"]
    static let kindNames = ["kind_paragraph", "kind_heading", "kind_listItem", "kind_quote", "kind_preformatted", "kind_cell", "kind_other"]
    static let tagNames = ["in_article", "in_main", "in_section", "in_table", "in_form", "in_li", "in_header"]
    static let pageColumns = ["page_log_chars", "page_log_blocks", "page_link_density", "page_container_share", "page_list_share", "page_heading_share"]

    /// Per scope (all text, the container's text): these shares.
    static let shareColumns: [String] = kindNames + tagNames + classWords.map { "far_\($0)" } + ["ends_sentence"]

    static let names: [String] = pageColumns
        + ["log_max_repeat", "repeated_share", "mean_link_density", "container_blocks_share"]
        + ["all", "container"].flatMap { scope in shareColumns.map { "\(scope)_\($0)" } }

    static var count: Int { names.count }

    private static let columnIndex: [String: Int] = Dictionary(uniqueKeysWithValues: BlockFeatures.names.enumerated().map { ($1, $0) })

    private static func column(_ name: String) -> Int { columnIndex[name] ?? 0 }

    /// `rows`: `BlockFeatures` rows of the page's blocks, flattened; `chars`: each block's characters.
    static func row(rows: [Double], chars: [Int]) -> [Double] {
        let width = BlockFeatures.count
        let n = chars.count
        guard n > 0, rows.count == n * width else { return [Double](repeating: 0, count: count) }
        let shares = shareColumns.map(column)
        let inside = column("readability_inside"), repeatCol = column("log_repeat"), linkCol = column("link_density")
        var out = pageColumns.map { rows[column($0)] }
        var all = [Double](repeating: 0, count: shares.count), container = all
        var total = 0.0, containerTotal = 0.0, repeated = 0.0, maxRepeat = 0.0, link = 0.0, containerBlocks = 0.0
        // On buffers: this reads every share column of every block of every page.
        rows.withUnsafeBufferPointer { rows in shares.withUnsafeBufferPointer { shares in
            all.withUnsafeMutableBufferPointer { all in container.withUnsafeMutableBufferPointer { container in
                for b in 0..<n {
                    let base = b * width
                    let weight = Double(chars[b])
                    let inContainer = rows[base + inside] > 0
                    total += weight
                    link += weight * rows[base + linkCol]
                    maxRepeat = max(maxRepeat, rows[base + repeatCol])
                    if rows[base + repeatCol] >= 1.09 { repeated += weight }  // three or more alike (log 3)
                    if inContainer { containerTotal += weight; containerBlocks += 1 }
                    for k in 0..<shares.count {
                        let value = weight * rows[base + shares[k]]
                        all[k] += value
                        if inContainer { container[k] += value }
                    }
                }
            } }
        } }
        out += [maxRepeat, repeated / max(total, 1), link / max(total, 1), containerBlocks / Double(n)]
        out += all.map { $0 / max(total, 1) }
        out += container.map { $0 / max(containerTotal, 1) }
        return out
    }
}
