/// Drops the lines (or paragraphs) that the config's line rules match, including the following lines
/// a rule asks for (`drop_following`), and counts hits per rule.
public struct LineFilter: Sendable {
    public let rules: LineRuleSet
    /// Whether `drop_rest` markers cut what follows them. Text dumps: yes. HTML paragraphs: no, the
    /// block classifier has already judged what follows from the page's structure (a related-posts
    /// heading it kept must not cut the rest of the article); the marker itself is still dropped.
    public let cutsAtArticleEnd: Bool

    public init(rules: LineRuleSet, cutsAtArticleEnd: Bool = true) {
        self.rules = rules
        self.cutsAtArticleEnd = cutsAtArticleEnd
    }

    /// Characters of prose (lines of 80+ characters) that must come before an article-end marker
    /// (`drop_rest`) for it to cut the rest: a marker above the article is only dropped itself.
    public static let minProseBeforeEnd = 200

    /// Returns the kept lines. Empty lines are kept (they separate paragraphs) and are not counted as
    /// the "following" lines a rule drops.
    public func filter(_ lines: [[UInt8]], hits: inout [String: Int], deadline: Double = .infinity) -> [[UInt8]] {
        keptIndices(lines, hits: &hits, deadline: deadline).map { lines[$0] }
    }

    /// The indexes of the lines `filter` keeps, in order.
    /// Past `deadline` (thread CPU time) the rest is kept unfiltered; the pipeline rejects the
    /// document (`budget.time`) anyway.
    public func keptIndices(_ lines: [[UInt8]], hits: inout [String: Int], deadline: Double = .infinity) -> [Int] {
        guard !rules.rules.isEmpty else { return Array(lines.indices) }
        var kept: [Int] = []
        kept.reserveCapacity(lines.count)
        var dropNext = 0
        var dropReason = ""
        var prose = 0
        for (index, line) in lines.enumerated() {
            if line.isEmpty { kept.append(index); continue }
            if dropNext > 0 {
                dropNext -= 1
                hits[dropReason, default: 0] += 1
                continue
            }
            if deadline.isFinite && index & 63 == 0 && CPUClock.thread() > deadline {
                kept.append(contentsOf: index..<lines.count)
                break
            }
            if let ruleIndex = rules.firstMatch(line, deadline: deadline) {
                let rule = rules.rules[ruleIndex]
                hits[rule.reason, default: 0] += 1
                if rule.dropRest && cutsAtArticleEnd && prose >= LineFilter.minProseBeforeEnd {
                    hits[rule.reason, default: 0] += lines[(index + 1)...].filter { !$0.isEmpty }.count
                    break
                }
                dropNext = rule.dropFollowing
                dropReason = rule.reason
                continue
            }
            let chars = ByteText.scalarCount(line)
            if chars >= 80 { prose += chars }
            kept.append(index)
        }
        return kept
    }
}
