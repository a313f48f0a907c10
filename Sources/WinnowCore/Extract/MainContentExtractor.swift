/// Finds the main content of a page, Readability-style, then keeps the blocks inside it that read like
/// body text (jusText-style):
/// 1. paragraph-like blocks score their ancestors (1 + commas + length, divided by distance);
///    ancestors start with a tag bonus and a class/id weight, and scores are discounted by link density;
/// 2. the best candidate is promoted to an ancestor when close alternatives share it, when scores rise
///    going up, when it is an only child, or when the ancestor holds clearly more body text;
/// 3. siblings that score close to it (or are good paragraphs) join it;
/// 4. inside, conditional cleaning drops link lists, image galleries, form-heavy and link-heavy boxes;
/// 5. remaining blocks are kept unless they are the headline, link-dense, or short non-sentences.
public struct MainContentExtractor: Sendable {
    public struct Settings: Sendable {
        public var maxLinkDensity: Double
        public var minBlockChars: Int
        /// Decides block by block from Readability's choice and the page's structure; nil: Readability alone.
        public var classifier: BlockClassifier? = nil
        /// Names the kind of page (`Explanation.pageType`); nil: no page type.
        public var pageTypes: PageTypeClassifier? = nil

        public init(maxLinkDensity: Double, minBlockChars: Int, classifier: BlockClassifier? = nil, pageTypes: PageTypeClassifier? = nil) {
            self.maxLinkDensity = maxLinkDensity
            self.minBlockChars = minBlockChars
            self.classifier = classifier
            self.pageTypes = pageTypes
        }
    }

    public struct Decision: Sendable {
        public var block: Block
        public var kept: Bool
        /// Why: "main", "sibling", "link-dense", "short", "outside", "headline", "cleaned", "fallback".
        public var signal: String
        /// What the block added to its containers' scores (0 when it does not count as a paragraph).
        public var score: Double = 0
    }

    let settings: Settings

    public init(settings: Settings) { self.settings = settings }

    /// The decisions plus a description of the chosen container, for `winnow inspect`.
    public struct Explanation: Sendable {
        public var decisions: [Decision]
        public var container: String
        public var pageType: String? = nil
    }

    /// `textCounts`: from `BlockSegmenter.segmentCounting`, so text is not scanned twice (optional).
    public func extract(_ blocks: [Block], tree: DocumentTree, textCounts: TextCounts? = nil) -> [Decision] {
        explain(blocks, tree: tree, textCounts: textCounts).decisions
    }

    /// `exactScores`: every block's score is its probability (`inspect`); the pipeline only needs the decisions.
    public func explain(_ blocks: [Block], tree: DocumentTree, textCounts: TextCounts? = nil, exactScores: Bool = true) -> Explanation {
        let (readability, stats) = readabilityExplanation(blocks, tree: tree, textCounts: textCounts)
        guard settings.classifier != nil || settings.pageTypes != nil, let stats else { return readability }
        let rows = BlockFeatures(tree: tree, stats: stats, blocks: blocks).rows(blocks, decisions: readability.decisions)
        let pageType = settings.pageTypes?.classify(PageTypeFeatures.row(rows: rows, chars: blocks.map(\.chars)))
        var explanation = settings.classifier?.decide(readability, rows: rows, pageType: pageType, exactScores: exactScores) ?? readability
        explanation.pageType = pageType
        return explanation
    }

    /// Readability's decisions and the element statistics (nil for a page with no text), and the rows
    /// of features the block classifier reads: for `winnow features`.
    func featureRows(_ blocks: [Block], tree: DocumentTree, textCounts: TextCounts? = nil) -> [Double] {
        let (readability, stats) = readabilityExplanation(blocks, tree: tree, textCounts: textCounts)
        guard let stats else { return [] }
        return BlockFeatures(tree: tree, stats: stats, blocks: blocks).rows(blocks, decisions: readability.decisions)
    }

    private func readabilityExplanation(_ blocks: [Block], tree: DocumentTree, textCounts: TextCounts?) -> (Explanation, ElementStats?) {
        guard !blocks.isEmpty else { return (Explanation(decisions: [], container: "none (no text)"), nil) }
        var stats = ElementStats(tree, textCounts: textCounts)
        stats.countParagraphs(blocks, in: tree)
        stats.weighClasses(blocks, in: tree)
        let scorer = CandidateScorer(tree: tree, stats: stats, minChars: settings.minBlockChars)
        let candidates = scorer.score(blocks)
        guard let top = ContainerChooser(tree: tree, stats: stats).choose(candidates) else {
            return (Explanation(decisions: fallback(blocks), container: "none (fallback: every text-like block)"), stats)
        }
        let chosen = SiblingJoiner(tree: tree, stats: stats).join(top: (top.node, top.score), scores: candidates)
        let cleaned = ConditionalCleaner(tree: tree, stats: stats).removals(inside: chosen.map(\.node))

        var decisions: [Decision] = []
        decisions.reserveCapacity(blocks.count)
        let chosenSet = Dictionary(uniqueKeysWithValues: chosen.map { ($0.node, $0.signal) })
        for block in blocks {
            var signal: String?
            var cleanedOut = false
            var node = block.owner
            while node > 0 {
                if cleaned.contains(node) { cleanedOut = true }
                if let found = chosenSet[node] { signal = found; break }
                node = tree.nodes[Int(node)].parent
            }
            guard let signal else {
                decisions.append(Decision(block: block, kept: false, signal: "outside"))
                continue
            }
            if cleanedOut {
                decisions.append(Decision(block: block, kept: false, signal: "cleaned"))
            } else if block.kind == .heading1 {
                decisions.append(Decision(block: block, kept: false, signal: "headline"))
            } else if block.linkDensity > settings.maxLinkDensity {
                decisions.append(Decision(block: block, kept: false, signal: "link-dense"))
            } else if block.chars < settings.minBlockChars && !looksLikeContentFragment(block) {
                decisions.append(Decision(block: block, kept: false, signal: "short"))
            } else {
                decisions.append(Decision(block: block, kept: true, signal: signal))
            }
        }
        for index in decisions.indices { decisions[index].score = scorer.contentScore(decisions[index].block) }
        let container = "\(Self.describe(top.node, tree)) score \(Int(top.score)) via \((["best"] + top.steps).joined(separator: " → ")), \(chosen.count - 1) sibling(s)"
        return (Explanation(decisions: decisions, container: container), stats)
    }

    static func describe(_ node: Int32, _ tree: DocumentTree) -> String {
        var label = "<" + tree.tagName(tree.nodes[Int(node)].tag)
        if let id = tree.attributeString(AttributeNames.id, of: node) { label += " id=\"\(id)\"" }
        if let cls = tree.attributeString(AttributeNames.class, of: node) { label += " class=\"\(cls.prefix(60))\"" }
        return label + ">"
    }

    /// Very short pages and listings: keep every block that reads like text.
    private func fallback(_ blocks: [Block]) -> [Decision] {
        blocks.map { block in
            let keep = block.linkDensity <= settings.maxLinkDensity && block.chars >= settings.minBlockChars && block.kind != .heading1
            return Decision(block: block, kept: keep, signal: keep ? "fallback" : "short")
        }
    }

    /// Short blocks inside the main content that still belong to it: sub-headings, list items and
    /// quotes, and anything that ends like a sentence.
    private func looksLikeContentFragment(_ block: Block) -> Bool {
        if block.kind == .heading || block.kind == .listItem || block.kind == .quote || block.kind == .cell { return block.linkDensity < 0.5 }
        return SentenceEnd.endsSentence(block.text)
    }
}

/// Does text end like a sentence: . ! ? … or a closing quote after one, in Latin and CJK scripts.
enum SentenceEnd {
    static func endsSentence(_ text: [UInt8]) -> Bool {
        var end = text.count
        // Skip closing quotes and brackets: ", ', ), ”, ’, 」.
        while end > 0 {
            let b = text[end - 1]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: ")") { end -= 1; continue }
            if end >= 3 && text[end - 3] == 0xE2 && text[end - 2] == 0x80 && (text[end - 1] == 0x9D || text[end - 1] == 0x99) { end -= 3; continue }
            if end >= 3 && text[end - 3] == 0xE3 && text[end - 2] == 0x80 && text[end - 1] == 0x8D { end -= 3; continue }
            break
        }
        guard end > 0 else { return false }
        let b = text[end - 1]
        if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") { return true }
        // … (E2 80 A6), 。(E3 80 82), ！(EF BC 81), ？(EF BC 9F)
        if end >= 3 {
            let t = (text[end - 3], text[end - 2], b)
            if t == (0xE2, 0x80, 0xA6) || t == (0xE3, 0x80, 0x82) || t == (0xEF, 0xBC, 0x81) || t == (0xEF, 0xBC, 0x9F) { return true }
        }
        return false
    }
}
