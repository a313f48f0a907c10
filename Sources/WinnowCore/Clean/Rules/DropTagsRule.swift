/// Removes non-content elements by tag name (`html.drop_tags`: script, style, forms, embeds…).
public struct DropTagsRule: ElementRule {
    public let reason = "clean.drop_tags"
    let tags: [Bool]

    public init(tags: Set<HTMLTag>) {
        var table = [Bool](repeating: false, count: Int(HTMLTag.firstCustomID))
        for tag in tags where Int(tag.rawValue) < table.count { table[Int(tag.rawValue)] = true }
        self.tags = table
    }

    /// Elements with one of the tags, attributes or not.
    public var subjects: [SelectorMatcher.SubjectNeeds]? {
        tags.indices.filter { tags[$0] }.map { SelectorMatcher.SubjectNeeds(tag: HTMLTag(rawValue: UInt16($0)), attributes: false) }
    }

    public func matches(_ node: Int32, in context: MatchContext) -> Bool {
        let raw = Int(context.nodes[Int(node)].tag.rawValue)
        return raw < tags.count && tags[raw]
    }
}
