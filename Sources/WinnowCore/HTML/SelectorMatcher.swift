/// Evaluates `CSSSelector`s against a `DocumentTree`. Built once per run; matching allocates nothing.
public struct SelectorMatcher: Sendable {
    private struct CompiledAttributeTest: Sendable {
        var name: UInt16
        var op: CSSSelector.AttributeOperator
        var value: [UInt8]
        var ignoreCase: Bool
    }

    private struct CompiledCompound: Sendable {
        /// nil = any element; a known tag matches by id, a custom name by string.
        var tag: HTMLTag?
        var customTag: String?
        var classes: [[UInt8]]
        var ids: [[UInt8]]
        var attributes: [CompiledAttributeTest]
    }

    private struct CompiledComplex: Sendable {
        var compounds: [CompiledCompound]
        var combinators: [CSSSelector.Combinator]
    }

    private let alternatives: [CompiledComplex]

    /// `names` must contain every attribute the selector mentions (see `CSSSelector.attributeNames`).
    public init(_ selector: CSSSelector, names: AttributeNames) {
        alternatives = selector.alternatives.map { complex in
            CompiledComplex(
                compounds: complex.compounds.map { compound in
                    CompiledCompound(
                        tag: compound.tag.flatMap(HTMLTag.known),
                        customTag: compound.tag.flatMap { HTMLTag.known($0) == nil ? $0 : nil },
                        classes: compound.classes,
                        ids: compound.ids,
                        attributes: compound.attributes.map {
                            CompiledAttributeTest(name: names.id(of: $0.name) ?? UInt16.max, op: $0.op, value: $0.value, ignoreCase: $0.ignoreCase)
                        })
                },
                combinators: complex.combinators)
        }
    }

    /// True if element `node` matches any alternative.
    public func matches(_ node: Int32, in tree: DocumentTree) -> Bool {
        for complex in alternatives where matches(complex, at: 0, node: node, in: tree) { return true }
        return false
    }

    private func matches(_ complex: CompiledComplex, at index: Int, node: Int32, in tree: DocumentTree) -> Bool {
        guard matches(complex.compounds[index], node: node, in: tree) else { return false }
        if index + 1 == complex.compounds.count { return true }
        var ancestor = tree.nodes[Int(node)].parent
        switch complex.combinators[index] {
        case .child:
            return ancestor > 0 && matches(complex, at: index + 1, node: ancestor, in: tree)
        case .descendant:
            while ancestor > 0 {
                if matches(complex, at: index + 1, node: ancestor, in: tree) { return true }
                ancestor = tree.nodes[Int(ancestor)].parent
            }
            return false
        }
    }

    private func matches(_ compound: CompiledCompound, node: Int32, in tree: DocumentTree) -> Bool {
        let tag = tree.nodes[Int(node)].tag
        if let expected = compound.tag, expected != tag { return false }
        if let custom = compound.customTag, tree.tagName(tag) != custom { return false }
        for id in compound.ids {
            guard let value = tree.attribute(AttributeNames.id, of: node), value.elementsEqual(id) else { return false }
        }
        if !compound.classes.isEmpty {
            guard let value = tree.attribute(AttributeNames.class, of: node) else { return false }
            for name in compound.classes where !SelectorMatcher.containsWord(value, name, ignoreCase: false) { return false }
        }
        for test in compound.attributes {
            guard let value = tree.attribute(test.name, of: node) else { return false }
            if !SelectorMatcher.evaluate(test, value) { return false }
        }
        return true
    }

    private static func evaluate(_ test: CompiledAttributeTest, _ value: ArraySlice<UInt8>) -> Bool {
        switch test.op {
        case .exists: return true
        case .word: return containsWord(value, test.value, ignoreCase: test.ignoreCase)
        case .equals:
            return value.count == test.value.count && equal(value, from: value.startIndex, test.value, test.ignoreCase)
        case .prefix:
            return value.count >= test.value.count && equal(value, from: value.startIndex, test.value, test.ignoreCase)
        case .suffix:
            return value.count >= test.value.count && equal(value, from: value.endIndex - test.value.count, test.value, test.ignoreCase)
        case .contains:
            if test.ignoreCase { return ByteText.containsIgnoringASCIICase(value, test.value) }
            guard value.count >= test.value.count else { return false }
            var start = value.startIndex
            while start <= value.endIndex - test.value.count {
                if equal(value, from: start, test.value, false) { return true }
                start += 1
            }
            return false
        }
    }

    private static func equal(_ value: ArraySlice<UInt8>, from start: Int, _ expected: [UInt8], _ ignoreCase: Bool) -> Bool {
        for k in 0..<expected.count {
            let byte = ignoreCase ? ByteText.lower(value[start + k]) : value[start + k]
            if byte != expected[k] { return false }
        }
        return true
    }

    /// `word` is one of the whitespace-separated tokens of `value` (class lists, `~=`).
    static func containsWord(_ value: ArraySlice<UInt8>, _ word: [UInt8], ignoreCase: Bool) -> Bool {
        var start = value.startIndex
        let end = value.endIndex
        while start < end {
            while start < end && ByteText.isSpace(value[start]) { start += 1 }
            var stop = start
            while stop < end && !ByteText.isSpace(value[stop]) { stop += 1 }
            if stop - start == word.count && equal(value, from: start, word, ignoreCase) { return true }
            start = stop
        }
        return false
    }
}
