import Foundation

/// A gradient-boosted tree ensemble for binary decisions, read from the text that
/// `Scripts/train-block-model.py` writes:
///
///     winnow-trees 1
///     features N
///     base B
///     threshold T                       (the probability from which the answer is yes)
///     tree
///     s FEATURE THRESHOLD LEFT RIGHT    (a split: x[FEATURE] <= THRESHOLD goes to node LEFT, else RIGHT;
///                                        trees are written in pre-order, so LEFT is always the next node)
///     l VALUE                           (a leaf)
///     ...
///
/// Node numbers count from 0 within each tree. The probability is the logistic of `base` plus every
/// tree's leaf: the same arithmetic in the same order as the trainer's, so decisions are reproducible.
public struct TreeEnsemble: Sendable {
    public let featureCount: Int
    let base: Double
    public let threshold: Double
    /// All trees' splits back to back; `roots[t]` is tree t's first split, or a leaf (`~index` into
    /// `leaves`) for a tree that is one leaf.
    let splits: [Split]
    let leaves: [Double]
    let roots: [Int32]

    /// A split tests `x[feature] <= value`; each child is a split's index, or `~index` of a leaf
    /// (negative), so the walk needs one test per level and none for "is this a leaf".
    struct Split {
        var value: Double
        var feature: Int32
        var left: Int32
        var right: Int32
    }

    /// 16 bytes as read from the text: a split (left: the next node, else `right`) or a leaf (feature -1).
    private struct Node {
        var value: Double
        var feature: Int32
        var right: Int32
    }

    public struct FormatError: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "model line \(line): \(message)" }
    }

    public init(text: String) throws {
        var featureCount = -1
        var base = 0.0
        var decisionThreshold = 0.5
        var nodes: [Node] = []
        var lefts: [Int] = []
        var roots: [Int32] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            number += 1
            let parts = raw.split(separator: " ")
            guard let head = parts.first else { continue }
            func fail(_ message: String) -> FormatError { FormatError(line: number, message: message) }
            switch head {
            case "winnow-trees": guard parts.count == 2, parts[1] == "1" else { throw fail("unknown format version") }
            case "features": guard parts.count == 2, let n = Int(parts[1]), n > 0 else { throw fail("bad feature count") }; featureCount = n
            case "base": guard parts.count == 2, let b = Double(parts[1]) else { throw fail("bad base") }; base = b
            case "threshold": guard parts.count == 2, let t = Double(parts[1]), t > 0, t < 1 else { throw fail("bad threshold") }; decisionThreshold = t
            case "tree": roots.append(Int32(nodes.count))
            case "s":
                guard parts.count == 5, let f = Int32(parts[1]), let t = Double(parts[2]), let l = Int32(parts[3]), let r = Int32(parts[4]),
                      let root = roots.last, f >= 0, Int(f) < featureCount else { throw fail("bad split") }
                guard Int(root + l) == nodes.count + 1 else { throw fail("a split's left child must be the next node") }
                lefts.append(nodes.count)
                nodes.append(Node(value: t, feature: f, right: root + r))
            case "l":
                guard parts.count == 2, let v = Double(parts[1]), !roots.isEmpty else { throw fail("bad leaf") }
                nodes.append(Node(value: v, feature: -1, right: -1))
            default: throw fail("unknown record \(head)")
            }
        }
        guard featureCount > 0 else { throw FormatError(line: 0, message: "no feature count") }
        for i in lefts where Int(nodes[i].right) <= i + 1 || Int(nodes[i].right) >= nodes.count || i + 1 >= nodes.count {
            throw FormatError(line: 0, message: "split \(i) points outside its tree")
        }
        if let last = nodes.last, last.feature >= 0 { throw FormatError(line: 0, message: "the last tree ends in a split") }
        self.featureCount = featureCount
        self.base = base
        self.threshold = decisionThreshold
        // Renumber: splits and leaves each in node order, children as split indices or ~leaf indices.
        var splitIndex = [Int32](repeating: 0, count: nodes.count)
        var leafIndex = [Int32](repeating: 0, count: nodes.count)
        var splits: [Split] = []
        var leaves: [Double] = []
        for (i, node) in nodes.enumerated() {
            if node.feature >= 0 { splitIndex[i] = Int32(splits.count); splits.append(Split(value: node.value, feature: node.feature, left: 0, right: 0)) }
            else { leafIndex[i] = Int32(leaves.count); leaves.append(node.value) }
        }
        func link(_ i: Int) -> Int32 { nodes[i].feature >= 0 ? splitIndex[i] : ~leafIndex[i] }
        for i in lefts {
            splits[Int(splitIndex[i])].left = link(i + 1)
            splits[Int(splitIndex[i])].right = link(Int(nodes[i].right))
        }
        self.splits = splits
        self.leaves = leaves
        self.roots = roots.map { link(Int($0)) }
    }

    /// The raw score (log-odds) of one row of `featureCount` values.
    public func logit(_ row: UnsafeBufferPointer<Double>) -> Double {
        var sum = base
        splits.withUnsafeBufferPointer { splits in
            leaves.withUnsafeBufferPointer { leaves in
                for root in roots {
                    var node = root
                    while node >= 0 {
                        let split = splits[Int(node)]
                        node = row[Int(split.feature)] <= split.value ? split.left : split.right
                    }
                    sum += leaves[Int(~node)]
                }
            }
        }
        return sum
    }

    public func probability(_ row: UnsafeBufferPointer<Double>) -> Double { 1 / (1 + exp(-logit(row))) }
}
