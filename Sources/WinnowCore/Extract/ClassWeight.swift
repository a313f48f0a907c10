/// Readability's class/id signal: names that usually mark the article body score up, names that
/// usually mark chrome score down. Substring tests on lowercased `class` + `id` + `itemprop`.
enum ClassWeight {
    private static let positive: [[UInt8]] = ["article", "body", "content", "entry", "main", "post", "story", "text", "blog"].map { Array($0.utf8) }
    private static let negative: [[UInt8]] = [
        "comment", "footer", "foot", "sidebar", "related", "share", "social", "promo", "sponsor", "banner", "masthead",
        "widget", "menu", "nav", "breadcrumb", "byline", "author", "meta", "tags", "caption", "credit", "newsletter",
        "subscribe", "advert", "outbrain", "taboola", "popup", "modal", "cookie", "hidden", "shopping", "skyscraper",
    ].map { Array($0.utf8) }

    static func weight(of node: Int32, in tree: DocumentTree) -> Double {
        var weight = 0.0
        if let itemprop = tree.attribute(AttributeNames.itemprop, of: node), ByteText.containsIgnoringASCIICase(itemprop, Array("articlebody".utf8)) {
            weight += 50
        }
        // The cleaner lowercased the attribute values already: plain byte searches from here.
        tree.withMatchContext { context in
            for name in [AttributeNames.class, AttributeNames.id] {
                guard let value = context.attribute(name, of: node, lowercased: true), !value.isEmpty else { continue }
                let folded = context.lowered.count != context.values.count
                func has(_ needle: [UInt8]) -> Bool {
                    folded ? ByteText.containsIgnoringASCIICase(value, needle) : needle.withUnsafeBufferPointer { ByteSearch.contains(value, $0) }
                }
                if positive.contains(where: has) { weight += 25 }
                if negative.contains(where: has) { weight -= 25 }
            }
        }
        return weight
    }
}
