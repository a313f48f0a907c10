/// A product page whose visible text is thin (a script-built shop: the description sits in JSON-LD, in
/// a tab filled in later, or behind a "read more") still has its description in the `Product` JSON-LD.
/// When the kept text is short and does not already say most of it, the description is added as a
/// paragraph (`extract.product_description`).
enum ProductDescription {
    /// Kept text shorter than this (words) is thin.
    static let thinWords = 50
    /// A description shorter than this (words) adds too little to be worth it.
    static let minWords = 15
    /// At most this share of the description's words already in the kept text.
    static let maxOverlap = 0.5

    /// The description to append to `kept`, or nil.
    static func addition(_ description: String?, to kept: [[UInt8]]) -> [UInt8]? {
        guard let description else { return nil }
        let words = kept.reduce(0) { $0 + ByteText.wordCount($1) }
        guard words < thinWords else { return nil }
        let text = plainText(description)
        guard ByteText.wordCount(text) >= minWords else { return nil }
        let keptText = String(decoding: Array(kept.joined(separator: [0x20])), as: UTF8.self)
        guard MetadataExtractor.wordOverlap(String(decoding: text, as: UTF8.self), keptText) <= maxOverlap else { return nil }
        return text
    }

    /// The description without markup (shops put `<p>`, `<br>`, `<li>` in it, some entity-encoded),
    /// entities decoded, whitespace normalised. A `<` starts a tag only before a letter, `/` or `!`:
    /// "< 2 kg" is text.
    static func plainText(_ description: String) -> [UInt8] {
        let bytes = Array(HTMLEntities.decode(description).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inTag = false
        for (i, byte) in bytes.enumerated() {
            if inTag {
                if byte == UInt8(ascii: ">") { inTag = false }
                continue
            }
            if byte == UInt8(ascii: "<"), i + 1 < bytes.count,
               ByteText.isASCIILetter(bytes[i + 1]) || bytes[i + 1] == UInt8(ascii: "/") || bytes[i + 1] == UInt8(ascii: "!") {
                inTag = true
                out.append(0x20)
                continue
            }
            out.append(byte)
        }
        return ByteText.normalizeWhitespace(out)
    }
}
