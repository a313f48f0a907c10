/// Winnow's compact document tree: one array of fixed-size nodes, all text in one UTF-8 buffer and
/// all kept attribute values in another. Node links are Int32 indexes (-1 = none), so building a
/// page allocates a handful of growing arrays instead of one object per element.
public struct DocumentTree: Sendable {
    public struct Node: Sendable {
        public var tag: HTMLTag
        public var parent: Int32
        public var firstChild: Int32 = -1
        public var lastChild: Int32 = -1
        public var nextSibling: Int32 = -1
        /// Text nodes: the byte range in `text`. Elements: the range in `attributes`.
        public var start: Int32
        public var end: Int32
        /// Set by cleaning: index into `removalReasons`, or -1 while the node is kept.
        public var removedBy: Int32 = -1
    }

    public struct Attribute: Sendable {
        public var name: UInt16
        public var start: Int32
        public var end: Int32
    }

    public var nodes: [Node] = []
    public var text: [UInt8] = []
    public var attributeValues: [UInt8] = []
    public var attributes: [Attribute] = []
    /// Names of custom elements, index = rawValue - HTMLTag.firstCustomID.
    public var customTagNames: [String] = []
    /// Why nodes were removed: rule names, indexed by `Node.removedBy`.
    public var removalReasons: [String] = []
    /// `attributeValues` with ASCII letters lowercased, for case-insensitive selector tests. Empty until
    /// `prepareLowercasedValues()` runs (the cleaner does, once per page).
    public var lowercasedAttributeValues: [UInt8] = []

    public mutating func prepareLowercasedValues() {
        guard lowercasedAttributeValues.count != attributeValues.count else { return }
        lowercasedAttributeValues = [UInt8](unsafeUninitializedCapacity: attributeValues.count) { out, initialized in
            attributeValues.withUnsafeBufferPointer { values in
                for i in 0..<values.count { out[i] = ByteText.lower(values[i]) }
            }
            initialized = attributeValues.count
        }
    }

    public init() {
        nodes.append(Node(tag: .document, parent: -1, start: 0, end: 0))
    }

    public static let root: Int32 = 0

    public func tagName(_ tag: HTMLTag) -> String {
        if let name = tag.name { return name }
        let index = Int(tag.rawValue) - Int(HTMLTag.firstCustomID)
        return index >= 0 && index < customTagNames.count ? customTagNames[index] : "?"
    }

    /// The value bytes of attribute `name` on element `node`, if kept.
    @inline(__always)
    public func attribute(_ name: UInt16, of node: Int32) -> ArraySlice<UInt8>? {
        let n = nodes[Int(node)]
        guard n.tag != .text else { return nil }
        var i = Int(n.start)
        while i < Int(n.end) {
            let attribute = attributes[i]
            if attribute.name == name { return attributeValues[Int(attribute.start)..<Int(attribute.end)] }
            i += 1
        }
        return nil
    }

    /// Whether element `node` has attribute `name`, without touching the value bytes.
    @inline(__always)
    public func hasAttribute(_ name: UInt16, of node: Int32) -> Bool {
        let n = nodes[Int(node)]
        guard n.tag != .text else { return false }
        var i = Int(n.start)
        while i < Int(n.end) {
            if attributes[i].name == name { return true }
            i += 1
        }
        return false
    }

    public func attributeString(_ name: UInt16, of node: Int32) -> String? {
        attribute(name, of: node).map { String(decoding: $0, as: UTF8.self) }
    }

    /// True when `node` itself was removed (its subtree goes with it; see `isInsideRemoved`).
    public func isRemoved(_ node: Int32) -> Bool { nodes[Int(node)].removedBy >= 0 }

    /// True when `node` or one of its ancestors was removed: removal marks only the subtree's root.
    public func isInsideRemoved(_ node: Int32) -> Bool {
        var current = node
        while current > 0 {
            if nodes[Int(current)].removedBy >= 0 { return true }
            current = nodes[Int(current)].parent
        }
        return false
    }

    /// Marks `node` (and so its subtree) removed by `reason`, unless an ancestor rule got there first.
    public mutating func remove(_ node: Int32, reason: Int32) {
        if nodes[Int(node)].removedBy < 0 { nodes[Int(node)].removedBy = reason }
    }

    public mutating func reasonIndex(_ reason: String) -> Int32 {
        if let i = removalReasons.firstIndex(of: reason) { return Int32(i) }
        removalReasons.append(reason)
        return Int32(removalReasons.count - 1)
    }

    /// Text bytes under every node, removed ones included. Children always have larger indexes than
    /// their parents (nodes are appended in document order), so one backwards pass adds each node
    /// into its parent.
    func subtreeTextBytes() -> [Int] {
        var totals = [Int](repeating: 0, count: nodes.count)
        nodes.withUnsafeBufferPointer { nodes in
            totals.withUnsafeMutableBufferPointer { totals in
                var index = nodes.count - 1
                while index > 0 {
                    let node = nodes[index]
                    if node.tag == .text { totals[index] += Int(node.end - node.start) }
                    totals[Int(node.parent)] += totals[index]
                    index -= 1
                }
            }
        }
        return totals
    }

    /// Text of a subtree (kept nodes only), concatenated raw.
    public func textContent(of node: Int32, includeRemoved: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        forEachDescendant(of: node, includeRemoved: includeRemoved) { index in
            let n = nodes[Int(index)]
            if n.tag == .text { out.append(contentsOf: text[Int(n.start)..<Int(n.end)]) }
        }
        return out
    }

    /// Pre-order walk of the subtree under `node` (not including it), iterative so deep pages cannot
    /// overflow the stack. Removed subtrees are skipped unless asked for.
    public func forEachDescendant(of node: Int32, includeRemoved: Bool = false, _ body: (Int32) -> Void) {
        var current = nodes[Int(node)].firstChild
        while current >= 0 {
            let n = nodes[Int(current)]
            if includeRemoved || n.removedBy < 0 {
                body(current)
                if n.firstChild >= 0 { current = n.firstChild; continue }
            }
            // Climb until a next sibling exists, stopping at the subtree root.
            var climb = current
            current = -1
            while climb >= 0 && climb != node {
                let next = nodes[Int(climb)].nextSibling
                if next >= 0 { current = next; break }
                climb = nodes[Int(climb)].parent
                if climb == node { break }
            }
        }
    }
}
