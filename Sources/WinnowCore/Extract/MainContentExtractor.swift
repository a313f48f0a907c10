/// Finds the main content among a page's blocks, Readability-style: paragraph-like blocks score their
/// ancestors (text length, commas), scores are weighted by class/id hints and tag, discounted by link
/// density, and the best container's blocks (plus strong siblings) are kept in reading order.
/// Inside the winner, link lists and short non-sentences are dropped (jusText-style).
public struct MainContentExtractor: Sendable {
    public struct Settings: Sendable {
        public var maxLinkDensity: Double
        public var minBlockChars: Int
    }

    public struct Decision: Sendable {
        public var block: Block
        public var kept: Bool
        /// Why: "main", "sibling", "link-dense", "short", "outside", "headline", "fallback".
        public var signal: String
    }

    let settings: Settings

    public init(settings: Settings) { self.settings = settings }

    public func extract(_ blocks: [Block], tree: DocumentTree) -> [Decision] {
        guard !blocks.isEmpty else { return [] }
        var scores: [Int32: Double] = [:]
        var textChars: [Int32: Int] = [:]
        var linkChars: [Int32: Int] = [:]

        // Every block's text counts towards its ancestors' totals (for link density of containers).
        for block in blocks {
            var node = block.owner
            while node > 0 {
                textChars[node, default: 0] += block.chars
                linkChars[node, default: 0] += block.linkChars
                node = tree.nodes[Int(node)].parent
            }
        }
        for block in blocks where isParagraphLike(block) {
            let commas = block.text.reduce(0) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) }
            let contentScore = 1.0 + Double(commas) + min(Double(block.chars) / 100.0, 3.0)
            var node = block.owner
            var level = 0
            while node > 0 && level < 5 {
                if scores[node] == nil { scores[node] = initialScore(node, tree) }
                let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level) * 3.0)
                scores[node, default: 0] += contentScore / divider
                node = tree.nodes[Int(node)].parent
                level += 1
            }
        }
        var best: Int32 = -1
        var bestScore = -Double.infinity
        for (node, score) in scores {
            let total = Double(max(textChars[node] ?? 0, 1))
            let density = Double(linkChars[node] ?? 0) / total
            let final = score * (1 - density)
            scores[node] = final
            if final > bestScore || (final == bestScore && node < best) { best = node; bestScore = final }
        }
        guard best > 0 else { return fallback(blocks) }

        // Siblings of the winner that score well enough join it (articles split over several divs).
        var chosen: Set<Int32> = [best]
        let parent = tree.nodes[Int(best)].parent
        if parent >= 0 {
            let threshold = max(10, bestScore * 0.2)
            var sibling = tree.nodes[Int(parent)].firstChild
            while sibling >= 0 {
                if sibling != best, let score = scores[sibling], score >= threshold { chosen.insert(sibling) }
                sibling = tree.nodes[Int(sibling)].nextSibling
            }
        }

        var decisions: [Decision] = []
        decisions.reserveCapacity(blocks.count)
        for block in blocks {
            let container = ancestor(of: block.owner, in: chosen, tree: tree)
            guard container >= 0 else {
                decisions.append(Decision(block: block, kept: false, signal: "outside"))
                continue
            }
            let signal = container == best ? "main" : "sibling"
            if block.kind == .heading1 {
                decisions.append(Decision(block: block, kept: false, signal: "headline"))
            } else if block.linkDensity > settings.maxLinkDensity {
                decisions.append(Decision(block: block, kept: false, signal: "link-dense"))
            } else if block.chars < settings.minBlockChars && !looksLikeContentFragment(block) {
                decisions.append(Decision(block: block, kept: false, signal: "short"))
            } else {
                decisions.append(Decision(block: block, kept: true, signal: signal))
            }
        }
        return decisions
    }

    /// Very short pages and listings: keep every block that reads like text.
    private func fallback(_ blocks: [Block]) -> [Decision] {
        blocks.map { block in
            let keep = block.linkDensity <= settings.maxLinkDensity && block.chars >= settings.minBlockChars
            return Decision(block: block, kept: keep, signal: keep ? "fallback" : "short")
        }
    }

    private func isParagraphLike(_ block: Block) -> Bool {
        block.chars >= settings.minBlockChars && block.linkDensity < settings.maxLinkDensity
            && block.kind != .heading1 && block.kind != .heading
    }

    private func initialScore(_ node: Int32, _ tree: DocumentTree) -> Double {
        var score = ClassWeight.weight(of: node, in: tree)
        switch tree.nodes[Int(node)].tag {
        case .article: score += 10
        case .main: score += 5
        case .div: score += 5
        case .pre, .td, .blockquote: score += 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li: score -= 3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score -= 5
        default: break
        }
        return score
    }

    /// The nearest ancestor-or-self of `node` in `set`, or -1.
    private func ancestor(of node: Int32, in set: Set<Int32>, tree: DocumentTree) -> Int32 {
        var current = node
        while current > 0 {
            if set.contains(current) { return current }
            current = tree.nodes[Int(current)].parent
        }
        return -1
    }

    /// Short blocks inside the main content that still belong to it: sub-headings, list items and
    /// quotes, and anything that ends like a sentence.
    private func looksLikeContentFragment(_ block: Block) -> Bool {
        if block.kind == .heading || block.kind == .listItem || block.kind == .quote { return block.linkDensity < 0.5 }
        guard let last = block.text.last else { return false }
        return last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?") || last == UInt8(ascii: "\"")
            || last == 0x9D /* ” ends in 0x9D */ || last == 0x82 /* 。ends in 0x82 */
    }
}
