/// The config's identity: a SHA-256 over a canonical rendering of the *effective* settings, so comments,
/// key order and defaults spelled out or left implicit do not change it, and any rule change does.
enum ConfigHasher {
    static func hash(_ config: WinnowConfig) -> String {
        var lines: [String] = []
        lines.append("version=\(config.schemaVersion)")
        lines.append("name=\(config.name)")
        lines.append("limits=\(config.limits.maxDocumentBytes),\(config.limits.maxNodes),\(config.limits.maxDepth),\(config.limits.maxDocumentSeconds)")
        // Added after the first corpora were made: hashed when it differs from its default, so the
        // rules_version of output made with the default is what it was before the key existed.
        if config.limits.maxContainerRejectsPerReason != WinnowConfig.Limits().maxContainerRejectsPerReason {
            lines.append("limits.max_container_rejects_per_reason=\(config.limits.maxContainerRejectsPerReason)")
        }
        lines.append("html.drop_tags=\(config.html.dropTags.joined(separator: ","))")
        lines.append("html.drop_hidden=\(config.html.dropHidden)")
        lines.append("html.max_removal_share=\(config.html.maxRemovalShare)")
        lines.append("text.title_max_chars=\(config.text.titleMaxChars)")
        lines.append("extract=\(config.extract.minTextChars),\(config.extract.maxLinkDensity),\(config.extract.minBlockChars)")
        if let output = config.output.hashLine { lines.append(output) }
        for rule in config.selectorRules { lines.append("selector=\(quoted(rule.name))\(quoted(rule.selector))") }
        for rule in config.lineRules {
            let exact = rule.exact.map(quoted).joined(separator: ",")
            let contains = rule.contains.map(quoted).joined(separator: ",")
            lines.append("line=\(quoted(rule.name))[\(exact)][\(contains)]\(quoted(rule.regex ?? ""))\(rule.caseInsensitive),\(rule.maxChars ?? 0),\(rule.dropFollowing),\(rule.dropRest)")
        }
        // Every setting of every filter, defaults included: a changed threshold is a rule change.
        for filter in config.filters {
            let settings = filter.settings.keys.sorted().map { "\($0)=\(filter.settings[$0]?.canonical ?? "")" }
            lines.append("filter=\(filter.name)[\(settings.joined(separator: ";"))]")
        }
        // The compiled-in models decide what is kept as much as the rules do: a retrained model is a
        // rule change (an incremental run reprocesses everything).
        lines.append("models=\(modelsDigest)")
        // Only when on: configs without dedup keep the rules_version they had.
        if config.dedup.enabled { lines.append(config.dedup.canonical) }
        return String(SHA256.hex(lines.joined(separator: "\n")).prefix(16))
    }

    static let modelsDigest = SHA256.hex(BlockModel.text + "\n" + PageTypeModel.text)

    private static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
}
