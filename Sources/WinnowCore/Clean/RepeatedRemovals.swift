/// Removals by selector rules, grouped by rule and `class` value, so that the cleaner can tell a
/// set of alike elements (a grid's cards, each matched on its own) from scattered chrome.
struct RepeatedRemovals {
    /// Fewer alike removals than this are not a repeated set.
    static let minimumSize = 4
    /// A set is kept when it holds more than this share of what one element may hold
    /// (`html.max_removal_share`): many small cards add up to the page's content sooner than one block.
    static let shareOfLimit = 0.5

    private struct Key: Hashable {
        var rule: Int
        var classValue: [UInt8]
    }
    private var members: [Key: [Int]] = [:]
    private var ruleOfRemoval: [Int: Int] = [:]

    /// Records removal number `index` of `node` by rule `rule`. Elements without a class never group.
    mutating func note(removal index: Int, node: Int32, rule: Int, _ context: MatchContext) {
        guard let value = context.attribute(AttributeNames.class, of: node), !value.isEmpty else { return }
        members[Key(rule: rule, classValue: Array(value)), default: []].append(index)
        ruleOfRemoval[index] = rule
    }

    /// The removal indexes of each set with at least `minimumSize` members, in a fixed order.
    func groups(minimumSize: Int) -> [[Int]] {
        members.values.filter { $0.count >= minimumSize }.sorted { $0[0] < $1[0] }
    }

    func rule(of removal: Int) -> Int { ruleOfRemoval[removal] ?? 0 }
}
