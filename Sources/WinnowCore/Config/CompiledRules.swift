import Foundation

/// The config's rules made ready for matching: selectors parsed and bound to attribute ids, regexes
/// compiled. Immutable and shared by all workers.
public struct CompiledRules: Sendable {
    public struct SelectorRule: Sendable {
        public let name: String
        public let matcher: SelectorMatcher
    }

    public let attributeNames: AttributeNames
    public let dropTags: Set<HTMLTag>
    public let selectorRules: [SelectorRule]
    public let lineRules: LineRuleSet

    init(config: WinnowConfig, file: String) throws {
        var selectors: [(String, CSSSelector)] = []
        for (i, rule) in config.selectorRules.enumerated() {
            do {
                selectors.append((rule.name, try CSSSelector(rule.selector)))
            } catch {
                throw ConfigError(file: file, key: "selectors[\(i)].selector", problem: "rule '\(rule.name)': invalid selector '\(rule.selector)': \(error)")
            }
        }
        let names = AttributeNames(extra: selectors.flatMap { $0.1.attributeNames })
        attributeNames = names
        selectorRules = selectors.map { SelectorRule(name: "rule.selector." + $0.0, matcher: SelectorMatcher($0.1, names: names)) }
        // Custom element names cannot be dropped by id; they are rare enough to use a selector rule.
        dropTags = Set(config.html.dropTags.compactMap(HTMLTag.known))
        lineRules = try LineRuleSet(config.lineRules, file: file)
    }
}
