import Foundation

/// What the block classifier (`BlockClassifier`) reads about each block, as one row of numbers:
/// the block's own text signals, where it sits (ancestor tags, class/id words near and far, repeated
/// sibling structures such as cards and posts), its neighbours, Readability's decision for it, and
/// figures of the whole page. `names` gives the columns in order; `winnow features` dumps the rows so
/// `Scripts/train-block-model.py` trains on exactly what inference computes.
struct BlockFeatures {
    /// Substrings looked for in ancestors' lowercased `class` and `id` values (at most 64).
    static let classWords = [
        "content", "article", "main", "post", "entry", "story", "text", "body", "blog", "prose", "markdown",
        "comment", "reply", "answer", "question", "discussion", "thread", "message", "review", "forum",
        "card", "item", "product", "tile", "grid", "result", "teaser", "listing",
        "footer", "header", "sidebar", "widget", "menu", "nav", "banner", "breadcrumb", "share", "social",
        "related", "promo", "newsletter", "modal", "login", "search", "filter", "facet", "pagination", "pager",
        "meta", "byline", "author", "date", "tag", "categ", "caption",
        "desc", "detail", "spec", "feature", "price", "faq", "hero", "toc", "doc",
    ]

    /// Ancestor elements whose presence is a feature.
    static let ancestorTags: [HTMLTag] = [
        .header, .main, .article, .section, .form, .table, .ul, .li, .dl, .blockquote, .figure, .details, .nav, .aside, .footer,
    ]

    static let kinds: [Block.Kind] = [.paragraph, .heading1, .heading, .listItem, .quote, .preformatted, .cell, .other]

    static let names: [String] = {
        var names = ["log_chars", "log_words", "link_density", "ends_sentence", "log_commas", "digit_share", "starts_upper", "ends_colon"]
        names += kinds.map { "kind_\($0)" }
        names += ["readability_inside", "readability_kept", "readability_cleaned"]
        names += ["position", "chars_before_share", "depth"]
        names += ancestorTags.map { "in_\($0.name ?? "?")" }
        names += classWords.map { "near_\($0)" }
        names += classWords.map { "far_\($0)" }
        names += ["class_weight_near", "class_weight_far"]
        names += ["log_repeat", "repeat_level", "repeat_share", "log_repeat_chars"]
        for level in 1...3 { names += ["up\(level)_log_chars", "up\(level)_link_density"] }
        for side in ["prev", "next"] { names += ["\(side)_log_chars", "\(side)_link_density", "\(side)_inside", "\(side)_kind_heading"] }
        names += ["page_log_chars", "page_log_blocks", "page_link_density", "page_container_share", "page_list_share", "page_heading_share"]
        return names
    }()

    static var count: Int { names.count }

    private static let words: NeedleSet = {
        var set = NeedleSet()
        for word in classWords { _ = set.bit(for: Array(word.utf8)) }
        return set
    }()

    let tree: DocumentTree
    let stats: ElementStats
    /// Per node: the class/id word bits of the element itself.
    private var ownBits: [UInt64]
    /// Per node: `ancestorTags` bits of the element and its ancestors, and the class/id bits of all of them.
    private var inheritedTags: [UInt16]
    private var inheritedBits: [UInt64]
    /// Per node: how many siblings (itself included) share its tag and class, and their text in all.
    private var repeats: [Int32]
    private var repeatChars: [Int32]
    private var depth: [Int16]
    /// Per node: Readability's class weight of the element, and summed over it and its ancestors.
    private var ownWeight: [Float]
    private var inheritedWeight: [Float]

    /// `blocks`: the page's blocks; class words and weights are read only on their ancestors.
    init(tree: DocumentTree, stats: ElementStats, blocks: [Block]) {
        self.tree = tree
        self.stats = stats
        let count = tree.nodes.count
        ownBits = [UInt64](repeating: 0, count: count)
        inheritedTags = [UInt16](repeating: 0, count: count)
        inheritedBits = [UInt64](repeating: 0, count: count)
        repeats = [Int32](repeating: 1, count: count)
        repeatChars = [Int32](repeating: 0, count: count)
        depth = [Int16](repeating: 0, count: count)
        ownWeight = [Float](repeating: 0, count: count)
        inheritedWeight = [Float](repeating: 0, count: count)
        computeStructure(owners: blocks.map(\.owner))
    }

    /// One forward pass (parents come before children): own and inherited bits, depth; then sibling
    /// signatures per parent.
    private mutating func computeStructure(owners: [Int32]) {
        let words = BlockFeatures.words
        // The elements on some block's way up: the only ones whose words and weights are read.
        var onPath = [Bool](repeating: false, count: tree.nodes.count)
        for owner in owners {
            var node = owner
            while node > 0 && !onPath[Int(node)] { onPath[Int(node)] = true; node = tree.nodes[Int(node)].parent }
        }
        var tagBit = [UInt16](repeating: 0, count: Int(HTMLTag.firstCustomID))
        for (i, tag) in BlockFeatures.ancestorTags.enumerated() { tagBit[Int(tag.rawValue)] = 1 << UInt16(i) }
        var signatures = [UInt64](repeating: 0, count: tree.nodes.count)
        tree.withMatchContext { context in
            let folded = context.lowered.count == context.values.count
            for index in 1..<max(tree.nodes.count, 1) {
                let node = context.nodes[index]
                guard node.tag != .text, node.removedBy < 0 else { continue }
                var bits: UInt64 = 0
                var signature = UInt64(node.tag.rawValue) &* 0x9E37_79B9_7F4A_7C15
                let reads = onPath[index]
                if let value = context.attribute(AttributeNames.class, of: Int32(index), lowercased: true), !value.isEmpty {
                    if reads { bits |= words.scan(value, foldCase: !folded) }
                    // FNV-1a over the class value, ignoring digits (item-1, item-2 are one kind).
                    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
                    for byte in value where byte < 0x30 || byte > 0x39 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
                    signature ^= hash
                }
                if reads, let value = context.attribute(AttributeNames.id, of: Int32(index), lowercased: true), !value.isEmpty {
                    bits |= words.scan(value, foldCase: !folded)
                }
                ownBits[index] = bits
                signatures[index] = signature
                let parent = Int(node.parent)
                inheritedBits[index] = inheritedBits[parent] | bits
                inheritedTags[index] = inheritedTags[parent] | (Int(node.tag.rawValue) < tagBit.count ? tagBit[Int(node.tag.rawValue)] : 0)
                depth[index] = depth[parent] &+ 1
            }
        }
        for index in 1..<max(tree.nodes.count, 1) where onPath[index] {
            let node = Int32(index)
            if tree.nodes[index].end > tree.nodes[index].start { ownWeight[index] = Float(stats.classWeight(node, in: tree)) }
            inheritedWeight[index] = inheritedWeight[Int(tree.nodes[index].parent)] + ownWeight[index]
        }
        // Sibling groups: children of one parent with one signature.
        var groups = SiblingGroups()
        for parent in 0..<tree.nodes.count where tree.nodes[parent].tag != .text && tree.nodes[parent].removedBy < 0 {
            var child = tree.nodes[parent].firstChild
            guard child >= 0, tree.nodes[Int(child)].nextSibling >= 0 else { continue }
            groups.removeAll()
            while child >= 0 {
                let node = tree.nodes[Int(child)]
                if node.tag != .text && node.removedBy < 0 && stats.counts[Int(child)].chars > 0 {
                    groups.add(signatures[Int(child)], chars: stats.counts[Int(child)].chars)
                }
                child = node.nextSibling
            }
            child = tree.nodes[parent].firstChild
            while child >= 0 {
                if tree.nodes[Int(child)].tag != .text, let group = groups.group(of: signatures[Int(child)]) {
                    repeats[Int(child)] = group.count
                    repeatChars[Int(child)] = group.chars
                }
                child = tree.nodes[Int(child)].nextSibling
            }
        }
    }

    /// The groups of one parent's children by signature. A parent has a few kinds of children, so
    /// they are looked up in a short array; a hash index is built only for a parent with many kinds.
    private struct SiblingGroups {
        private var groups: [(signature: UInt64, count: Int32, chars: Int32)] = []
        private var index: [UInt64: Int] = [:]
        private static let linearLimit = 16

        mutating func removeAll() {
            groups.removeAll(keepingCapacity: true)
            if !index.isEmpty { index.removeAll(keepingCapacity: true) }
        }

        private func slot(of signature: UInt64) -> Int? {
            groups.count <= SiblingGroups.linearLimit ? groups.firstIndex { $0.signature == signature } : index[signature]
        }

        mutating func add(_ signature: UInt64, chars: Int32) {
            if let slot = slot(of: signature) {
                groups[slot].count += 1
                groups[slot].chars &+= chars
                return
            }
            groups.append((signature, 1, chars))
            if groups.count == SiblingGroups.linearLimit + 1 {
                for (k, group) in groups.enumerated() { index[group.signature] = k }
            } else if groups.count > SiblingGroups.linearLimit + 1 {
                index[signature] = groups.count - 1
            }
        }

        func group(of signature: UInt64) -> (count: Int32, chars: Int32)? {
            slot(of: signature).map { (groups[$0].count, groups[$0].chars) }
        }
    }

    /// The rows for `blocks`, flattened (`count` values per block). `decisions` are Readability's.
    func rows(_ blocks: [Block], decisions: [MainContentExtractor.Decision]) -> [Double] {
        let n = blocks.count
        let totalChars = max(1, blocks.reduce(0) { $0 + $1.chars })
        let pageLinkChars = blocks.reduce(0) { $0 + $1.linkChars }
        let insideChars = zip(blocks, decisions).reduce(0) { $0 + ($1.1.signal == "outside" ? 0 : $1.0.chars) }
        let listChars = blocks.reduce(0) { $0 + ($1.kind == .listItem ? $1.chars : 0) }
        let headings = blocks.reduce(0) { $0 + ($1.kind == .heading || $1.kind == .heading1 ? 1 : 0) }
        let page: [Double] = [
            log1p(Double(totalChars)), log1p(Double(n)), Double(pageLinkChars) / Double(totalChars),
            Double(insideChars) / Double(totalChars), Double(listChars) / Double(totalChars), Double(headings) / Double(max(n, 1)),
        ]
        var before = 0
        let width = BlockFeatures.count
        let wordCount = BlockFeatures.classWords.count, tagCount = BlockFeatures.ancestorTags.count
        // Every slot is written below (checked per block), so the rows are not zeroed first.
        return [Double](unsafeUninitializedCapacity: n * width) { out, initialized in
            for (b, block) in blocks.enumerated() {
                // Written straight into the block's slot, in the order of `names`.
                var k = b * width
                @inline(__always) func put(_ value: Double) { out[k] = value; k += 1 }
                let text = block.text
                var digits = 0, commas = 0
                for byte in text {
                    if byte >= 0x30 && byte <= 0x39 { digits += 1 } else if byte == UInt8(ascii: ",") { commas += 1 }
                }
                let first = text.first ?? 0
                put(log1p(Double(block.chars)))
                put(log1p(Double(ByteText.wordCount(text))))
                put(block.linkDensity)
                put(SentenceEnd.endsSentence(text) ? 1 : 0)
                put(log1p(Double(commas)))
                put(Double(digits) / Double(max(text.count, 1)))
                put(first >= 0x41 && first <= 0x5A ? 1 : 0)
                put(text.last == UInt8(ascii: ":") ? 1 : 0)
                for kind in BlockFeatures.kinds { put(kind == block.kind ? 1 : 0) }
                let decision = decisions[b]
                put(decision.signal == "outside" ? 0 : 1)
                put(decision.kept ? 1 : 0)
                put(decision.signal == "cleaned" ? 1 : 0)
                let owner = Int(block.owner)
                put(Double(b) / Double(max(n - 1, 1)))
                put(Double(before) / Double(totalChars))
                put(Double(depth[owner]))
                before += block.chars
                let tags = inheritedTags[owner]
                for t in 0..<tagCount { put(tags & (1 << UInt16(t)) != 0 ? 1 : 0) }
                // Near: the owner and two elements up; far: any ancestor.
                var near = ownBits[owner]
                var up = tree.nodes[owner].parent
                var nearWeight = ownWeight[owner]
                for _ in 0..<2 where up > 0 {
                    near |= ownBits[Int(up)]
                    nearWeight += ownWeight[Int(up)]
                    up = tree.nodes[Int(up)].parent
                }
                let far = inheritedBits[owner]
                for w in 0..<wordCount { put(near & (1 << UInt64(w)) != 0 ? 1 : 0) }
                for w in 0..<wordCount { put(far & (1 << UInt64(w)) != 0 ? 1 : 0) }
                put(Double(nearWeight))
                put(Double(up > 0 ? inheritedWeight[Int(up)] : 0))
                // The most repeated structure on the way up (cards, posts, rows), within eight levels.
                var bestRepeat: Int32 = 1, bestLevel = 0, bestChars: Int32 = 0
                var node = Int32(owner)
                for level in 0..<8 where node > 0 {
                    if repeats[Int(node)] > bestRepeat { bestRepeat = repeats[Int(node)]; bestLevel = level; bestChars = repeatChars[Int(node)] }
                    node = tree.nodes[Int(node)].parent
                }
                put(log(Double(bestRepeat)))
                put(Double(bestLevel))
                put(Double(bestChars) / Double(totalChars))
                put(log1p(Double(bestChars)))
                node = tree.nodes[owner].parent
                for _ in 1...3 {
                    if node > 0 {
                        put(log1p(Double(stats.counts[Int(node)].chars)))
                        put(stats.linkDensity(node))
                        node = tree.nodes[Int(node)].parent
                    } else {
                        put(0); put(0)
                    }
                }
                for neighbour in stride(from: b - 1, through: b + 1, by: 2) {
                    if neighbour >= 0 && neighbour < n {
                        let other = blocks[neighbour]
                        put(log1p(Double(other.chars)))
                        put(other.linkDensity)
                        put(decisions[neighbour].signal == "outside" ? 0 : 1)
                        put(other.kind == .heading || other.kind == .heading1 ? 1 : 0)
                    } else {
                        put(0); put(0); put(0); put(0)
                    }
                }
                for value in page { put(value) }
                assert(k == (b + 1) * width, "block \(b): \(k - b * width) of \(width) features written")
            }
            initialized = n * width
        }
    }
}
