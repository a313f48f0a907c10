/// Readability's conditional cleaning inside the chosen content: boxes that look like widgets rather
/// than prose are left out — link lists, image galleries, form-heavy boxes, link-heavy boxes with few
/// commas, lone embeds. Returns the elements to leave out (their subtrees go with them).
struct ConditionalCleaner {
    let tree: DocumentTree
    let stats: ElementStats

    func removals(inside roots: [Int32]) -> Set<Int32> {
        var removed = Set<Int32>()
        for root in roots {
            var current = tree.nodes[Int(root)].firstChild
            while current >= 0 {
                let node = tree.nodes[Int(current)]
                var descend = node.removedBy < 0 && node.tag != .text
                if descend, isCandidate(node.tag), shouldRemove(current) {
                    removed.insert(current)
                    descend = false
                }
                if descend && node.firstChild >= 0 {
                    current = node.firstChild
                    continue
                }
                current = next(after: current, within: root)
            }
        }
        return removed
    }

    private func isCandidate(_ tag: HTMLTag) -> Bool {
        tag == .div || tag == .section || tag == .ul || tag == .ol || tag == .table || tag == .header || tag == .aside || tag == .footer
    }

    private func shouldRemove(_ node: Int32) -> Bool {
        let i = Int(node)
        let tag = tree.nodes[i].tag
        let weight = stats.classWeight(node, in: tree)
        let chars = Int(stats.counts[i].chars)
        let density = stats.linkDensity(node)
        let isList = tag == .ul || tag == .ol
        if chars == 0 { return false }
        if weight < 0 && density > 0.2 { return true }
        // A list of short items that each carry a link, its text mostly links: teasers, "more stories".
        let items = Int(stats.counts[i].listItems)
        if isList && items >= 3 && Int(stats.counts[i].itemsWithLinks) >= items && density >= 0.3 && chars / items <= 100 { return true }
        guard stats.counts[i].commas < 10 else { return false }
        let paragraphs = max(Int(stats.counts[i].paragraphs), Int(stats.counts[i].textParagraphs))
        let images = Int(stats.counts[i].images)
        let listItems = items - 100  // Readability's bias towards keeping lists
        let headingDensity = chars == 0 ? 0 : Double(stats.counts[i].headingChars) / Double(chars)
        let embeds = Int(stats.counts[i].embeds)
        if images > 1 && Double(paragraphs) / Double(images) < 0.5 { return true }
        if !isList && listItems > paragraphs { return true }
        if !isList && headingDensity < 0.9 && chars < 25 && (images == 0 || images > 2) { return true }
        if !isList && weight < 25 && density > 0.2 { return true }
        if weight >= 25 && density > 0.5 { return true }
        if (embeds == 1 && chars < 75) || embeds > 1 { return true }
        return false
    }

    private func next(after node: Int32, within root: Int32) -> Int32 {
        var climb = node
        while climb != root && climb > 0 {
            let sibling = tree.nodes[Int(climb)].nextSibling
            if sibling >= 0 { return sibling }
            climb = tree.nodes[Int(climb)].parent
        }
        return -1
    }
}
