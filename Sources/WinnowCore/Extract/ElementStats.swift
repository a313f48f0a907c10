/// Per-element text statistics over the kept tree, computed in two linear passes (parents always have
/// smaller indexes than their children): characters (weighted as `ByteText.weightedLength`), characters
/// inside links, commas, and counts of the elements Readability's conditional cleaning looks at.
/// Nodes inside removed subtrees are left at zero: extraction never reads them.
struct ElementStats {
    struct Counts {
        var chars: Int32 = 0
        var linkChars: Int32 = 0
        var commas: Int32 = 0
        var paragraphs: Int32 = 0
        var listItems: Int32 = 0
        var images: Int32 = 0
        var embeds: Int32 = 0
        var headingChars: Int32 = 0
        /// Element children that are links (`<a>` somewhere inside) — for link lists.
        var itemsWithLinks: Int32 = 0
        /// Text blocks that read as paragraphs (a `<p>`, or text set straight in a `<div>` with `<br>`s,
        /// which Readability would have turned into `<p>`s). Filled by `countParagraphs`.
        var textParagraphs: Int32 = 0
        var containsLink = false

        @inline(__always)
        mutating func add(_ child: Counts, childIsElement: Bool) {
            chars += child.chars
            linkChars += child.linkChars
            commas += child.commas
            paragraphs += child.paragraphs
            listItems += child.listItems
            images += child.images
            embeds += child.embeds
            headingChars += child.headingChars
            if child.containsLink {
                containsLink = true
                if childIsElement { itemsWithLinks += 1 }
            }
        }
    }

    /// By node index.
    private(set) var counts: [Counts]
    /// Readability's class weight (`ClassWeight`) of every element on some block's way up, NaN
    /// elsewhere: the candidate scorer, the conditional cleaner and the block features all read these
    /// elements' weights, and each scan of class names is done once.
    private var classWeights: [Double] = []

    private static let inLink: UInt8 = 1, inHeading: UInt8 = 2, removed: UInt8 = 4

    /// `textCounts`: the segmenter's counts of the text nodes it read; other text nodes are scanned here.
    init(_ tree: DocumentTree, textCounts: TextCounts? = nil) {
        let count = tree.nodes.count
        var counts = [Counts](repeating: Counts(), count: count)
        var flags = [UInt8](repeating: 0, count: count)
        tree.nodes.withUnsafeBufferPointer { nodes in
            tree.text.withUnsafeBufferPointer { text in
                counts.withUnsafeMutableBufferPointer { counts in
                    flags.withUnsafeMutableBufferPointer { flags in
                        // Forward: inherited flags.
                        for index in 1..<max(count, 1) {
                            let node = nodes[index]
                            var flag = flags[Int(node.parent)]
                            if node.tag == .a { flag |= ElementStats.inLink }
                            if node.tag.isHeading { flag |= ElementStats.inHeading }
                            if node.removedBy >= 0 { flag |= ElementStats.removed }
                            flags[index] = flag
                        }
                        // Backward: sums into parents, skipping removed subtrees.
                        var index = count - 1
                        while index > 0 {
                            let node = nodes[index]
                            let flag = flags[index]
                            defer { index -= 1 }
                            guard flag & ElementStats.removed == 0 else { continue }
                            if node.tag == .text {
                                let (scalars, commas) = textCounts?.counts(of: index)
                                    ?? ElementStats.scan(UnsafeBufferPointer(rebasing: text[Int(node.start)..<Int(node.end)]))
                                counts[index].chars = scalars
                                counts[index].commas = commas
                                if flag & ElementStats.inLink != 0 { counts[index].linkChars = scalars }
                                if flag & ElementStats.inHeading != 0 { counts[index].headingChars = scalars }
                            } else {
                                switch node.tag {
                                case .p: counts[index].paragraphs += 1
                                case .li: counts[index].listItems += 1
                                case .img: counts[index].images += 1
                                case .video, .audio, .iframe, .object, .embed: counts[index].embeds += 1
                                case .a: counts[index].containsLink = true
                                default: break
                                }
                            }
                            counts[Int(node.parent)].add(counts[index], childIsElement: node.tag != .text)
                        }
                    }
                }
            }
        }
        self.counts = counts
    }

    /// Weighted characters (spaces left out) and commas of one text node.
    @inline(__always)
    private static func scan(_ text: UnsafeBufferPointer<UInt8>) -> (Int32, Int32) {
        var scalars: Int32 = 0
        var commas: Int32 = 0
        var i = 0
        while i < text.count {
            let byte = text[i]
            if byte < 0x80 {
                if byte == UInt8(ascii: ",") { commas += 1 }
                if !ByteText.isSpace(byte) { scalars += 1 }
            } else if byte & 0xC0 != 0x80 {
                scalars += (byte >= 0xE3 && byte <= 0xED) ? 3 : 1
            } else if i >= 2 && ((byte == 0x8C && text[i - 1] == 0xBC && text[i - 2] == 0xEF) || (byte == 0x81 && text[i - 1] == 0x80 && text[i - 2] == 0xE3)) {
                // U+FF0C FULLWIDTH COMMA (EF BC 8C) and U+3001 IDEOGRAPHIC COMMA (E3 80 81).
                commas += 1
            }
            i += 1
        }
        return (scalars, commas)
    }

    mutating func countParagraphs(_ blocks: [Block], in tree: DocumentTree) {
        for block in blocks where block.kind == .paragraph || block.kind == .other {
            var node = block.owner
            while node > 0 {
                counts[Int(node)].textParagraphs += 1
                node = tree.nodes[Int(node)].parent
            }
        }
    }

    /// Fills `classWeights` (the elements on some block's way up).
    mutating func weighClasses(_ blocks: [Block], in tree: DocumentTree) {
        var weights = [Double](repeating: .nan, count: tree.nodes.count)
        for block in blocks {
            var node = block.owner
            // Reaching a weighed element means its ancestors are weighed too.
            while node > 0 && weights[Int(node)].isNaN {
                let element = tree.nodes[Int(node)]
                weights[Int(node)] = element.end > element.start ? ClassWeight.weight(of: node, in: tree) : 0
                node = element.parent
            }
        }
        classWeights = weights
    }

    func classWeight(_ node: Int32, in tree: DocumentTree) -> Double {
        let weight = Int(node) < classWeights.count ? classWeights[Int(node)] : .nan
        return weight.isNaN ? ClassWeight.weight(of: node, in: tree) : weight
    }

    func linkDensity(_ node: Int32) -> Double {
        let total = counts[Int(node)].chars
        return total == 0 ? 0 : Double(counts[Int(node)].linkChars) / Double(total)
    }
}
