import Foundation

/// A gradient-boosted tree ensemble for binary decisions, read from the text that
/// `Scripts/train-block-model.py` writes (see `Scripts/README-models.md`):
///
///     winnow-trees 1
///     features N
///     base B
///     threshold T                       (the probability from which the answer is yes)
///     tree
///     s FEATURE THRESHOLD LEFT RIGHT    (a split: x[FEATURE] <= THRESHOLD goes to node LEFT, else RIGHT)
///     l VALUE                           (a leaf)
///     ...
///
/// Node numbers count from 0 within each tree. The probability is the logistic of `base` plus every
/// tree's leaf: the same arithmetic in the same order as the trainer's, so decisions are reproducible.
public struct TreeEnsemble: Sendable {
    public let featureCount: Int
    let base: Double
    public let threshold: Double
    /// All trees' nodes back to back; `roots[t]` is tree t's first node. Leaves have feature -1.
    let feature: [Int32]
    let cut: [Double]
    let left: [Int32]
    let right: [Int32]
    let value: [Double]
    let roots: [Int32]

    public struct FormatError: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "model line \(line): \(message)" }
    }

    public init(text: String) throws {
        var featureCount = -1
        var base = 0.0
        var decisionThreshold = 0.5
        var feature: [Int32] = [], cut: [Double] = [], left: [Int32] = [], right: [Int32] = [], value: [Double] = []
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
            case "tree": roots.append(Int32(feature.count))
            case "s":
                guard parts.count == 5, let f = Int32(parts[1]), let t = Double(parts[2]), let l = Int32(parts[3]), let r = Int32(parts[4]),
                      let root = roots.last, f >= 0, Int(f) < featureCount else { throw fail("bad split") }
                feature.append(f); cut.append(t); left.append(root + l); right.append(root + r); value.append(0)
            case "l":
                guard parts.count == 2, let v = Double(parts[1]), !roots.isEmpty else { throw fail("bad leaf") }
                feature.append(-1); cut.append(0); left.append(-1); right.append(-1); value.append(v)
            default: throw fail("unknown record \(head)")
            }
        }
        guard featureCount > 0 else { throw FormatError(line: 0, message: "no feature count") }
        for i in feature.indices where feature[i] >= 0 {
            guard left[i] > Int32(i), right[i] > Int32(i), Int(left[i]) < feature.count, Int(right[i]) < feature.count else {
                throw FormatError(line: 0, message: "split \(i) points outside its tree")
            }
        }
        self.featureCount = featureCount
        self.base = base
        self.threshold = decisionThreshold
        self.feature = feature; self.cut = cut; self.left = left; self.right = right; self.value = value
        self.roots = roots
    }

    /// The raw score (log-odds) of one row of `featureCount` values.
    public func logit(_ row: UnsafeBufferPointer<Double>) -> Double {
        var sum = base
        feature.withUnsafeBufferPointer { feature in
            cut.withUnsafeBufferPointer { cut in
                left.withUnsafeBufferPointer { left in
                    right.withUnsafeBufferPointer { right in
                        for root in roots {
                            var node = Int(root)
                            while feature[node] >= 0 {
                                node = Int(row[Int(feature[node])] <= cut[node] ? left[node] : right[node])
                            }
                            sum += value[node]
                        }
                    }
                }
            }
        }
        return sum
    }

    public func probability(_ row: UnsafeBufferPointer<Double>) -> Double { 1 / (1 + exp(-logit(row))) }
}
