/// Per-element text statistics over the kept tree, computed in two linear passes (parents always have
/// smaller indexes than their children): characters (weighted as `ByteText.weightedLength`), characters inside links, commas, and counts of
/// the elements Readability's conditional cleaning looks at.
struct ElementStats {
    var chars: [Int32]
    var linkChars: [Int32]
    var commas: [Int32]
    var paragraphs: [Int32]
    var listItems: [Int32]
    var images: [Int32]
    var embeds: [Int32]
    var headingChars: [Int32]
    /// Element children that are links (`<a>` somewhere inside) — for link lists.
    var itemsWithLinks: [Int32]
    /// Text blocks that read as paragraphs (a `<p>`, or text set straight in a `<div>` with `<br>`s,
    /// which Readability would have turned into `<p>`s). Filled by `countParagraphs`.
    var textParagraphs: [Int32]

    init(_ tree: DocumentTree) {
        let count = tree.nodes.count
        chars = Array(repeating: 0, count: count)
        linkChars = Array(repeating: 0, count: count)
        commas = Array(repeating: 0, count: count)
        paragraphs = Array(repeating: 0, count: count)
        listItems = Array(repeating: 0, count: count)
        images = Array(repeating: 0, count: count)
        embeds = Array(repeating: 0, count: count)
        headingChars = Array(repeating: 0, count: count)
        itemsWithLinks = Array(repeating: 0, count: count)
        textParagraphs = Array(repeating: 0, count: count)
        var inLink = [Bool](repeating: false, count: count)
        var inHeading = [Bool](repeating: false, count: count)
        var containsLink = [Bool](repeating: false, count: count)
        // Forward: inherited flags.
        for index in 1..<max(count, 1) {
            let node = tree.nodes[index]
            let parent = Int(node.parent)
            inLink[index] = node.tag == .a || inLink[parent]
            inHeading[index] = node.tag.isHeading || inHeading[parent]
        }
        // Backward: sums into parents, skipping removed subtrees.
        var index = count - 1
        while index > 0 {
            let node = tree.nodes[index]
            let parent = Int(node.parent)
            if node.tag == .text {
                var scalars: Int32 = 0
                var commaCount: Int32 = 0
                tree.text.withUnsafeBufferPointer { text in
                    var i = Int(node.start)
                    let end = Int(node.end)
                    while i < end {
                        let byte = text[i]
                        if byte & 0xC0 != 0x80 && !ByteText.isSpace(byte) { scalars += (byte >= 0xE3 && byte <= 0xED) ? 3 : 1 }
                        if byte == UInt8(ascii: ",") { commaCount += 1 }
                        // U+FF0C FULLWIDTH COMMA (EF BC 8C) and U+3001 IDEOGRAPHIC COMMA (E3 80 81).
                        if byte == 0x8C && i >= 2 && text[i - 1] == 0xBC && text[i - 2] == 0xEF { commaCount += 1 }
                        if byte == 0x81 && i >= 2 && text[i - 1] == 0x80 && text[i - 2] == 0xE3 { commaCount += 1 }
                        i += 1
                    }
                }
                chars[index] = scalars
                commas[index] = commaCount
                if inLink[index] { linkChars[index] = scalars }
                if inHeading[index] { headingChars[index] = scalars }
            } else {
                switch node.tag {
                case .p: paragraphs[index] += 1
                case .li: listItems[index] += 1
                case .img: images[index] += 1
                case .video, .audio, .iframe, .object, .embed: embeds[index] += 1
                case .a: containsLink[index] = true
                default: break
                }
            }
            if node.removedBy < 0 {
                chars[parent] += chars[index]
                linkChars[parent] += linkChars[index]
                commas[parent] += commas[index]
                paragraphs[parent] += paragraphs[index]
                listItems[parent] += listItems[index]
                images[parent] += images[index]
                embeds[parent] += embeds[index]
                headingChars[parent] += headingChars[index]
                if containsLink[index] {
                    containsLink[parent] = true
                    if node.tag != .text { itemsWithLinks[parent] += 1 }
                }
            }
            index -= 1
        }
    }

    mutating func countParagraphs(_ blocks: [Block], in tree: DocumentTree) {
        for block in blocks where block.kind == .paragraph || block.kind == .other {
            var node = block.owner
            while node > 0 {
                textParagraphs[Int(node)] += 1
                node = tree.nodes[Int(node)].parent
            }
        }
    }

    func linkDensity(_ node: Int32) -> Double {
        let total = chars[Int(node)]
        return total == 0 ? 0 : Double(linkChars[Int(node)]) / Double(total)
    }
}
