/// Readability's class/id signal: names that usually mark the article body score up, names that
/// usually mark chrome score down. Substring tests on lowercased `class` + `id` + `itemprop`, all
/// words of both lists found in one scan of each value.
enum ClassWeight {
    private static let positive = ["article", "body", "content", "entry", "main", "post", "story", "text", "blog"]
    private static let negative = [
        "comment", "footer", "foot", "sidebar", "related", "share", "social", "promo", "sponsor", "banner", "masthead",
        "widget", "menu", "nav", "breadcrumb", "byline", "author", "meta", "tags", "caption", "credit", "newsletter",
        "subscribe", "advert", "outbrain", "taboola", "popup", "modal", "cookie", "hidden", "shopping", "skyscraper",
    ]

    /// Both word lists in one set; the masks say which bits are positive and which negative words.
    private static let words: (set: NeedleSet, positive: UInt64, negative: UInt64) = {
        var set = NeedleSet()
        var positiveBits: UInt64 = 0, negativeBits: UInt64 = 0
        for word in positive { positiveBits |= set.bit(for: Array(word.utf8)) ?? 0 }
        for word in negative { negativeBits |= set.bit(for: Array(word.utf8)) ?? 0 }
        return (set, positiveBits, negativeBits)
    }()

    static func weight(of node: Int32, in tree: DocumentTree) -> Double {
        var weight = 0.0
        if let itemprop = tree.attribute(AttributeNames.itemprop, of: node), ByteText.containsIgnoringASCIICase(itemprop, Array("articlebody".utf8)) {
            weight += 50
        }
        let words = ClassWeight.words
        tree.withMatchContext { context in
            // The cleaner lowercased the attribute values already; without that, the scan folds case.
            let folded = context.lowered.count == context.values.count
            for name in [AttributeNames.class, AttributeNames.id] {
                guard let value = context.attribute(name, of: node, lowercased: true), !value.isEmpty else { continue }
                let found = words.set.scan(value, foldCase: !folded)
                if found & words.positive != 0 { weight += 25 }
                if found & words.negative != 0 { weight -= 25 }
            }
        }
        return weight
    }
}
