#if canImport(Glibc)
import Glibc
#endif

/// Evaluates `CSSSelector`s against a `DocumentTree`. Built once per run. The selector is flattened
/// into plain-data arrays (compounds, tests, one pool of value bytes), so matching an element reads
/// integers and bytes only: no String, no reference counting, no allocation. Case-insensitive tests
/// read the tree's lowercased attribute values when the cleaner has prepared them.
public struct SelectorMatcher: Sendable {
    private enum TestKind: UInt8 { case classWord, idEquals, attribute }

    private struct Test: Sendable {
        var kind: TestKind
        var op: CSSSelector.AttributeOperator
        var name: UInt16
        var ignoreCase: Bool
        var valueStart: Int32
        var valueLength: Int32
        /// The value's bit in the cleaner's `NeedleSet` (0 = none): an element whose class/id lacks
        /// the needle fails the test without a search.
        var needleBit: UInt64 = 0
        /// The needle bit alone decides the test (a case-insensitive substring test).
        var needleDecides = false
    }

    private struct Compound: Sendable {
        /// `HTMLTag` raw value, or `anyTag`; `customTag` >= 0 indexes `customTags` instead.
        var tag: UInt16
        var customTag: Int32
        var firstTest: Int32
        var testCount: Int32
        /// How this compound relates to the next one (towards the ancestors).
        var childOfNext: Bool
        /// Needle bits the element's class and id must contain for the compound to match.
        var requiredClassBits: UInt64 = 0
        var requiredIDBits: UInt64 = 0
    }

    private static let anyTag = UInt16.max

    /// The flattened selector, in one immutable object: a copy of the matcher (which the cleaner's
    /// calls make) then costs one reference count, not one per array.
    private final class Storage: Sendable {
        /// Each alternative: a range of `compounds`, subject first.
        let alternatives: [Range<Int>]
        let compounds: [Compound]
        let tests: [Test]
        let values: [UInt8]
        let customTags: [String]

        init(alternatives: [Range<Int>], compounds: [Compound], tests: [Test], values: [UInt8], customTags: [String]) {
            self.alternatives = alternatives
            self.compounds = compounds
            self.tests = tests
            self.values = values
            self.customTags = customTags
        }
    }

    private var storage: Storage

    /// `names` must contain every attribute the selector mentions (see `CSSSelector.attributeNames`).
    public init(_ selector: CSSSelector, names: AttributeNames) {
        var alternatives: [Range<Int>] = []
        var compounds: [Compound] = []
        var tests: [Test] = []
        var values: [UInt8] = []
        var customTags: [String] = []
        func addValue(_ bytes: [UInt8]) -> (Int32, Int32) {
            let start = Int32(values.count)
            values.append(contentsOf: bytes)
            return (start, Int32(bytes.count))
        }
        for complex in selector.alternatives {
            let start = compounds.count
            for (index, compound) in complex.compounds.enumerated() {
                let first = Int32(tests.count)
                for id in compound.ids {
                    let (s, n) = addValue(id)
                    tests.append(Test(kind: .idEquals, op: .equals, name: AttributeNames.id, ignoreCase: false, valueStart: s, valueLength: n))
                }
                for name in compound.classes {
                    let (s, n) = addValue(name)
                    tests.append(Test(kind: .classWord, op: .word, name: AttributeNames.class, ignoreCase: false, valueStart: s, valueLength: n))
                }
                for test in compound.attributes {
                    let (s, n) = addValue(test.value)
                    tests.append(Test(kind: .attribute, op: test.op, name: names.id(of: test.name) ?? UInt16.max - 1,
                                      ignoreCase: test.ignoreCase, valueStart: s, valueLength: n))
                }
                var tag = SelectorMatcher.anyTag
                var custom: Int32 = -1
                if let name = compound.tag {
                    if let known = HTMLTag.known(name) { tag = known.rawValue } else { custom = Int32(customTags.count); customTags.append(name) }
                }
                let childOfNext = index < complex.combinators.count && complex.combinators[index] == .child
                compounds.append(Compound(tag: tag, customTag: custom, firstTest: first, testCount: Int32(tests.count) - first, childOfNext: childOfNext))
            }
            alternatives.append(start..<compounds.count)
        }
        storage = Storage(alternatives: alternatives, compounds: compounds, tests: tests, values: values, customTags: customTags)
    }

    /// False when no alternative's subject can match an element with this tag and (no) attributes:
    /// a subject with attribute tests needs attributes, a subject with a tag needs that tag.
    public func mayMatch(tag: HTMLTag, hasAttributes: Bool) -> Bool {
        for range in storage.alternatives {
            let subject = storage.compounds[range.lowerBound]
            if subject.testCount > 0 && !hasAttributes { continue }
            if subject.tag != SelectorMatcher.anyTag && subject.tag != tag.rawValue { continue }
            return true
        }
        return false
    }

    /// Gives every class/id test with a value its bit in `needles` (adding the needle), so the
    /// `needles:` forms of `mayMatch` and `matches` can decide by bits.
    public mutating func bind(to needles: inout NeedleSet) {
        var tests = storage.tests
        var compounds = storage.compounds
        for t in tests.indices where tests[t].name == AttributeNames.class || tests[t].name == AttributeNames.id {
            let test = tests[t]
            guard test.kind != .attribute || test.op != .exists else { continue }
            let value = storage.values[Int(test.valueStart)..<Int(test.valueStart + test.valueLength)].map(ByteText.lower)
            guard let bit = needles.bit(for: value) else { continue }
            tests[t].needleBit = bit
            tests[t].needleDecides = test.kind == .attribute && test.op == .contains && test.ignoreCase
        }
        for c in compounds.indices {
            let first = Int(compounds[c].firstTest)
            for test in tests[first..<first + Int(compounds[c].testCount)] {
                if test.name == AttributeNames.class { compounds[c].requiredClassBits |= test.needleBit }
                if test.name == AttributeNames.id { compounds[c].requiredIDBits |= test.needleBit }
            }
        }
        storage = Storage(alternatives: storage.alternatives, compounds: compounds, tests: tests, values: storage.values, customTags: storage.customTags)
    }

    /// What an alternative's subject needs from an element: a tag (nil: any), attributes at all, and
    /// class/id needle bits (set by `bind(to:)`).
    public struct SubjectNeeds: Sendable {
        public let tag: HTMLTag?
        public let attributes: Bool
        public let classBits: UInt64
        public let idBits: UInt64

        public init(tag: HTMLTag?, attributes: Bool, classBits: UInt64 = 0, idBits: UInt64 = 0) {
            self.tag = tag
            self.attributes = attributes
            self.classBits = classBits
            self.idBits = idBits
        }
    }

    public var subjectNeeds: [SubjectNeeds] {
        storage.alternatives.map { range in
            let subject = storage.compounds[range.lowerBound]
            // Custom tags get their ids per document: treated as any tag here.
            let tag = subject.tag == SelectorMatcher.anyTag ? nil : HTMLTag(rawValue: subject.tag)
            return SubjectNeeds(tag: tag, attributes: subject.testCount > 0, classBits: subject.requiredClassBits, idBits: subject.requiredIDBits)
        }
    }

    /// `mayMatch` that also rules out alternatives whose subject needs a class/id needle the element
    /// lacks (after `bind(to:)`; `needles` from the same set).
    @inline(__always)
    public func mayMatch(tag: HTMLTag, hasAttributes: Bool, needles: ElementNeedles) -> Bool {
        for range in storage.alternatives {
            let subject = storage.compounds[range.lowerBound]
            if subject.testCount > 0 && !hasAttributes { continue }
            if subject.tag != SelectorMatcher.anyTag && subject.tag != tag.rawValue { continue }
            if needles.classBits & subject.requiredClassBits != subject.requiredClassBits
                || needles.idBits & subject.requiredIDBits != subject.requiredIDBits { continue }
            return true
        }
        return false
    }

    /// True if element `node` matches any alternative.
    public func matches(_ node: Int32, in tree: DocumentTree) -> Bool {
        tree.withMatchContext { matches(node, in: $0) }
    }

    public func matches(_ node: Int32, in context: MatchContext) -> Bool {
        storage.values.withUnsafeBufferPointer { pool in
            for range in storage.alternatives where matches(range, at: range.lowerBound, node: node, context, pool, nil) { return true }
            return false
        }
    }

    /// `matches` for the cleaner: `needles` are the subject element's needle bits (after `bind(to:)`;
    /// the context's lowercased values must be prepared). Ancestors are tested without bits.
    public func matches(_ node: Int32, in context: MatchContext, needles: ElementNeedles) -> Bool {
        storage.values.withUnsafeBufferPointer { pool in
            for range in storage.alternatives where matches(range, at: range.lowerBound, node: node, context, pool, needles) { return true }
            return false
        }
    }

    private func matches(_ range: Range<Int>, at index: Int, node: Int32, _ context: MatchContext, _ pool: UnsafeBufferPointer<UInt8>,
                         _ needles: ElementNeedles?) -> Bool {
        guard matchesCompound(index, node: node, context, pool, needles) else { return false }
        if index + 1 == range.upperBound { return true }
        var ancestor = context.nodes[Int(node)].parent
        if storage.compounds[index].childOfNext {
            return ancestor > 0 && matches(range, at: index + 1, node: ancestor, context, pool, nil)
        }
        while ancestor > 0 {
            if matches(range, at: index + 1, node: ancestor, context, pool, nil) { return true }
            ancestor = context.nodes[Int(ancestor)].parent
        }
        return false
    }

    private func matchesCompound(_ index: Int, node: Int32, _ context: MatchContext, _ pool: UnsafeBufferPointer<UInt8>,
                                 _ needles: ElementNeedles?) -> Bool {
        let compound = storage.compounds[index]
        let element = context.nodes[Int(node)]
        if compound.tag != SelectorMatcher.anyTag && compound.tag != element.tag.rawValue { return false }
        if let needles, needles.classBits & compound.requiredClassBits != compound.requiredClassBits
            || needles.idBits & compound.requiredIDBits != compound.requiredIDBits { return false }
        if compound.customTag >= 0 && context.tagName(element.tag) != storage.customTags[Int(compound.customTag)] { return false }
        var t = Int(compound.firstTest)
        let end = t + Int(compound.testCount)
        while t < end {
            // With bits, a missing needle already failed above; a deciding one needs no search.
            if needles == nil || !storage.tests[t].needleDecides, !passes(storage.tests[t], node: node, context, pool) { return false }
            t += 1
        }
        return true
    }

    @inline(__always)
    private func passes(_ test: Test, node: Int32, _ context: MatchContext, _ pool: UnsafeBufferPointer<UInt8>) -> Bool {
        // Find the attribute among the element's kept attributes (a handful at most).
        let element = context.nodes[Int(node)]
        var a = Int(element.start)
        let end = Int(element.end)
        while a < end && context.attributes[a].name != test.name { a += 1 }
        guard a < end else { return false }
        if test.kind == .attribute && test.op == .exists { return true }
        let attribute = context.attributes[a]
        let lowered = test.ignoreCase && context.lowered.count == context.values.count
        let source = lowered ? context.lowered : context.values
        let h = UnsafeBufferPointer(rebasing: source[Int(attribute.start)..<Int(attribute.end)])
        let n = UnsafeBufferPointer(rebasing: pool[Int(test.valueStart)..<Int(test.valueStart + test.valueLength)])
        return SelectorMatcher.compare(test.op, h, n, foldCase: test.ignoreCase && !lowered)
    }

    private static func compare(_ op: CSSSelector.AttributeOperator, _ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>, foldCase: Bool) -> Bool {
        switch op {
        case .exists: return true
        case .equals: return h.count == n.count && equal(h, 0, n, foldCase)
        case .prefix: return h.count >= n.count && equal(h, 0, n, foldCase)
        case .suffix: return h.count >= n.count && equal(h, h.count - n.count, n, foldCase)
        case .word: return containsWord(h, n, foldCase)
        case .contains:
            guard n.count > 0 else { return true }
            guard h.count >= n.count else { return false }
            if foldCase { return ByteText.containsIgnoringASCIICase(h, Array(n)) }
            return ByteSearch.contains(h, n)
        }
    }

    @inline(__always)
    private static func equal(_ h: UnsafeBufferPointer<UInt8>, _ start: Int, _ n: UnsafeBufferPointer<UInt8>, _ foldCase: Bool) -> Bool {
        var k = 0
        while k < n.count {
            let byte = foldCase ? ByteText.lower(h[start + k]) : h[start + k]
            if byte != n[k] { return false }
            k += 1
        }
        return true
    }

    /// `word` is one of the whitespace-separated tokens of `value` (class lists, `~=`).
    private static func containsWord(_ h: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>, _ foldCase: Bool) -> Bool {
        var start = 0
        while start < h.count {
            while start < h.count && ByteText.isSpace(h[start]) { start += 1 }
            var stop = start
            while stop < h.count && !ByteText.isSpace(h[stop]) { stop += 1 }
            if stop - start == word.count && equal(h, start, word, foldCase) { return true }
            start = stop
        }
        return false
    }
}
