/// Picks the element that holds the main content from the scored candidates, and lifts it to an
/// ancestor when the evidence says the content is spread wider than one container.
struct ContainerChooser {
    let tree: DocumentTree
    let stats: ElementStats

    func choose(_ scores: [Int32: Double]) -> (node: Int32, score: Double, steps: [String])? {
        var steps: [String] = []
        let ranked = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard var top = ranked.first, top.value > 0, !isPageRoot(top.key) else { return nil }

        // Close alternatives (≥ 75 % of the top score) that share an ancestor with the top: the article
        // is split, so the shared ancestor is the container (needs three such alternatives).
        let alternatives = ranked.dropFirst().prefix(4).filter { $0.value / top.value >= 0.75 }.map { ancestors(of: $0.key) }
        if alternatives.count >= 3 {
            var parent = tree.nodes[Int(top.key)].parent
            while parent > 0 && !isPageRoot(parent) {
                if alternatives.filter({ $0.contains(parent) }).count >= 3 { top = (parent, scores[parent] ?? top.value); steps.append("alternatives"); break }
                parent = tree.nodes[Int(parent)].parent
            }
        }

        // Scores rising on the way up mean more content lives beside the top.
        var lastScore = top.value
        let threshold = lastScore / 3
        var parent = tree.nodes[Int(top.key)].parent
        while parent > 0 && !isPageRoot(parent) {
            if let score = scores[parent] {
                if score < threshold { break }
                if score > lastScore { top = (parent, score); steps.append("rising"); break }
                lastScore = score
            }
            parent = tree.nodes[Int(parent)].parent
        }

        // An only child is no container of its own.
        while true {
            let parent = tree.nodes[Int(top.key)].parent
            guard parent > 0, !isPageRoot(parent), elementChildren(of: parent) == 1 else { break }
            top = (parent, scores[parent] ?? top.value)
            steps.append("only-child")
        }

        // An ancestor that also holds another strong candidate (≥ 40 % of the top score) and clearly more
        // text (by a third) at low link density: ads or widgets cut the article into pieces.
        while true {
            let parent = tree.nodes[Int(top.key)].parent
            guard parent > 0, !isPageRoot(parent) else { break }
            let mine = Double(stats.counts[Int(top.key)].chars - stats.counts[Int(top.key)].linkChars)
            let theirs = Double(stats.counts[Int(parent)].chars - stats.counts[Int(parent)].linkChars)
            guard theirs >= mine * 1.33, stats.linkDensity(parent) < 0.25 else { break }
            let current = top.key
            let strongElsewhere = ranked.contains { candidate in
                guard candidate.value >= top.value * 0.4, candidate.key != current else { return false }
                let path = ancestors(of: candidate.key)
                return path.contains(parent) && !path.contains(current) && !ancestors(of: current).contains(candidate.key)
            }
            guard strongElsewhere else { break }
            top = (parent, max(scores[parent] ?? 0, top.value))
            steps.append("split-article")
        }
        return (top.key, top.value, steps)
    }

    private func isPageRoot(_ node: Int32) -> Bool {
        let tag = tree.nodes[Int(node)].tag
        return tag == .body || tag == .html || node == DocumentTree.root
    }

    private func ancestors(of node: Int32) -> Set<Int32> {
        var set = Set<Int32>()
        var current = tree.nodes[Int(node)].parent
        while current > 0 { set.insert(current); current = tree.nodes[Int(current)].parent }
        return set
    }

    func elementChildren(of node: Int32) -> Int {
        var count = 0
        var child = tree.nodes[Int(node)].firstChild
        while child >= 0 {
            let n = tree.nodes[Int(child)]
            if n.removedBy < 0 {
                if n.tag != .text { count += 1 } else if stats.counts[Int(child)].chars > 0 { return 2 }  // loose text: not an only child
            }
            child = n.nextSibling
        }
        return count
    }
}
