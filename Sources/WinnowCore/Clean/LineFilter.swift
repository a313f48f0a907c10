/// Drops the lines (or paragraphs) that the config's line rules match, including the following lines
/// a rule asks for (`drop_following`), and counts hits per rule.
public struct LineFilter: Sendable {
    public let rules: LineRuleSet

    public init(rules: LineRuleSet) { self.rules = rules }

    /// Returns the kept lines. Empty lines are kept (they separate paragraphs) and are not counted as
    /// the "following" lines a rule drops.
    public func filter(_ lines: [[UInt8]], hits: inout [String: Int]) -> [[UInt8]] {
        guard !rules.rules.isEmpty else { return lines }
        var kept: [[UInt8]] = []
        kept.reserveCapacity(lines.count)
        var dropNext = 0
        var dropReason = ""
        for line in lines {
            if line.isEmpty { kept.append(line); continue }
            if dropNext > 0 {
                dropNext -= 1
                hits[dropReason, default: 0] += 1
                continue
            }
            if let index = rules.firstMatch(line) {
                let rule = rules.rules[index]
                hits[rule.reason, default: 0] += 1
                dropNext = rule.dropFollowing
                dropReason = rule.reason
                continue
            }
            kept.append(line)
        }
        return kept
    }
}
