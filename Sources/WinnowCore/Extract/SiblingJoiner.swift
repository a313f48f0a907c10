/// Readability's sibling step: children of the container's parent join the content when they score
/// at least a fifth of the container (more if they share its class), or when they are good paragraphs
/// on their own (long with few links, or a short clean sentence).
struct SiblingJoiner {
    let tree: DocumentTree
    let stats: ElementStats

    func join(top: (node: Int32, score: Double), scores: [Int32: Double]) -> [(node: Int32, signal: String)] {
        let parent = tree.nodes[Int(top.node)].parent
        guard parent > 0, tree.nodes[Int(parent)].tag != .html else { return [(top.node, "main")] }
        let threshold = max(10, top.score * 0.2)
        let topClass = tree.attribute(AttributeNames.class, of: top.node)
        var chosen: [(Int32, String)] = []
        var sibling = tree.nodes[Int(parent)].firstChild
        while sibling >= 0 {
            let node = tree.nodes[Int(sibling)]
            defer { sibling = node.nextSibling }
            guard node.removedBy < 0, node.tag != .text else { continue }
            if sibling == top.node { chosen.append((sibling, "main")); continue }
            var bonus = 0.0
            if let topClass, !topClass.isEmpty, let own = tree.attribute(AttributeNames.class, of: sibling), own.elementsEqual(topClass) {
                bonus = top.score * 0.2
            }
            if let score = scores[sibling], score + bonus >= threshold { chosen.append((sibling, "sibling")); continue }
            if node.tag == .p {
                let chars = stats.counts[Int(sibling)].chars
                let density = stats.linkDensity(sibling)
                if (chars > 80 && density < 0.25) || (chars > 0 && chars <= 80 && density == 0 && SentenceEnd.endsSentence(ByteText.normalizeWhitespace(tree.textContent(of: sibling)))) {
                    chosen.append((sibling, "sibling"))
                }
            }
        }
        return chosen
    }
}
