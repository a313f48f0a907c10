/// Read-only views of a tree's arrays for the cleaner's hot loop: rules test thousands of elements per
/// page, and going through pointers once set up costs no reference counting or bounds bookkeeping.
/// Valid only inside `DocumentTree.withMatchContext`.
public struct MatchContext {
    public let nodes: UnsafeBufferPointer<DocumentTree.Node>
    public let attributes: UnsafeBufferPointer<DocumentTree.Attribute>
    public let values: UnsafeBufferPointer<UInt8>
    /// `values` with ASCII letters lowercased, or empty when the tree has not prepared them.
    public let lowered: UnsafeBufferPointer<UInt8>
    public let customTagNames: [String]
    /// The tree's text bytes, which text nodes' `start..<end` index.
    public let text: UnsafeBufferPointer<UInt8>

    /// The value bytes of attribute `name` on element `node`, if kept.
    @inline(__always)
    public func attribute(_ name: UInt16, of node: Int32, lowercased: Bool = false) -> UnsafeBufferPointer<UInt8>? {
        let element = nodes[Int(node)]
        guard element.tag != .text else { return nil }
        var a = Int(element.start)
        let end = Int(element.end)
        while a < end {
            let attribute = attributes[a]
            if attribute.name == name {
                let source = lowercased && lowered.count == values.count ? lowered : values
                return UnsafeBufferPointer(rebasing: source[Int(attribute.start)..<Int(attribute.end)])
            }
            a += 1
        }
        return nil
    }

    public func tagName(_ tag: HTMLTag) -> String {
        if let name = tag.name { return name }
        let index = Int(tag.rawValue) - Int(HTMLTag.firstCustomID)
        return index >= 0 && index < customTagNames.count ? customTagNames[index] : "?"
    }
}

extension DocumentTree {
    public func withMatchContext<R>(_ body: (MatchContext) -> R) -> R {
        nodes.withUnsafeBufferPointer { nodes in
            attributes.withUnsafeBufferPointer { attributes in
                attributeValues.withUnsafeBufferPointer { values in
                    lowercasedAttributeValues.withUnsafeBufferPointer { lowered in
                        text.withUnsafeBufferPointer { text in
                            body(MatchContext(nodes: nodes, attributes: attributes, values: values, lowered: lowered,
                                              customTagNames: customTagNames, text: text))
                        }
                    }
                }
            }
        }
    }
}
