/// Readability's candidate scoring: each paragraph-like block adds `1 + commas + min(chars/100, 3)` to
/// its container (the owner's parent) and, divided by distance, to four more ancestors. Each scored
/// element starts from a tag bonus plus its class/id weight; final scores are scaled by
/// `1 - link density`.
struct CandidateScorer {
    let tree: DocumentTree
    let stats: ElementStats
    let minChars: Int

    func score(_ blocks: [Block]) -> [Int32: Double] {
        var scores: [Int32: Double] = [:]
        for block in blocks {
            let contentScore = self.contentScore(block)
            guard contentScore > 0 else { continue }
            var node = tree.nodes[Int(block.owner)].parent
            var level = 0
            while node > 0 && level < 5 {
                if scores[node] == nil { scores[node] = initialScore(node) }
                let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level) * 3.0)
                scores[node, default: 0] += contentScore / divider
                node = tree.nodes[Int(node)].parent
                level += 1
            }
        }
        for (node, score) in scores { scores[node] = score * (1 - stats.linkDensity(node)) }
        return scores
    }

    /// What a block adds to its containers: `1 + commas + min(chars / 100, 3)` for paragraph-like
    /// blocks, 0 for the rest (short, headline, list items).
    func contentScore(_ block: Block) -> Double {
        guard isScored(block) else { return 0 }
        let commas = block.text.reduce(0) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) }
        return 1.0 + Double(commas) + min(Double(block.chars / 100), 3.0)
    }

    private func isScored(_ block: Block) -> Bool {
        guard block.chars >= minChars else { return false }
        switch block.kind {
        case .paragraph, .preformatted, .cell, .other, .heading, .quote: return true
        case .heading1, .listItem: return false
        }
    }

    func initialScore(_ node: Int32) -> Double {
        var score = stats.classWeight(node, in: tree)
        switch tree.nodes[Int(node)].tag {
        case .article: score += 10
        case .div, .main: score += 5
        case .pre, .td, .blockquote: score += 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score -= 3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score -= 5
        default: break
        }
        return score
    }
}
