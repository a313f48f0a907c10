/// Read-only views of a tree's arrays for the cleaner's hot loop: rules test thousands of elements per
/// page, and going through pointers once set up costs no reference counting or bounds bookkeeping.
/// Valid only inside `DocumentTree.withMatchContext`.
public struct MatchContext {
    public let nodes: UnsafeBufferPointer<DocumentTree.Node>
    public let attributes: UnsafeBufferPointer<DocumentTree.Attribute>
    public let values: UnsafeBufferPointer<UInt8>
    /// `values` with ASCII letters lowercased, or empty when the tree has not prepared them.
    public let lowered: UnsafeBufferPointer<UInt8>
    /// `BigramSignature` of each attribute's value, by attribute index, or empty when not prepared.
    public let signatures: UnsafeBufferPointer<UInt64>
    public let customTagNames: [String]

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
    /// `signatures`: per-attribute `BigramSignature`s (see `attributeSignatures()`), or none.
    public func withMatchContext<R>(signatures: [UInt64] = [], _ body: (MatchContext) -> R) -> R {
        nodes.withUnsafeBufferPointer { nodes in
            attributes.withUnsafeBufferPointer { attributes in
                attributeValues.withUnsafeBufferPointer { values in
                    lowercasedAttributeValues.withUnsafeBufferPointer { lowered in
                        signatures.withUnsafeBufferPointer { signatures in
                            body(MatchContext(nodes: nodes, attributes: attributes, values: values, lowered: lowered,
                                              signatures: signatures, customTagNames: customTagNames))
                        }
                    }
                }
            }
        }
    }

    /// The bigram signature of every `class` and `id` value (the attributes selector rules search), for
    /// the cleaner's substring tests; other attributes get all bits set (no shortcut).
    public func attributeSignatures() -> [UInt64] {
        let source = lowercasedAttributeValues.count == attributeValues.count ? lowercasedAttributeValues : attributeValues
        return source.withUnsafeBufferPointer { values in
            attributes.map { attribute in
                guard attribute.name == AttributeNames.class || attribute.name == AttributeNames.id else { return ~0 }
                var signature: UInt64 = 0
                var i = Int(attribute.start)
                let end = Int(attribute.end)
                while i + 1 < end {
                    // Same pair hash as BigramSignature.of, on bytes that are lowercased already.
                    signature |= 1 << UInt64((UInt32(ByteText.lower(values[i])) &* 31 &+ UInt32(ByteText.lower(values[i + 1]))) & 63)
                    i += 1
                }
                return signature
            }
        }
    }
}
