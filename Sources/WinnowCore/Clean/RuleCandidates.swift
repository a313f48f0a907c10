/// Which of the cleaner's rules can possibly match an element, as a bit set over rule indexes, from the
/// element's tag, whether it has attributes, and its class/id needle bits. Most elements need no rule
/// at all, and this answers that with a few table lookups instead of asking every rule. A candidate is
/// then tested exactly; bits come out in rule order, so the first rule that matches still wins.
struct RuleCandidates: Sendable {
    /// Rules tested on every element (rules that do not say what they match).
    private var always: UInt64 = 0
    /// Rules with an alternative that any element with attributes may match.
    private var withAttributes: UInt64 = 0
    /// By tag id: rules with an alternative for that tag alone / for that tag with attributes.
    private var byTag = [UInt64](repeating: 0, count: Int(HTMLTag.firstCustomID))
    private var byTagWithAttributes = [UInt64](repeating: 0, count: Int(HTMLTag.firstCustomID))
    /// By needle bit: rules with an alternative that needs that class (id) needle.
    private var byClassBit = [UInt64](repeating: 0, count: NeedleSet.capacity)
    private var byIDBit = [UInt64](repeating: 0, count: NeedleSet.capacity)
    /// False when there are more than 64 rules: every rule is then a candidate everywhere.
    let usable: Bool

    /// `subjects[k]`: what rule `k` can match (a bound selector's subjects, or the rule's own), or nil
    /// for "anything".
    init(subjects: [[SelectorMatcher.SubjectNeeds]?]) {
        usable = subjects.count <= 64
        guard usable else { return }
        for (k, subjects) in subjects.enumerated() {
            let bit: UInt64 = 1 << UInt64(k)
            guard let subjects else { always |= bit; continue }
            for subject in subjects {
                // An alternative that needs a needle is filed under one of its needles (any one will do:
                // the exact test follows); otherwise under its tag, or under "any element".
                if subject.classBits != 0 {
                    byClassBit[subject.classBits.trailingZeroBitCount] |= bit
                } else if subject.idBits != 0 {
                    byIDBit[subject.idBits.trailingZeroBitCount] |= bit
                } else if let tag = subject.tag, Int(tag.rawValue) < byTag.count {
                    if subject.attributes { byTagWithAttributes[Int(tag.rawValue)] |= bit } else { byTag[Int(tag.rawValue)] |= bit }
                } else if subject.attributes {
                    withAttributes |= bit
                } else {
                    always |= bit
                }
            }
        }
    }

    /// Rules that may match; all rules (up to 64) when `usable` is false is the caller's business.
    @inline(__always)
    func candidates(tag: HTMLTag, hasAttributes: Bool, needles: ElementNeedles) -> UInt64 {
        var result = always
        let raw = Int(tag.rawValue)
        if raw < byTag.count { result |= byTag[raw] }
        guard hasAttributes else { return result }
        result |= withAttributes
        if raw < byTagWithAttributes.count { result |= byTagWithAttributes[raw] }
        var bits = needles.classBits
        while bits != 0 {
            result |= byClassBit[bits.trailingZeroBitCount]
            bits &= bits - 1
        }
        bits = needles.idBits
        while bits != 0 {
            result |= byIDBit[bits.trailingZeroBitCount]
            bits &= bits - 1
        }
        return result
    }
}
