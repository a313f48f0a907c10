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
    /// All trees' nodes back to back, each tree in pre-order (a split's left child is the next node);
    /// `roots[t]` is tree t's first node.
    let nodes: [Node]
    let roots: [Int32]
    /// `rest[t]`: the smallest and the largest sum trees t… can still add (their extreme leaves), so a
    /// yes/no answer is known as soon as the rest cannot move the sum across the bound.
    let restMin: [Double]
    let restMax: [Double]

    /// 16 bytes: a split tests `x[feature] <= value` (left: the next node, else `right`); a leaf
    /// (feature -1) adds `value`.
    struct Node {
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
        try self.init(lines: TreeEnsemble.lines(text))
    }

    /// The model from its non-empty lines (a model text split on newlines, or a section of one).
    init(lines: [Substring]) throws {
        var featureCount = -1
        var base = 0.0
        var decisionThreshold = 0.5
        var nodes: [Node] = []
        var lefts: [Int] = []
        var roots: [Int32] = []
        var number = 0
        for raw in lines {
            number += 1
            let parts = raw.utf8.split(separator: 0x20).map(Substring.init)
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
        self.nodes = nodes
        self.roots = roots
        var restMin = [Double](repeating: 0, count: roots.count + 1)
        var restMax = [Double](repeating: 0, count: roots.count + 1)
        for t in stride(from: roots.count - 1, through: 0, by: -1) {
            let end = t + 1 < roots.count ? Int(roots[t + 1]) : nodes.count
            let leaves = nodes[Int(roots[t])..<end].filter { $0.feature < 0 }.map(\.value)
            restMin[t] = restMin[t + 1] + (leaves.min() ?? 0)
            restMax[t] = restMax[t + 1] + (leaves.max() ?? 0)
        }
        self.restMin = restMin
        self.restMax = restMax
    }

    /// The non-empty lines of `text`, split on the newline byte (not per Character: the model texts
    /// are hundreds of kilobytes, read at every start).
    static func lines(_ text: String) -> [Substring] {
        text.utf8.split(separator: 0x0A).map(Substring.init)
    }

    /// The raw score (log-odds) of one row of `featureCount` values.
    public func logit(_ row: UnsafeBufferPointer<Double>) -> Double {
        var sum = base
        nodes.withUnsafeBufferPointer { nodes in
            for root in roots { sum += TreeEnsemble.leaf(root, row, nodes) }
        }
        return sum
    }

    /// The value of the leaf `row` reaches in the tree starting at `root`.
    @inline(__always)
    private static func leaf(_ root: Int32, _ row: UnsafeBufferPointer<Double>, _ nodes: UnsafeBufferPointer<Node>) -> Double {
        var node = Int(root)
        while true {
            let n = nodes[node]
            if n.feature < 0 { return n.value }
            node = row[Int(n.feature)] <= n.value ? node + 1 : Int(n.right)
        }
    }

    public func probability(_ row: UnsafeBufferPointer<Double>) -> Double { 1 / (1 + exp(-logit(row))) }

    /// Whether `probability(row) >= threshold`, the same answer, walking only the trees it takes: it
    /// stops once the trees left cannot carry the sum across the threshold's log-odds (with a margin
    /// far above rounding), and decides a near tie from the full sum as `probability` does.
    public func reaches(_ threshold: Double, _ row: UnsafeBufferPointer<Double>) -> Bool {
        let bound = log(threshold / (1 - threshold))
        let margin = 1e-6
        var sum = base
        var answer: Bool?
        nodes.withUnsafeBufferPointer { nodes in
            restMin.withUnsafeBufferPointer { restMin in
                restMax.withUnsafeBufferPointer { restMax in
                    for (t, root) in roots.enumerated() {
                        if sum + restMin[t] > bound + margin { answer = true; return }
                        if sum + restMax[t] < bound - margin { answer = false; return }
                        sum += TreeEnsemble.leaf(root, row, nodes)
                    }
                }
            }
        }
        return answer ?? (1 / (1 + exp(-sum)) >= threshold)
    }
}
