/// A run of text between block boundaries (a paragraph, heading, list item, cell…), with the
/// signals the main-content scorer reads.
public struct Block: Sendable {
    public enum Kind: Sendable { case paragraph, heading1, heading, listItem, quote, preformatted, cell, other }

    /// Whitespace-normalised UTF-8.
    public var text: [UInt8]
    /// Length of `text` in Latin-equivalent characters (`ByteText.weightedLength`: CJK counts three).
    public var chars: Int
    /// The part of `chars` inside `<a>` elements.
    public var linkChars: Int
    /// The innermost block-level element that holds this text.
    public var owner: Int32
    public var kind: Kind
    /// The first node the block's walk visited (an inline element or text) and its last text node:
    /// the span `InlineMarkdown` renders again with its markup (-1 when unknown).
    public var startNode: Int32 = -1
    public var lastText: Int32 = -1

    public var linkDensity: Double { chars == 0 ? 0 : Double(linkChars) / Double(chars) }
}
