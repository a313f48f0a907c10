/// A selector rule from the config (`selectors:`): removes every element its CSS selector matches.
public struct SelectorRule: ElementRule {
    public let reason: String
    let matcher: SelectorMatcher

    public init(_ compiled: CompiledRules.SelectorRule) {
        reason = compiled.name
        matcher = compiled.matcher
    }

    public func matches(_ node: Int32, in context: MatchContext) -> Bool { matcher.matches(node, in: context) }

    public func mayMatch(tag: HTMLTag, hasAttributes: Bool) -> Bool { matcher.mayMatch(tag: tag, hasAttributes: hasAttributes) }
}
