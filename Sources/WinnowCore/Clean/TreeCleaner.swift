/// Applies element rules to a tree in one pre-order pass: the first rule that matches an element
/// removes it, and its subtree is not visited (nothing inside is counted twice). Subtrees without any
/// text are not visited at all: removing them could not change the output, so hits count removals
/// that took text away.
///
/// Guard: rules marked `guarded` (in the pipeline all of them, see CleanStage) never
/// remove the page's structure (`html`, `body`, `main`, `article`) or an element holding more than
/// `maxRemovalShare` of the page's text: a `[class*=consent]` that hits `<body class="…consent…">`
/// is a false positive, not chrome. The same holds for a set of alike elements (same rule, same
/// `class`, at least `RepeatedRemovals.minimumSize`) that together hold more than half that share:
/// the repeated cards of a listing. Such near misses are counted as `clean.guarded`.
public struct TreeCleaner: Sendable {
    public let rules: [any ElementRule]
    public let guarded: [Bool]
    public let maxRemovalShare: Double
    /// How rule `k` is called. Selector rules' matchers (bound to `needles`, given each element's
    /// needle bits) and the built-in rules are called directly: a call through `any ElementRule`
    /// copies the existential. `selector(i)` and `dropTags(i)` index the arrays below.
    private enum Dispatch { case selector(Int), dropTags(Int), hidden, other }
    private let dispatch: [Dispatch]
    private let selectors: [SelectorMatcher]
    private let dropTagRules: [DropTagsRule]
    private let needles: NeedleSet
    private let candidates: RuleCandidates

    public init(rules: [any ElementRule], guarded: [Bool]? = nil, maxRemovalShare: Double = 1) {
        self.rules = rules
        self.guarded = guarded ?? Array(repeating: false, count: rules.count)
        self.maxRemovalShare = maxRemovalShare
        var needles = NeedleSet()
        var selectors: [SelectorMatcher] = []
        var dropTagRules: [DropTagsRule] = []
        var subjects: [[SelectorMatcher.SubjectNeeds]?] = []
        dispatch = rules.map { rule in
            if var matcher = (rule as? SelectorRule)?.matcher {
                matcher.bind(to: &needles)
                selectors.append(matcher)
                subjects.append(matcher.subjectNeeds)
                return .selector(selectors.count - 1)
            }
            subjects.append(rule.subjects)
            if let drop = rule as? DropTagsRule {
                dropTagRules.append(drop)
                return .dropTags(dropTagRules.count - 1)
            }
            return rule is HiddenElementRule ? .hidden : .other
        }
        self.selectors = selectors
        self.dropTagRules = dropTagRules
        self.needles = needles
        candidates = RuleCandidates(subjects: subjects)
    }

    /// Marks removed nodes in `tree`; returns hits per rule reason. Stops early (leaving the rest
    /// uncleaned) once thread CPU time passes `deadline`; the pipeline then rejects the page.
    public func clean(_ tree: inout DocumentTree, deadline: Double = .infinity) -> [String: Int] {
        var hits: [String: Int] = [:]
        let reasonIndexes = rules.map { tree.reasonIndex($0.reason) }
        let textBytes = tree.subtreeTextBytes()
        tree.prepareLowercasedValues()
        let limit = Int(Double(textBytes.first ?? 0) * maxRemovalShare)
        // Decide with read-only views of the tree, then mark: rules never look at removal marks.
        var removals: [(node: Int32, reason: Int32)] = []
        var repeated = RepeatedRemovals()
        // Locals, not `self.` reads inside the loop: those copied the sets (retaining each array) per element.
        let needles = self.needles
        let candidates = self.candidates
        tree.withMatchContext { context in selectors.withUnsafeBufferPointer { selectors in rules.withUnsafeBufferPointer { rules in
            let nodes = context.nodes
            var current = nodes[0].firstChild
            var visited = 0
            while current >= 0 {
                visited += 1
                if visited & 4095 == 0 && deadline.isFinite && CPUClock.thread() > deadline { break }
                var descend = true
                let node = nodes[Int(current)]
                // <head> holds metadata, not content; rules do not run there (extraction skips it anyway).
                // A subtree without text cannot change the extracted text either way: skip it whole.
                if textBytes[Int(current)] == 0 {
                    descend = false
                } else if node.tag != .text && node.tag != .head {
                    let hasAttributes = node.end > node.start
                    let found = hasAttributes ? ElementNeedles.scan(current, in: context, set: needles) : ElementNeedles()
                    /// True when rule `k` removes the element (a guarded near miss is counted, not removed).
                    func removes(_ k: Int) -> Bool {
                        guard matches(k, current, node, hasAttributes, found, context, selectors, rules) else { return false }
                        if guarded[k] && !TreeCleaner.neverShown.contains(node.tag) && (TreeCleaner.structural.contains(node.tag) || textBytes[Int(current)] > limit) {
                            hits["clean.guarded", default: 0] += 1
                            return false
                        }
                        if case .selector = dispatch[k] { repeated.note(removal: removals.count, node: current, rule: k, context) }
                        removals.append((current, reasonIndexes[k]))
                        hits[rules[k].reason, default: 0] += 1
                        return true
                    }
                    if candidates.usable {
                        // Candidate bits come out in rule order, so the first rule that matches still wins.
                        var remaining = candidates.candidates(tag: node.tag, hasAttributes: hasAttributes, needles: found)
                        while remaining != 0 {
                            let k = remaining.trailingZeroBitCount
                            remaining &= remaining - 1
                            if removes(k) { descend = false; break }
                        }
                    } else {
                        // By index: iterating `enumerated()` would copy every rule's existential box per element.
                        for k in rules.indices where removes(k) { descend = false; break }
                    }
                } else if node.tag == .head {
                    descend = false
                }
                if descend && node.firstChild >= 0 {
                    current = node.firstChild
                    continue
                }
                current = TreeCleaner.next(after: current, in: nodes)
            }
        } } }
        // The guard extends to sets: cards a rule matched one by one ("product-caption" on every
        // product of a grid) that together hold the page's text are its content, not chrome.
        var kept = Set<Int>()
        for group in repeated.groups(minimumSize: RepeatedRemovals.minimumSize) {
            guard group.reduce(0, { $0 + textBytes[Int(removals[$1].node)] }) > Int(Double(limit) * RepeatedRemovals.shareOfLimit), let first = group.first else { continue }
            kept.formUnion(group)
            let reason = rules[repeated.rule(of: first)].reason
            hits[reason, default: 0] -= group.count
            if hits[reason] == 0 { hits[reason] = nil }
            hits["clean.guarded", default: 0] += group.count
        }
        for (i, removal) in removals.enumerated() where !kept.contains(i) { tree.remove(removal.node, reason: removal.reason) }
        return hits
    }

    @inline(__always)
    private func matches(_ k: Int, _ current: Int32, _ node: DocumentTree.Node, _ hasAttributes: Bool, _ found: ElementNeedles,
                         _ context: MatchContext, _ selectors: UnsafeBufferPointer<SelectorMatcher>,
                         _ rules: UnsafeBufferPointer<any ElementRule>) -> Bool {
        switch dispatch[k] {
        case .selector(let slot):
            return selectors[slot].mayMatch(tag: node.tag, hasAttributes: hasAttributes, needles: found)
                && selectors[slot].matches(current, in: context, needles: found)
        case .dropTags(let index): return dropTagRules[index].matches(current, in: context)
        case .hidden: return hasAttributes && HiddenElementRule.matches(current, in: context)
        case .other: return rules[k].mayMatch(tag: node.tag, hasAttributes: hasAttributes) && rules[k].matches(current, in: context)
        }
    }

    static let structural: Set<HTMLTag> = [.html, .body, .main, .article]
    /// Elements whose text a browser never shows (a JSON-LD script can hold most of a thin page's
    /// text): the guard does not keep them.
    static let neverShown: Set<HTMLTag> = [.script, .style, .template]

    /// The next node in pre-order that is not inside `node`.
    static func next(after node: Int32, in nodes: UnsafeBufferPointer<DocumentTree.Node>) -> Int32 {
        var climb = node
        while climb > 0 {
            let sibling = nodes[Int(climb)].nextSibling
            if sibling >= 0 { return sibling }
            climb = nodes[Int(climb)].parent
        }
        return -1
    }
}
